"""The home page's queues of suspects waiting at a stage of their journey (with the police after early advice; after
charge, to be sent, awaiting PTPH, awaiting trial, awaiting sentence), each with the date that stage waits on. Every
queue is one bounded query, read from the suspects' (force or Area, status) indexes."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import F, OuterRef, QuerySet, Subquery

from accounts.models import User
from accounts.roles import POLICE_ROLES, Role
from actionplans.models import Action, ActionStatus, PlanStatus
from cases.models import ChargingDecision, Suspect, Trial
from cases.models.precharge import DecisionOutcome
from cases.transitions import SuspectStatus


@dataclass(frozen=True)
class Waiting:
    """What a queue of suspects at a stage shows beside each one: a date and what it is, and whether the days count
    down to it (a deadline) or up from it (a wait)."""

    date_label: str
    counts_down: bool
    missing: str  # shown for a suspect without the date
    shows_stage: bool = False  # when the queue holds more than one status


@dataclass(frozen=True)
class StageItem:
    suspect: Suspect
    on: date | None
    waiting: Waiting
    today: date

    @property
    def stage(self) -> str:
        return SuspectStatus(self.suspect.status).label

    @property
    def days_remaining(self) -> int | None:
        """Days until the date (negative once it has passed), for a deadline."""
        if self.on is None or not self.waiting.counts_down:
            return None
        return (self.on - self.today).days

    @property
    def overdue_by(self) -> int:
        return max(0, -(self.days_remaining or 0))

    @property
    def days_waiting(self) -> int | None:
        """Days since the date, for a wait."""
        if self.on is None or self.waiting.counts_down:
            return None
        return (self.today - self.on).days


def _charged_on() -> Subquery:
    charges = ChargingDecision.objects.filter(referral__suspect=OuterRef("pk"), outcome=DecisionOutcome.CHARGE)
    return Subquery(charges.order_by("-decided_on").values("decided_on")[:1])


def _next_trial_on() -> Subquery:
    """The first trial listed for the suspect that has not yet been heard (an ineffective one is relisted)."""
    trials = Trial.objects.filter(suspect=OuterRef("pk"), outcome="")
    return Subquery(trials.order_by("listed_for").values("listed_for")[:1])


def _next_action_due_on() -> Subquery:
    """The soonest due date of the actions the police still owe on the suspect's open plans."""
    actions = Action.objects.filter(
        plan__suspect=OuterRef("pk"), plan__status=PlanStatus.OPEN, status=ActionStatus.OUTSTANDING
    )
    return Subquery(actions.order_by("due_on").values("due_on")[:1])


CHARGED = Waiting("Charged on", counts_down=False, missing="Not recorded")
AWAITING_PTPH = Waiting("PTPH due", counts_down=True, missing="Not recorded")
AWAITING_TRIAL = Waiting("Trial listed for", counts_down=True, missing="Not yet listed")
CONVICTED = Waiting("Convicted on", counts_down=False, missing="Not recorded")
AFTER_EARLY_ADVICE = Waiting("Next action due", counts_down=True, missing="No action outstanding", shows_stage=True)

# Each stage queue: its statuses, what it shows, and the date it is ordered by (soonest deadline, longest wait first).
STAGE_QUEUES: dict[str, tuple[Collection[SuspectStatus], Waiting, Any]] = {
    "charged": ({SuspectStatus.CHARGED}, CHARGED, _charged_on),
    "awaiting_ptph": ({SuspectStatus.AWAITING_PTPH}, AWAITING_PTPH, lambda: F("prosecution__ptph_due_on")),
    "awaiting_trial": ({SuspectStatus.AWAITING_TRIAL}, AWAITING_TRIAL, _next_trial_on),
    "convicted": ({SuspectStatus.CONVICTED}, CONVICTED, lambda: F("prosecution__completed_on")),
    "after_early_advice": (
        {SuspectStatus.EARLY_ADVICE_GIVEN, SuspectStatus.ACTION_PLAN},
        AFTER_EARLY_ADVICE,
        _next_action_due_on,
    ),
}


def _own(user: User, suspects: QuerySet[Suspect]) -> QuerySet[Suspect]:
    """An investigator's own cases, a prosecutor's allocated ones (as their home page's case list); a supervisor
    or unit head sees the whole force or Area."""
    if user.role == Role.INVESTIGATOR:
        return suspects.filter(case__officer_in_charge=user)
    if user.role == Role.PROSECUTOR:
        return suspects.filter(case__allocated_prosecutor=user)
    return suspects


def suspects_at(*, user: User, today: date, queue: str, limit: int = 10) -> list[StageItem]:
    """Up to ``limit`` suspects in the user's scope at the queue's stage, in one query: the status filter meets the
    suspects' (force or Area, status) index, and the date each waits on is read alongside."""
    statuses, waiting, date_of = STAGE_QUEUES[queue]
    if user.role not in POLICE_ROLES | {Role.PROSECUTOR, Role.UNIT_HEAD}:
        return []
    suspects = Suspect.objects.visible_to(user).filter(status__in=sorted(statuses))
    rows = (
        _own(user, suspects)
        .annotate(queue_on=date_of())
        .select_related("case")
        .order_by(F("queue_on").asc(nulls_last=True), "id")[:limit]
    )
    return [StageItem(suspect, suspect.queue_on, waiting, today) for suspect in rows]
