"""A complainant's records, one GOV.UK form each: communication wishes, ISVA, special measures, withdrawal of
support, pre-trial meetings and Victims' Right to Review."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from accounts.scoping import signed_in_user
from cases.views.pages import visible_case
from cases.views.steps import posted, step_page
from victims import services
from victims.forms import (
    IsvaForm,
    MeetingAnswerForm,
    MeetingOfferForm,
    SpecialMeasureForm,
    VrrOutcomeForm,
    VrrRequestForm,
    WishesForm,
    WithdrawalForm,
)
from victims.models import PreTrialMeeting, VrrRequest
from victims.views.complainants import tab_url, visible_complainant


def wishes(request: HttpRequest, pk: int, complainant_pk: int) -> HttpResponse:
    complainant = visible_complainant(request, pk, complainant_pk)
    actor = signed_in_user(request)
    current = getattr(complainant, "wishes", None)
    initial = {}
    if current is not None:
        initial = {
            field: getattr(current, field)
            for field in ("channel", "safe_times", "language", "interpreter", "accessible_formats")
        } | {"others_who_may_be_told": current.others_who_may_be_told}
    return step_page(
        request,
        case=complainant.case,
        title=f"Communication wishes of {complainant.label}",
        form=WishesForm(posted(request), initial=initial),
        run=lambda data: services.record_wishes(actor=actor, complainant=complainant, **data),
        done=f"Communication wishes of {complainant.label} recorded",
        done_url=tab_url(complainant.case_id),
    )


def isva(request: HttpRequest, pk: int, complainant_pk: int) -> HttpResponse:
    complainant = visible_complainant(request, pk, complainant_pk)
    actor = signed_in_user(request)
    return step_page(
        request,
        case=complainant.case,
        title=f"ISVA of {complainant.label}",
        form=IsvaForm(posted(request)),
        run=lambda data: services.record_isva(actor=actor, complainant=complainant, **data),
        done=f"ISVA of {complainant.label} recorded",
        done_url=tab_url(complainant.case_id),
    )


def special_measure(request: HttpRequest, pk: int, complainant_pk: int) -> HttpResponse:
    complainant = visible_complainant(request, pk, complainant_pk)
    actor = signed_in_user(request)
    return step_page(
        request,
        case=complainant.case,
        title=f"Special measure for {complainant.label}",
        form=SpecialMeasureForm(posted(request)),
        run=lambda data: services.record_special_measure(actor=actor, complainant=complainant, **data),
        done=f"Special measure for {complainant.label} recorded",
        done_url=tab_url(complainant.case_id),
    )


def withdrawal(request: HttpRequest, pk: int, complainant_pk: int) -> HttpResponse:
    complainant = visible_complainant(request, pk, complainant_pk)
    actor = signed_in_user(request)
    return step_page(
        request,
        case=complainant.case,
        title=f"Record that {complainant.label} withdrew support",
        form=WithdrawalForm(posted(request)),
        run=lambda data: services.record_withdrawal(actor=actor, complainant=complainant, **data),
        done=f"Withdrawal of support by {complainant.label} recorded",
        done_url=tab_url(complainant.case_id),
        confirmation=f"You are recording that {complainant.label} no longer supports the case.",
    )


def offer_meeting(request: HttpRequest, pk: int, complainant_pk: int) -> HttpResponse:
    complainant = visible_complainant(request, pk, complainant_pk)
    actor = signed_in_user(request)
    return step_page(
        request,
        case=complainant.case,
        title=f"Offer {complainant.label} a pre-trial meeting",
        form=MeetingOfferForm(posted(request)),
        run=lambda data: services.offer_meeting(actor=actor, complainant=complainant, **data),
        done=f"Pre-trial meeting offered to {complainant.label}",
        done_url=tab_url(complainant.case_id),
    )


def answer_meeting(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    case = visible_case(request, pk)
    meeting = get_object_or_404(
        PreTrialMeeting.objects.select_related("complainant__case"), pk=meeting_pk, complainant__case=case
    )
    actor = signed_in_user(request)
    return step_page(
        request,
        case=case,
        title=f"Pre-trial meeting with {meeting.complainant.label}",
        form=MeetingAnswerForm(posted(request)),
        run=lambda data: services.answer_meeting(actor=actor, meeting=meeting, **data),
        done="Pre-trial meeting recorded",
        done_url=tab_url(case.pk),
    )


def vrr_request(request: HttpRequest, pk: int, complainant_pk: int) -> HttpResponse:
    complainant = visible_complainant(request, pk, complainant_pk)
    actor = signed_in_user(request)
    return step_page(
        request,
        case=complainant.case,
        title=f"Victims' Right to Review request from {complainant.label}",
        form=VrrRequestForm(posted(request)),
        run=lambda data: services.record_vrr_request(actor=actor, complainant=complainant, **data),
        done="Victims' Right to Review request recorded",
        done_url=tab_url(complainant.case_id),
    )


def vrr_outcome(request: HttpRequest, pk: int, vrr_pk: int) -> HttpResponse:
    case = visible_case(request, pk)
    vrr = get_object_or_404(VrrRequest.objects.select_related("complainant__case"), pk=vrr_pk, complainant__case=case)
    actor = signed_in_user(request)
    return step_page(
        request,
        case=case,
        title=f"Outcome of the Victims' Right to Review request from {vrr.complainant.label}",
        form=VrrOutcomeForm(posted(request)),
        run=lambda data: services.record_vrr_outcome(actor=actor, request=vrr, **data),
        done="Outcome recorded",
        done_url=tab_url(case.pk),
    )
