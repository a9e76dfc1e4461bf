"""One page per step of the journey: a GOV.UK form that calls the step's service, with an interruption page
before the irreversible ones (NFA, PRFI)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts.roles import Doers
from accounts.scoping import signed_in_user
from cases.forms import (
    ChargingReferralForm,
    DecisionForm,
    EarlyAdviceForm,
    EarlyAdviceRequestForm,
    OpenCaseForm,
    PoliceNfaForm,
    PrfiForm,
    ReopenForm,
    SuspectForm,
    TriageForm,
)
from cases.models import Case, Prfi, Referral, Suspect
from cases.models.precharge import NFA_OUTCOMES, CrimeOutcome
from cases.services import precharge, records
from cases.transitions import Event, RoleNotAllowed, TransitionNotAllowed, doers
from cases.views.pages import visible_case


def put_errors_on_form(form: forms.Form, refusal: ValidationError) -> None:
    if not hasattr(refusal, "error_dict"):
        form.add_error(None, refusal)
        return
    for field, errors in refusal.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def step_page(
    request: HttpRequest,
    *,
    case: Case | None,
    doers: Doers,
    title: str,
    form: forms.Form,
    run: Callable[[dict[str, Any]], object],
    done: str,
    confirmation: str | Callable[[dict[str, Any]], str] = "",
    done_url: str = "",
    summary: list[tuple[str, str]] | None = None,
) -> HttpResponse:
    """Show the form; on a valid post (confirmed, where the step asks) call the service and go back to the case
    (or to ``done_url``). ``summary`` is shown above the form: what the step answers.

    ``confirmation`` is the interruption shown before an irreversible step, or a function of what was entered
    that gives it (empty for no interruption). Only ``doers`` see the form: the service refuses
    any other role, so the page does too, before it shows anything."""
    doers.require(signed_in_user(request).role)
    back_url = done_url or (reverse("cases:detail", args=[case.pk]) if case else reverse("dashboards:home"))
    if request.method == "POST" and form.is_valid():
        if callable(confirmation):
            confirmation = confirmation(form.cleaned_data)
        if confirmation and request.POST.get("confirmed") != "yes":
            posted = [(k, v) for k, values in request.POST.lists() if k != "csrfmiddlewaretoken" for v in values]
            return render(
                request,
                "cases/confirm_step.html",
                {"case": case, "title": title, "confirmation": confirmation, "posted": posted, "back_url": back_url},
            )
        try:
            run(form.cleaned_data)
        except RoleNotAllowed as refused:
            raise PermissionDenied(str(refused)) from refused
        except TransitionNotAllowed as refused:
            form.add_error(None, str(refused))
        except ValidationError as refused:
            put_errors_on_form(form, refused)
        else:
            messages.success(request, done)
            return redirect(back_url)
    context = {"case": case, "title": title, "form": form, "summary": summary or [], "back_url": back_url}
    return render(request, "cases/step_form.html", context)


def posted(request: HttpRequest) -> dict[str, Any] | None:
    return request.POST if request.method == "POST" else None


def _suspect(request: HttpRequest, pk: int, suspect_pk: int) -> Suspect:
    return get_object_or_404(Suspect.objects.select_related("case"), pk=suspect_pk, case=visible_case(request, pk))


def _referral(request: HttpRequest, pk: int, referral_pk: int) -> Referral:
    case = visible_case(request, pk)
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
        request, "cases/step_form.html", {"title": "Open a case", "form": form, "back_url": reverse("cases:list")}
    )


def add_suspect(request: HttpRequest, pk: int) -> HttpResponse:
    case = visible_case(request, pk)
    actor = signed_in_user(request)
    return step_page(
        request,
        case=case,
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
        case=suspect.case,
        doers=doers(Event.REQUEST_EARLY_ADVICE),
        title=f"Request early advice for {suspect.label}",
        form=EarlyAdviceRequestForm(posted(request)),
        run=lambda data: precharge.request_early_advice(actor=actor, suspect=suspect, **data),
        done=f"Early advice requested for {suspect.label}",
    )


def refer_for_charging_decision(request: HttpRequest, pk: int, suspect_pk: int) -> HttpResponse:
    suspect = _suspect(request, pk, suspect_pk)
    actor = signed_in_user(request)
    return step_page(
        request,
        case=suspect.case,
        doers=doers(Event.REFER_FOR_CHARGING_DECISION),
        title=f"Refer {suspect.label} for a charging decision",
        form=ChargingReferralForm(posted(request)),
        run=lambda data: precharge.refer_for_charging_decision(actor=actor, suspect=suspect, **data),
        done=f"{suspect.label} referred for a charging decision",
    )


def record_police_nfa(request: HttpRequest, pk: int, suspect_pk: int) -> HttpResponse:
    suspect = _suspect(request, pk, suspect_pk)
    actor = signed_in_user(request)
    return step_page(
        request,
        case=suspect.case,
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
        case=referral.suspect.case,
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
        case=referral.suspect.case,
        doers=doers(Event.REJECT_FILE),
        title=f"Triage the file for {referral.suspect.label}",
        form=TriageForm(posted(request)),
        run=lambda data: precharge.triage_referral(actor=actor, referral=referral, **data),
        done=f"File for {referral.suspect.label} triaged",
    )


def record_charging_decision(request: HttpRequest, pk: int, referral_pk: int) -> HttpResponse:
    referral = _referral(request, pk, referral_pk)
    actor = signed_in_user(request)
    form = DecisionForm(posted(request))
    return step_page(
        request,
        case=referral.suspect.case,
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
        case=referral.suspect.case,
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
    case = visible_case(request, pk)
    prfi = get_object_or_404(
        Prfi.objects.select_related("referral__suspect"), pk=prfi_pk, referral__suspect__case=case
    )
    actor = signed_in_user(request)
    return step_page(
        request,
        case=case,
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
