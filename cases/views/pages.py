"""Case pages: the list of cases in the user's scope, one case's overview and its timeline."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.models import User
from accounts.scoping import case_scope, signed_in_user
from cases import search
from cases.filters import CaseFilter, CaseSearchForm
from cases.forms.records import FindByNameForm
from cases.models import Case, PoliceNfa, Prfi, Referral, Suspect
from cases.models.precharge import ReferralKind, Triage
from cases.models.timeline import Stage
from cases.queries import cases_with_suspect_named
from cases.services import records
from cases.services.common import facts_from
from cases.transitions import Event, Facts, SuspectStatus, may, stage_strip
from web.pagination import BoundedPaginator

CASES_PER_PAGE = 25


def _require_case_access(request: HttpRequest) -> None:
    if case_scope(request.user).is_empty:
        raise PermissionDenied("Your role does not work on case records.")


@require_http_methods(["GET", "POST"])
def case_list(request: HttpRequest) -> HttpResponse:
    """The cases in the user's scope, searched and filtered. The search box posts what was typed: a URN or a label
    goes on to the address (``?q=``), or straight to the case when a whole URN finds it; a name is answered in the
    POST's response and never put in an address."""
    _require_case_access(request)
    user = signed_in_user(request)
    cases = Case.objects.visible_to(user).select_related("police_force", "cps_area")
    if request.method == "POST":
        form = CaseSearchForm(request.POST)
        if form.is_valid():
            return _search(request, user, cases, form)
        filtered = CaseFilter(queryset=cases, user=user)
    else:
        filtered = CaseFilter(request.GET or None, queryset=cases, user=user)
        if filtered.is_bound and "q" in filtered.errors:
            # Not a URN or a label: perhaps a name, which is neither repeated nor kept in the address.
            messages.error(request, search.NOT_A_URN_OR_LABEL)
            rest = request.GET.copy()
            del rest["q"]
            return redirect(reverse("cases:list") + (f"?{rest.urlencode()}" if rest else ""))
        query = filtered.form.cleaned_data.get("q") if filtered.is_bound else None
        form = CaseSearchForm(initial={"q": str(query or "")})
    # An invalid filter (say, a force outside the user's scope) shows its error and no cases, never every case.
    results = filtered.qs if not filtered.is_bound or filtered.is_valid() else cases.none()
    page = BoundedPaginator(results, CASES_PER_PAGE).get_page(request.GET.get("page"))
    return _case_list_page(request, user, form, filtered, {"page": page, "query": form.initial.get("q")})


def _search(request: HttpRequest, user: User, cases: QuerySet[Case], form: CaseSearchForm) -> HttpResponse:
    typed = form.cleaned_data["q"]
    query = search.parse(typed)
    if query is None:
        named = list(cases_with_suspect_named(user, typed)[:FOUND_BY_NAME_LIMIT])
        return _case_list_page(request, user, form, CaseFilter(queryset=cases, user=user), {"named": named})
    if query.whole_urn:
        found = list(query.applied_to(cases).values_list("pk", flat=True)[:2])
        if len(found) == 1:
            return redirect("cases:detail", found[0])
    return redirect(f"{reverse('cases:list')}?{urlencode({'q': str(query)})}")


def _case_list_page(
    request: HttpRequest, user: User, form: CaseSearchForm, filtered: CaseFilter, found: dict[str, object]
) -> HttpResponse:
    """The list page: a page of the filtered cases (``page``), or the cases found by a name (``named``)."""
    context = {
        "search_form": form,
        "filter": filtered,
        "sort": request.GET.get("sort", ""),
        # The filters are shown open while any is in use, or in error.
        "filtering": bool(set(request.GET) - {"q", "sort", "page"} or filtered.form.errors),
        "can_open": records.CASE_OPENERS.allows(user.role),
        "limit": FOUND_BY_NAME_LIMIT,
        **found,
    }
    return render(request, "cases/case_list.html", context)


@dataclass(frozen=True)
class NextStep:
    label: str
    url: str


@dataclass(frozen=True)
class Step:
    event: Event
    page: str  # its URL name
    label: str = ""  # the event's, unless the page takes it another way


# Each step the case page offers, and the page that takes it: for the suspect, for the referral waiting on the CPS,
# for the suspect's file (the open referral, else the most recent: plans after advice, PRFI of the waiting file),
# for the PRFI that may be reopened, and after charge.
_SUSPECT_STEPS = [
    Step(Event.REQUEST_EARLY_ADVICE, "cases:request-early-advice"),
    Step(Event.REFER_FOR_CHARGING_DECISION, "cases:refer-for-charging-decision"),
    Step(Event.RECORD_POLICE_NFA, "cases:record-police-nfa"),
    Step(Event.SEND_TO_CROWN_COURT, "cases:sending"),
]
_OPEN_REFERRAL_STEPS = [
    Step(Event.GIVE_EARLY_ADVICE, "cases:give-early-advice"),
    Step(Event.GIVE_EARLY_ADVICE, "actionplans:advise-with-plan", "Give early advice with an action plan"),
    Step(Event.RECORD_DECISION, "cases:record-charging-decision"),
]
_FILE_STEPS = [Step(Event.SET_ACTION_PLAN, "actionplans:set-plan"), Step(Event.PRFI, "cases:prfi-referral")]
_TRIAGE = Step(Event.REJECT_FILE, "cases:triage-referral", "Triage the file")
_REOPEN = Step(Event.REOPEN_AFTER_PRFI, "cases:reopen-referral")


@dataclass(frozen=True)
class SuspectFile:
    """A suspect's referrals as the case page shows them, and what the transition tables read of them."""

    referrals: list[Referral]
    open_referral: Referral | None
    prfi: Prfi | None  # awaiting reopening
    facts: Facts

    @property
    def current(self) -> Referral | None:
        """The referral steps on the file act on: the open one, else the most recent."""
        return self.open_referral or (self.referrals[-1] if self.referrals else None)

    @classmethod
    def of(cls, suspect: Suspect) -> SuspectFile:
        """From the suspect's prefetched referrals (with their PRFIs) and its ``open_plans`` annotation."""
        referrals = list(suspect.referrals.all())
        latest = referrals[-1] if referrals else None
        prfi = next((p for p in latest.prfis.all() if p.reopened_on is None), None) if latest else None
        return cls(
            referrals=referrals,
            open_referral=next((r for r in referrals if r.closed_on is None), None),
            prfi=prfi,
            facts=facts_from(referrals, open_plans=suspect.open_plans),  # type: ignore[attr-defined]
        )


def suspect_files(case: Case) -> list[tuple[Suspect, SuspectFile]]:
    """The case's suspects, each with its file, in a fixed number of queries."""
    referrals = Referral.objects.select_related("decision").prefetch_related(
        Prefetch("prfis", queryset=Prfi.objects.select_related("referral"))
    )
    # .all(): django-stubs types a Prefetch given to a queryset's prefetch_related, not to a manager's.
    suspects = (
        case.suspects.all()
        .prefetch_related(Prefetch("referrals", queryset=referrals))
        .annotate(open_plans=Count("action_plans", filter=Q(action_plans__closed_on__isnull=True)))
    )
    return [(suspect, SuspectFile.of(suspect)) for suspect in suspects]


def file_for(user: User, event: Event, suspect: Suspect, file: SuspectFile) -> Referral | None:
    """The referral a step on the suspect's file acts on (the open one, else the most recent), if this user may
    take the step now."""
    return file.current if may(user.role, event, suspect.status, file.facts) else None


def _next_steps(user: User, suspect: Suspect, file: SuspectFile) -> list[NextStep]:
    """The steps this user may take for this suspect now, as the transition tables allow."""

    def steps(candidates: list[Step], *args: int) -> list[NextStep]:
        return [
            NextStep(step.label or step.event.label, reverse(step.page, args=[suspect.case_id, *args]))
            for step in candidates
            if may(user.role, step.event, suspect.status, file.facts)
        ]

    found = steps(_SUSPECT_STEPS, suspect.pk)
    referral = file.open_referral
    if referral is not None:
        if referral.kind == ReferralKind.CHARGING_DECISION and referral.triage == Triage.PENDING:
            found += steps([_TRIAGE], referral.pk)
        found += steps(_OPEN_REFERRAL_STEPS, referral.pk)
    if file.current is not None:
        found += steps(_FILE_STEPS, file.current.pk)
    if file.prfi is not None:
        found += steps([_REOPEN], file.prfi.pk)
    return found


@dataclass(frozen=True)
class StripStage:
    label: str
    state: str  # "done", "current" or "to-come"


def _stage_strip(status: str) -> list[StripStage]:
    road = stage_strip(status)
    if not road:
        return []
    reached = road.index(SuspectStatus(status))
    return [
        StripStage(stage.label, "done" if n < reached else "current" if n == reached else "to-come")
        for n, stage in enumerate(road)
    ]


@dataclass(frozen=True)
class SuspectSummary:
    suspect: Suspect
    strip: list[StripStage]
    referrals: list[Referral]
    open_referral: Referral | None
    overdue: bool
    next_steps: list[NextStep]


def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)
    user = signed_in_user(request)
    today = timezone.localdate()
    summaries = []
    for suspect, file in suspect_files(case):
        summaries.append(
            SuspectSummary(
                suspect=suspect,
                strip=_stage_strip(suspect.status),
                referrals=file.referrals,
                open_referral=file.open_referral,
                overdue=file.open_referral is not None and file.open_referral.is_overdue(today),
                next_steps=_next_steps(user, suspect, file),
            )
        )
    context = {
        "case": case,
        "offences": case.offences.all(),
        "summaries": summaries,
        "can_add_suspect": records.SUSPECT_ADDERS.allows(user.role),
        "tab": "overview",
    }
    return render(request, "cases/case_detail.html", context)


def case_timeline(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)
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
    """Each suspect in full, with their name: this tab is where a caseworker needs it; and the police's NFAs."""
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)
    suspects = case.suspects.all().prefetch_related(
        Prefetch("police_nfas", queryset=PoliceNfa.objects.order_by("nfa_on", "id"))
    )
    return render(request, "cases/case_suspects.html", {"case": case, "suspects": suspects, "tab": "suspects"})


def _referrals_of(case: Case, kind: ReferralKind) -> QuerySet[Referral]:
    return (
        Referral.objects.filter(suspect__case=case, kind=kind)
        .select_related("suspect", "decision", "allocated_prosecutor")
        .prefetch_related("prfis", "decision__charged_offences", "proposed_offences")
        .order_by("suspect__label", "received_on", "id")
    )


def case_early_advice(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)
    referrals = _referrals_of(case, ReferralKind.EARLY_ADVICE)
    return render(
        request,
        "cases/case_referrals.html",
        {"case": case, "referrals": referrals, "tab": "early_advice", "heading": "Early advice"},
    )


def case_charging(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)
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
