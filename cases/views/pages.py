"""Case pages: the list of cases in the user's scope, one case's overview and its timeline."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.models import User
from accounts.roles import POLICE_ROLES
from accounts.scoping import case_scope, signed_in_user
from cases.filters import CaseFilter
from cases.forms import FindByNameForm
from cases.models import Case, Prfi, Referral, Suspect
from cases.models.precharge import ReferralKind, Triage
from cases.models.timeline import Stage
from cases.queries import cases_with_suspect_named
from cases.transitions import STAGE_STRIP, TRANSITIONS, Event, PreChargeStatus
from rasso.pagination import BoundedPaginator

CASES_PER_PAGE = 25


def _require_case_access(request: HttpRequest) -> None:
    if case_scope(request.user).is_empty:
        raise PermissionDenied("Your role does not work on case records.")


def case_list(request: HttpRequest) -> HttpResponse:
    _require_case_access(request)
    user = signed_in_user(request)
    cases = Case.objects.visible_to(user).select_related("police_force", "cps_area")
    filtered = CaseFilter(request.GET or None, queryset=cases, user=user)
    # An invalid filter (say, a force outside the user's scope) shows its error and no cases, never every case.
    results = filtered.qs if not filtered.is_bound or filtered.is_valid() else cases.none()
    page = BoundedPaginator(results, CASES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filter": filtered,
        "sort": request.GET.get("sort", ""),
        "can_open": user.role in POLICE_ROLES,
    }
    return render(request, "cases/case_list.html", context)


@dataclass(frozen=True)
class NextStep:
    label: str
    url: str


def _may(user: User, event: Event, status: str) -> bool:
    transition = TRANSITIONS[event]
    return user.role in transition.roles and PreChargeStatus(status) in transition.sources


_SUSPECT_STEPS = [
    (Event.REQUEST_EARLY_ADVICE, "cases:request-early-advice"),
    (Event.REFER_FOR_CHARGING_DECISION, "cases:refer-for-charging-decision"),
    (Event.RECORD_POLICE_NFA, "cases:record-police-nfa"),
]


def _referral_steps(user: User, status: str, referral: Referral, case_id: int) -> list[NextStep]:
    args = [case_id, referral.pk]
    charging = referral.kind == ReferralKind.CHARGING_DECISION
    steps = []
    if charging and referral.triage == Triage.PENDING and _may(user, Event.REJECT_FILE, status):
        steps.append(NextStep("Triage the file", reverse("cases:triage-referral", args=args)))
    candidates = [
        (Event.GIVE_EARLY_ADVICE, "cases:give-early-advice"),
        (Event.SET_ACTION_PLAN, "actionplans:set-plan"),
    ]
    if charging:
        candidates.append((Event.RECORD_DECISION, "cases:record-charging-decision"))
    candidates.append((Event.PRFI, "cases:prfi-referral"))
    steps += [NextStep(e.label, reverse(name, args=args)) for e, name in candidates if _may(user, e, status)]
    return steps


def _next_steps(user: User, suspect: Suspect, referral: Referral | None, prfi: Prfi | None) -> list[NextStep]:
    """The steps this user may take for this suspect now, as the transition table allows."""
    status = suspect.pre_charge_status
    steps = [
        NextStep(event.label, reverse(name, args=[suspect.case_id, suspect.pk]))
        for event, name in _SUSPECT_STEPS
        if _may(user, event, status)
    ]
    if referral is not None:
        steps += _referral_steps(user, status, referral, suspect.case_id)
    if prfi is not None:
        reopen = (
            Event.REOPEN_EARLY_ADVICE if prfi.referral.kind == ReferralKind.EARLY_ADVICE else Event.REOPEN_REFERRAL
        )
        if _may(user, reopen, status):
            steps.append(NextStep(reopen.label, reverse("cases:reopen-referral", args=[suspect.case_id, prfi.pk])))
    return steps


@dataclass(frozen=True)
class StripStage:
    label: str
    state: str  # "done", "current" or "to-come"


def _stage_strip(status: str) -> list[StripStage]:
    if status not in STAGE_STRIP:
        return []
    reached = STAGE_STRIP.index(PreChargeStatus(status))
    return [
        StripStage(stage.label, "done" if n < reached else "current" if n == reached else "to-come")
        for n, stage in enumerate(STAGE_STRIP)
    ]


@dataclass(frozen=True)
class SuspectSummary:
    suspect: Suspect
    strip: list[StripStage]
    referrals: list[Referral]
    open_referral: Referral | None
    overdue: bool
    next_steps: list[NextStep]


def visible_case(request: HttpRequest, pk: int) -> Case:
    """The case if the user may see it, else 404: every case page starts here."""
    return get_object_or_404(
        Case.objects.visible_to(request.user).select_related(
            "police_force", "cps_area", "rasso_unit", "officer_in_charge", "allocated_prosecutor"
        ),
        pk=pk,
    )


def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = visible_case(request, pk)
    user = signed_in_user(request)
    today = timezone.localdate()
    referrals = Referral.objects.select_related("decision").prefetch_related(
        Prefetch("prfis", queryset=Prfi.objects.select_related("referral"))
    )
    suspects = case.suspects.prefetch_related(Prefetch("referrals", queryset=referrals))
    summaries = []
    for suspect in suspects:
        history = list(suspect.referrals.all())
        open_referral = next((r for r in history if r.closed_on is None), None)
        open_prfi = next((p for r in history for p in r.prfis.all() if p.reopened_on is None), None)
        summaries.append(
            SuspectSummary(
                suspect=suspect,
                strip=_stage_strip(suspect.pre_charge_status),
                referrals=history,
                open_referral=open_referral,
                overdue=open_referral is not None and open_referral.is_overdue(today),
                next_steps=_next_steps(user, suspect, open_referral, open_prfi),
            )
        )
    context = {
        "case": case,
        "offences": case.offences.all(),
        "summaries": summaries,
        "can_add_suspect": user.role in POLICE_ROLES,
        "tab": "overview",
    }
    return render(request, "cases/case_detail.html", context)


def case_timeline(request: HttpRequest, pk: int) -> HttpResponse:
    case = visible_case(request, pk)
    stage = request.GET.get("stage", "")
    events = case.timeline.select_related("actor")
    if stage in Stage.values:
        events = events.filter(stage=stage)
    return render(
        request,
        "cases/case_timeline.html",
        {"case": case, "events": events, "stages": Stage.choices, "stage": stage, "tab": "timeline"},
    )


def case_suspects(request: HttpRequest, pk: int) -> HttpResponse:
    """Each suspect in full, with their name: this tab is where a caseworker needs it."""
    case = visible_case(request, pk)
    return render(
        request, "cases/case_suspects.html", {"case": case, "suspects": case.suspects.all(), "tab": "suspects"}
    )


def _referrals_of(case: Case, kind: ReferralKind) -> QuerySet[Referral]:
    return (
        Referral.objects.filter(suspect__case=case, kind=kind)
        .select_related("suspect", "decision")
        .prefetch_related("prfis", "decision__charged_offences")
        .order_by("suspect__label", "received_on", "id")
    )


def case_early_advice(request: HttpRequest, pk: int) -> HttpResponse:
    case = visible_case(request, pk)
    referrals = _referrals_of(case, ReferralKind.EARLY_ADVICE)
    return render(
        request,
        "cases/case_referrals.html",
        {"case": case, "referrals": referrals, "tab": "early_advice", "heading": "Early advice"},
    )


def case_charging(request: HttpRequest, pk: int) -> HttpResponse:
    case = visible_case(request, pk)
    referrals = _referrals_of(case, ReferralKind.CHARGING_DECISION)
    return render(
        request,
        "cases/case_referrals.html",
        {"case": case, "referrals": referrals, "tab": "charging", "heading": "Charging"},
    )


FOUND_BY_NAME_LIMIT = 50


@require_http_methods(["GET", "POST"])
def find_by_name(request: HttpRequest) -> HttpResponse:
    """Cases in the user's scope with a suspect of that name: a POST, answered in place, never a redirect."""
    _require_case_access(request)
    form = FindByNameForm(request.POST or None)
    found = None
    if form.is_valid():
        found = list(
            cases_with_suspect_named(signed_in_user(request), form.cleaned_data["name"])[:FOUND_BY_NAME_LIMIT]
        )
    return render(request, "cases/find_by_name.html", {"form": form, "found": found, "limit": FOUND_BY_NAME_LIMIT})
