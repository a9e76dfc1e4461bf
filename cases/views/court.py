"""The court pages of a case: the Court tab, one form per step after charge, and the unit head's list of trials at
risk (trials in the coming weeks with readiness gaps)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Doers, Role
from accounts.scoping import signed_in_user
from cases.forms.court import (
    ComplianceForm,
    DirectionForm,
    HearingForm,
    HearingHeldForm,
    OutcomeForm,
    ReadinessForm,
    SendingForm,
    SentenceForm,
    TrialForm,
    TrialOutcomeForm,
)
from cases.models import Case, Hearing, JudgeDirection, ReadinessCheck, Suspect, Trial
from cases.queries import trials_at_risk
from cases.services import court
from cases.transitions import Event, Facts, doers, may
from cases.views.steps import on_case
from web.steps import posted, step_page


def _tab(case_id: int) -> str:
    return reverse("cases:court", args=[case_id])


OUTCOME_EVENTS = frozenset(court.OUTCOME_EVENTS.values())


def _may(user: User, event: Event, status: str) -> bool:
    """After charge no move has a guard on the file, so the status alone decides: the page reads no referrals."""
    return may(user.role, event, status, Facts())


@dataclass(frozen=True)
class CourtSuspect:
    """A suspect on the Court tab, with the steps after charge this user may take for them now."""

    suspect: Suspect
    may_send: bool
    may_record_outcome: bool
    may_sentence: bool

    @classmethod
    def of(cls, suspect: Suspect, user: User) -> CourtSuspect:
        status = suspect.status
        return cls(
            suspect=suspect,
            may_send=_may(user, Event.SEND_TO_CROWN_COURT, status),
            may_record_outcome=any(_may(user, event, status) for event in OUTCOME_EVENTS),
            may_sentence=_may(user, Event.SENTENCE, status),
        )


def case_court(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)
    user = signed_in_user(request)
    # .all(): django-stubs types a Prefetch given to a queryset's prefetch_related, not to a manager's.
    trials: QuerySet[Trial] = (
        Trial.objects.all()
        .prefetch_related(Prefetch("readiness", queryset=ReadinessCheck.objects.select_related("item")))
        .order_by("listed_for", "id")
    )
    suspects = case.suspects.select_related("prosecution__result_hearing").prefetch_related(
        Prefetch("hearings", queryset=Hearing.objects.numbered().select_related("plea")),
        Prefetch("trials", queryset=trials),
    )
    context = {
        "case": case,
        "tab": "court",
        "suspects": [CourtSuspect.of(suspect, user) for suspect in suspects],
        "directions": JudgeDirection.objects.filter(case=case),
        "today": timezone.localdate(),
        "cps": court.RECORDERS.allows(user.role),
    }
    return render(request, "cases/case_court.html", context)


def _suspect(request: HttpRequest, pk: int, suspect_pk: int) -> Suspect:
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)
    return get_object_or_404(Suspect.objects.select_related("case"), pk=suspect_pk, case=case)


def _trial(request: HttpRequest, pk: int, trial_pk: int) -> Trial:
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)
    return get_object_or_404(Trial.objects.select_related("suspect__case"), pk=trial_pk, suspect__case=case)


def _suspect_step(
    request: HttpRequest,
    pk: int,
    suspect_pk: int,
    *,
    title: str,
    form: Callable[[Suspect], forms.Form],
    service: Callable[..., object],
    done: str,
    confirmation: str = "",
    takers: Doers = court.RECORDERS,
    summary: Callable[[Suspect], list[tuple[str, str]]] | None = None,
) -> HttpResponse:
    """A court step about one suspect that calls one service; texts may name the suspect as {label}."""
    suspect = _suspect(request, pk, suspect_pk)
    actor = signed_in_user(request)
    label = suspect.label
    return step_page(
        request,
        doers=takers,
        summary=summary(suspect) if summary else None,
        **on_case(suspect.case, done_url=_tab(suspect.case_id)),
        title=title.format(label=label),
        form=form(suspect),
        run=lambda data: service(actor=actor, suspect=suspect, **data),
        done=done.format(label=label),
        confirmation=confirmation.format(label=label),
    )


def sending(request: HttpRequest, pk: int, suspect_pk: int) -> HttpResponse:
    return _suspect_step(
        request,
        pk,
        suspect_pk,
        title="Record that {label} was sent to the Crown Court",
        form=lambda _: SendingForm(posted(request)),
        service=court.record_sending,
        done="{label} sent to the Crown Court",
    )


def hearing(request: HttpRequest, pk: int, suspect_pk: int) -> HttpResponse:
    """A hearing held, or listed ahead."""
    return _suspect_step(
        request,
        pk,
        suspect_pk,
        title="Record a hearing for {label}",
        form=lambda _: HearingForm(posted(request)),
        service=court.record_hearing,
        done="Hearing recorded",
    )


def hearing_held(request: HttpRequest, pk: int, hearing_pk: int) -> HttpResponse:
    """What happened at a hearing listed ahead, once it has been held, and the plea entered at it."""
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)
    item = get_object_or_404(Hearing.objects.select_related("suspect__case"), pk=hearing_pk, suspect__case=case)
    actor = signed_in_user(request)
    return step_page(
        request,
        doers=court.RECORDERS,
        **on_case(case, done_url=_tab(case.pk)),
        title=f"Record what happened at the {item.get_kind_display().lower()} for {item.suspect.label}",
        summary=[
            ("Court", item.court_name or item.get_court_display()),
            ("Hearing", item.get_kind_display()),
            ("Date", f"{item.held_on:%-d %B %Y}"),
        ],
        form=HearingHeldForm(posted(request)),
        run=lambda data: court.record_hearing_held(actor=actor, hearing=item, **data),
        done="Hearing recorded",
    )


def outcome(request: HttpRequest, pk: int, suspect_pk: int) -> HttpResponse:
    return _suspect_step(
        request,
        pk,
        suspect_pk,
        title="Record the outcome for {label}",
        form=lambda suspect: OutcomeForm(
            posted(request), hearings=Hearing.objects.filter(suspect=suspect, held_on__lte=timezone.localdate())
        ),
        service=court.record_outcome,
        done="Outcome for {label} recorded",
        confirmation="You are recording the final outcome for {label}; it completes the prosecution.",
    )


def _conviction(suspect: Suspect) -> list[tuple[str, str]]:
    prosecution = getattr(suspect, "prosecution", None)
    if prosecution is None or not prosecution.result:
        return []
    return [("Outcome", f"{prosecution.get_result_display()}, {prosecution.completed_on:%-d %B %Y}")]


def sentence(request: HttpRequest, pk: int, suspect_pk: int) -> HttpResponse:
    return _suspect_step(
        request,
        pk,
        suspect_pk,
        title="Record the sentence for {label}",
        form=lambda _: SentenceForm(posted(request)),
        service=court.record_sentence,
        done="Sentence for {label} recorded",
        confirmation="You are recording the sentence for {label}; it completes the prosecution.",
        takers=doers(Event.SENTENCE),
        summary=_conviction,
    )


def trial(request: HttpRequest, pk: int, suspect_pk: int) -> HttpResponse:
    return _suspect_step(
        request,
        pk,
        suspect_pk,
        title="List the trial of {label}",
        form=lambda _: TrialForm(posted(request)),
        service=court.list_trial,
        done="Trial listed",
    )


def trial_outcome(request: HttpRequest, pk: int, trial_pk: int) -> HttpResponse:
    item = _trial(request, pk, trial_pk)
    actor = signed_in_user(request)
    return step_page(
        request,
        doers=court.RECORDERS,
        **on_case(item.suspect.case, done_url=_tab(item.suspect.case_id)),
        title=f"What happened at the trial of {item.suspect.label}",
        form=TrialOutcomeForm(posted(request)),
        run=lambda data: court.record_trial_outcome(actor=actor, trial=item, **data),
        done="Trial outcome recorded",
    )


def readiness(request: HttpRequest, pk: int, trial_pk: int) -> HttpResponse:
    item = _trial(request, pk, trial_pk)
    actor = signed_in_user(request)
    form = ReadinessForm(posted(request), trial=item)
    return step_page(
        request,
        doers=court.RECORDERS,
        **on_case(item.suspect.case, done_url=_tab(item.suspect.case_id)),
        title=f"Readiness for the trial of {item.suspect.label} on {item.listed_for:%-d %B %Y}",
        form=form,
        run=lambda _: court.update_readiness(actor=actor, trial=item, **form.service_arguments()),
        done="Trial readiness updated",
    )


def direction(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)
    actor = signed_in_user(request)
    return step_page(
        request,
        doers=court.RECORDERS,
        **on_case(case, done_url=_tab(case.pk)),
        title="Record a judge's direction",
        form=DirectionForm(posted(request)),
        run=lambda data: court.set_judge_direction(actor=actor, case=case, **data),
        done="Judge's direction recorded",
    )


def comply(request: HttpRequest, pk: int, direction_pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)
    item = get_object_or_404(JudgeDirection, pk=direction_pk, case=case)
    actor = signed_in_user(request)
    return step_page(
        request,
        doers=court.RECORDERS,
        **on_case(case, done_url=_tab(case.pk)),
        title=f"Record compliance with: {item.direction}",
        form=ComplianceForm(posted(request)),
        run=lambda data: court.comply_with_direction(actor=actor, direction=item, **data),
        done="Compliance recorded",
    )


def trials_at_risk_page(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if user.role != Role.UNIT_HEAD:
        raise PermissionDenied("These pages are for RASSO unit heads.")
    trials = trials_at_risk(user, timezone.localdate()).prefetch_related(
        Prefetch("readiness", queryset=ReadinessCheck.objects.filter(done=False).select_related("item"))
    )
    return render(request, "cases/trials_at_risk.html", {"trials": trials, "section": "trials"})
