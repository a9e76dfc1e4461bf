"""One page per step of the journey: a GOV.UK form that calls the step's service, with an interruption page
before the irreversible ones (NFA, PRFI)."""

from __future__ import annotations

from typing import TypedDict

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts.scoping import signed_in_user
from cases.forms.precharge import (
    ChargingReferralForm,
    DecisionForm,
    EarlyAdviceForm,
    EarlyAdviceRequestForm,
    PoliceNfaForm,
    PrfiForm,
    ReopenForm,
    TriageForm,
)
from cases.forms.records import OpenCaseForm, SuspectForm
from cases.models import Case, Prfi, Referral, Suspect
from cases.models.precharge import NFA_OUTCOMES, CrimeOutcome
from cases.services import precharge, records
from cases.transitions import Event, doers
from cases.views.referrals import triage_summary
from web.steps import posted, put_errors_on_form, step_page


class CaseStep(TypedDict):
    caption: str
    done_url: str


def on_case(case: Case, *, done_url: str = "") -> CaseStep:
    """What a step page on a case takes from it (``step_page(request, **on_case(case), ...)``): its URN as the
    caption, and the way back to it, unless the step goes back to ``done_url``."""
    return {"caption": f"Case {case.urn}", "done_url": done_url or reverse("cases:detail", args=[case.pk])}


def _suspect(request: HttpRequest, pk: int, suspect_pk: int) -> Suspect:
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)
    return get_object_or_404(Suspect.objects.select_related("case"), pk=suspect_pk, case=case)


def _referral(request: HttpRequest, pk: int, referral_pk: int) -> Referral:
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)
    return get_object_or_404(Referral.objects.select_related("suspect__case"), pk=referral_pk, suspect__case=case)


def open_case(request: HttpRequest) -> HttpResponse:
    actor = signed_in_user(request)
    records.CASE_OPENERS.require(actor.role)
    if actor.police_force is None:
        raise PermissionDenied("Cases are opened by an officer of a force: yours is not set.")
    force = actor.police_force
    form = OpenCaseForm(posted(request), police_force_id=force.pk)
    if request.method == "POST" and form.is_valid():
        try:
            case = records.open_case(actor=actor, police_force=force, **form.cleaned_data)
        except ValidationError as refused:
            put_errors_on_form(form, refused)
        else:
            messages.success(request, f"Case {case.urn} opened. Add its suspects next.")
            return redirect("cases:detail", pk=case.pk)
    return render(
        request, "web/step_form.html", {"title": "Open a case", "form": form, "back_url": reverse("cases:list")}
    )


def add_suspect(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)
    actor = signed_in_user(request)
    return step_page(
        request,
        **on_case(case),
        doers=records.SUSPECT_ADDERS,
        title="Add a suspect",
        form=SuspectForm(posted(request)),
        run=lambda data: records.add_suspect(actor=actor, case=case, **data),
        done="Suspect added",
    )


def request_early_advice(request: HttpRequest, pk: int, suspect_pk: int) -> HttpResponse:
    suspect = _suspect(request, pk, suspect_pk)
    actor = signed_in_user(request)
    return step_page(
        request,
        **on_case(suspect.case),
        doers=doers(Event.REQUEST_EARLY_ADVICE),
        title=f"Request early advice for {suspect.label}",
        form=EarlyAdviceRequestForm(posted(request), suspect=suspect),
        run=lambda data: precharge.request_early_advice(actor=actor, suspect=suspect, **data),
        done=f"Early advice requested for {suspect.label}",
    )


def refer_for_charging_decision(request: HttpRequest, pk: int, suspect_pk: int) -> HttpResponse:
    suspect = _suspect(request, pk, suspect_pk)
    actor = signed_in_user(request)
    return step_page(
        request,
        **on_case(suspect.case),
        doers=doers(Event.REFER_FOR_CHARGING_DECISION),
        title=f"Refer {suspect.label} for a charging decision",
        form=ChargingReferralForm(posted(request), suspect=suspect),
        run=lambda data: precharge.refer_for_charging_decision(actor=actor, suspect=suspect, **data),
        done=f"{suspect.label} referred for a charging decision",
    )


def record_police_nfa(request: HttpRequest, pk: int, suspect_pk: int) -> HttpResponse:
    suspect = _suspect(request, pk, suspect_pk)
    actor = signed_in_user(request)
    return step_page(
        request,
        **on_case(suspect.case),
        doers=doers(Event.RECORD_POLICE_NFA),
        title=f"Record no further action for {suspect.label}",
        form=PoliceNfaForm(posted(request)),
        run=lambda data: precharge.record_police_nfa(actor=actor, suspect=suspect, **data),
        done=f"No further action recorded for {suspect.label}",
        confirmation=lambda data: (
            f"You are recording that the police will take no further action against {suspect.label} "
            f"(Home Office outcome {CrimeOutcome(data['outcome_code']).label}). "
            "This ends the pre-charge journey for this suspect and is reported to the victim."
        ),
    )


def give_early_advice(request: HttpRequest, pk: int, referral_pk: int) -> HttpResponse:
    referral = _referral(request, pk, referral_pk)
    actor = signed_in_user(request)
    return step_page(
        request,
        **on_case(referral.suspect.case),
        doers=doers(Event.GIVE_EARLY_ADVICE),
        title=f"Give early advice for {referral.suspect.label}",
        form=EarlyAdviceForm(posted(request)),
        run=lambda data: precharge.give_early_advice(actor=actor, referral=referral, **data),
        done=f"Early advice given for {referral.suspect.label}",
    )


def triage_referral(request: HttpRequest, pk: int, referral_pk: int) -> HttpResponse:
    referral = _referral(request, pk, referral_pk)
    actor = signed_in_user(request)
    return step_page(
        request,
        **on_case(referral.suspect.case),
        doers=doers(Event.REJECT_FILE),
        title=f"Triage the file for {referral.suspect.label}",
        summary=triage_summary(referral),
        form=TriageForm(posted(request), referral=referral),
        run=lambda data: precharge.triage_referral(actor=actor, referral=referral, **data),
        done=f"File for {referral.suspect.label} triaged",
    )


def record_charging_decision(request: HttpRequest, pk: int, referral_pk: int) -> HttpResponse:
    referral = _referral(request, pk, referral_pk)
    actor = signed_in_user(request)
    form = DecisionForm(posted(request))
    return step_page(
        request,
        **on_case(referral.suspect.case),
        doers=doers(Event.RECORD_DECISION),
        title=f"Record the charging decision for {referral.suspect.label}",
        form=form,
        run=lambda _: precharge.record_charging_decision(actor=actor, referral=referral, **form.service_arguments()),
        done=f"Charging decision recorded for {referral.suspect.label}",
        confirmation=lambda data: (
            f"You are deciding to take no further action against {referral.suspect.label}. "
            "The victim will be told and may ask for a review under the Victims' Right to Review scheme."
            if data["outcome"] in NFA_OUTCOMES
            else ""
        ),
    )


def prfi_referral(request: HttpRequest, pk: int, referral_pk: int) -> HttpResponse:
    referral = _referral(request, pk, referral_pk)
    actor = signed_in_user(request)
    return step_page(
        request,
        **on_case(referral.suspect.case),
        doers=doers(Event.PRFI),
        title=f"Close the file for {referral.suspect.label} as PRFI",
        form=PrfiForm(posted(request)),
        run=lambda data: precharge.prfi_referral(actor=actor, referral=referral, **data),
        done=f"File for {referral.suspect.label} closed as PRFI",
        confirmation=(
            f"You are closing the CPS file for {referral.suspect.label} while the police respond (PRFI); any "
            "action plans still outstanding close with it. It is not a prosecutorial decision: the police's "
            "response comes back as a new referral."
        ),
    )


def reopen_referral(request: HttpRequest, pk: int, prfi_pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)
    prfi = get_object_or_404(
        Prfi.objects.select_related("referral__suspect"), pk=prfi_pk, referral__suspect__case=case
    )
    actor = signed_in_user(request)
    return step_page(
        request,
        **on_case(case),
        doers=doers(Event.REOPEN_AFTER_PRFI),
        title=f"Reopen the file for {prfi.referral.suspect.label} after PRFI",
        summary=[
            (
                "What happens",
                f"The police's response is a new {prfi.referral.get_kind_display().lower()} referral, received on "
                "the date you enter, with its own deadline.",
            )
        ],
        form=ReopenForm(posted(request)),
        run=lambda data: precharge.reopen_referral(actor=actor, prfi=prfi, **data),
        done=f"File for {prfi.referral.suspect.label} reopened",
    )
