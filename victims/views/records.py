"""A complainant's records, one GOV.UK form each: communication wishes, ISVA, special measures, withdrawal of
support, pre-trial meetings and Victims' Right to Review."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.roles import Doers
from accounts.scoping import signed_in_user
from cases.models import Case
from cases.views.steps import on_case
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
from victims.identity import CASEWORKERS
from victims.letters import LETTER_WRITERS
from victims.models import Complainant, PreTrialMeeting, VrrRequest
from victims.views.complainants import tab_url, visible_complainant
from web.steps import posted, step_page


def complainant_step(
    request: HttpRequest,
    pk: int,
    complainant_pk: int,
    *,
    title: str,
    form: type[forms.Form],
    service: Callable[..., object],
    doers: Doers,
    done: str,
    initial: Callable[[Complainant], dict[str, Any]] | None = None,
    confirmation: str = "",
) -> HttpResponse:
    """A form about one complainant that calls one service; ``title``, ``done`` and ``confirmation`` may name the
    complainant as {label}."""
    complainant = visible_complainant(request, pk, complainant_pk)
    actor = signed_in_user(request)
    label = complainant.label
    return step_page(
        request,
        doers=doers,
        **on_case(complainant.case, done_url=tab_url(complainant.case_id)),
        title=title.format(label=label),
        form=form(posted(request), initial=initial(complainant) if initial else None),
        run=lambda data: service(actor=actor, complainant=complainant, **data),
        done=done.format(label=label),
        confirmation=confirmation.format(label=label),
    )


def _current_wishes(complainant: Complainant) -> dict[str, Any]:
    current = getattr(complainant, "wishes", None)
    if current is None:
        return {}
    fields = (
        "channel", "safe_times", "language", "interpreter", "accessible_formats", "others_who_may_be_told",
        "no_contact", "copy_isva",
    )  # fmt: skip
    return {field: getattr(current, field) for field in fields}


def wishes(request: HttpRequest, pk: int, complainant_pk: int) -> HttpResponse:
    return complainant_step(
        request,
        pk,
        complainant_pk,
        title=_("Communication wishes of {label}"),
        form=WishesForm,
        service=services.record_wishes,
        doers=CASEWORKERS,
        done=_("Communication wishes of {label} recorded"),
        initial=_current_wishes,
    )


def isva(request: HttpRequest, pk: int, complainant_pk: int) -> HttpResponse:
    return complainant_step(
        request,
        pk,
        complainant_pk,
        title=_("ISVA of {label}"),
        form=IsvaForm,
        service=services.record_isva,
        doers=CASEWORKERS,
        done=_("ISVA of {label} recorded"),
    )


def special_measure(request: HttpRequest, pk: int, complainant_pk: int) -> HttpResponse:
    return complainant_step(
        request,
        pk,
        complainant_pk,
        title=_("Special measure for {label}"),
        form=SpecialMeasureForm,
        service=services.record_special_measure,
        doers=LETTER_WRITERS,
        done=_("Special measure for {label} recorded"),
    )


def withdrawal(request: HttpRequest, pk: int, complainant_pk: int) -> HttpResponse:
    return complainant_step(
        request,
        pk,
        complainant_pk,
        title=_("Record that {label} withdrew support"),
        form=WithdrawalForm,
        service=services.record_withdrawal,
        doers=CASEWORKERS,
        done=_("Withdrawal of support by {label} recorded"),
        confirmation=_("You are recording that {label} no longer supports the case."),
    )


def offer_meeting(request: HttpRequest, pk: int, complainant_pk: int) -> HttpResponse:
    return complainant_step(
        request,
        pk,
        complainant_pk,
        title=_("Offer {label} a pre-trial meeting"),
        form=MeetingOfferForm,
        service=services.offer_meeting,
        doers=LETTER_WRITERS,
        done=_("Pre-trial meeting offered to {label}"),
    )


def vrr_request(request: HttpRequest, pk: int, complainant_pk: int) -> HttpResponse:
    return complainant_step(
        request,
        pk,
        complainant_pk,
        title=_("Victims' Right to Review request from {label}"),
        form=VrrRequestForm,
        service=services.record_vrr_request,
        doers=LETTER_WRITERS,
        done=_("Victims' Right to Review request recorded"),
    )


def answer_meeting(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)
    meeting = get_object_or_404(
        PreTrialMeeting.objects.select_related("complainant__case"), pk=meeting_pk, complainant__case=case
    )
    actor = signed_in_user(request)
    return step_page(
        request,
        **on_case(case, done_url=tab_url(case.pk)),
        doers=LETTER_WRITERS,
        title=_("Pre-trial meeting with {label}").format(label=meeting.complainant.label),
        form=MeetingAnswerForm(posted(request)),
        run=lambda data: services.answer_meeting(actor=actor, meeting=meeting, **data),
        done=_("Pre-trial meeting recorded"),
    )


def vrr_outcome(request: HttpRequest, pk: int, vrr_pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)
    vrr = get_object_or_404(VrrRequest.objects.select_related("complainant__case"), pk=vrr_pk, complainant__case=case)
    actor = signed_in_user(request)
    return step_page(
        request,
        **on_case(case, done_url=tab_url(case.pk)),
        doers=LETTER_WRITERS,
        title=_("Outcome of the Victims' Right to Review request from {label}").format(label=vrr.complainant.label),
        form=VrrOutcomeForm(posted(request)),
        run=lambda data: services.record_vrr_outcome(actor=actor, request=vrr, **data),
        done=_("Outcome recorded"),
    )
