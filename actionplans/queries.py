"""What the action-plan pages, API and downloads read: every list starts from the user's scope and is built in a
fixed number of queries, whatever the number of plans."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from accounts.models import PoliceForce, User
from accounts.roles import Role
from actionplans.models import (
    Action,
    ActionPlan,
    ActionStatus,
    PlanStatus,
    ReviewLevel,
    ReviewPoint,
)
from cases.models import Prfi, Referral, Suspect
from cases.models.precharge import ReferralKind
from cases.transitions import SuspectStatus


@dataclass(frozen=True)
class Task:
    """An action as a task-list item, with the days left to its agreed date (negative when overdue)."""

    action: Action
    days_left: int

    @property
    def overdue_by(self) -> int:
        return max(0, -self.days_left)


@dataclass(frozen=True)
class PlanTasks:
    plan: ActionPlan
    tasks: list[Task]

    @property
    def outstanding(self) -> int:
        return sum(task.action.status == ActionStatus.OUTSTANDING for task in self.tasks)


def with_actions(plans: QuerySet[ActionPlan]) -> QuerySet[ActionPlan]:
    """Plans with their case, referral, author and actions, for listing as tasks."""
    return plans.select_related("suspect__case", "referral", "set_by").prefetch_related(
        Prefetch("actions", queryset=Action.objects.select_related("owner", "answered_by"))
    )


def as_tasks(plans: Iterable[ActionPlan], today: date) -> list[PlanTasks]:
    """Plans fetched ``with_actions``, each with its actions as tasks."""
    return [
        PlanTasks(plan, [Task(action, (action.due_on - today).days) for action in plan.actions.all()])
        for plan in plans
    ]


def plans_of_case(case_id: int) -> QuerySet[ActionPlan]:
    return ActionPlan.objects.filter(suspect__case_id=case_id).order_by("suspect__label", "set_on", "id")


def due_plans(user: User) -> QuerySet[ActionPlan]:
    """Open plans waiting for the police, oldest first, with their actions: an investigator's own cases and
    actions, a supervisor's whole force."""
    plans = ActionPlan.objects.visible_to(user).open()
    if user.role == Role.INVESTIGATOR:
        # An investigator's few plans found first, from the cases they are in charge of and the actions they own
        # (both indexed), rather than from every open plan of the force.
        in_charge = ActionPlan.objects.open().filter(suspect__case__officer_in_charge=user)
        owned = Action.objects.filter(owner=user, plan__status=PlanStatus.OPEN).values_list("plan_id", flat=True)
        plans = plans.filter(pk__in={*in_charge.values_list("pk", flat=True), *owned})
    return with_actions(plans.order_by("set_on", "id"))


def _count_of(rows: QuerySet[Any], outer: str) -> Coalesce:
    """How many of ``rows`` (filtered on ``outer``'s OuterRef) each outer row has, as a correlated subquery: worked
    out for the rows a page shows, not grouped over everything before the page is cut."""
    counted = rows.order_by().values(outer).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _passed_points(today: date) -> QuerySet[ReviewPoint]:
    """The review points an open plan (the outer row) has passed by ``today``."""
    return ReviewPoint.objects.filter(plan=OuterRef("pk"), due_on__lte=today)


@dataclass(frozen=True)
class OverdueGroup:
    level: ReviewLevel
    plans: list[ActionPlan]


def overdue_plans(
    user: User, today: date, *, police_force: PoliceForce | None = None, prosecutor: User | None = None
) -> QuerySet[ActionPlan]:
    """Open plans past a review point, the oldest first: review points fall on the set date plus each level's days,
    so the oldest plans have passed the highest levels (``by_level`` groups them).

    Read in the order of the Area's or force's open plans by set date, so a page stops after its rows, and each
    plan's level and outstanding actions are looked up for those rows only."""
    plans = (
        ActionPlan.objects.visible_to(user)
        .open()
        .filter(Exists(_passed_points(today)))
        .annotate(
            reached=Subquery(_passed_points(today).order_by("-level__days").values("level__days")[:1]),
            outstanding=_count_of(Action.objects.filter(plan=OuterRef("pk"), status=ActionStatus.OUTSTANDING), "plan"),
        )
        .select_related("suspect__case__police_force", "suspect__case__allocated_prosecutor", "referral", "set_by")
        .order_by("set_on", "id")
    )
    if police_force is not None:
        plans = plans.filter(police_force=police_force)
    if prosecutor is not None:
        plans = plans.filter(Q(suspect__case__allocated_prosecutor=prosecutor) | Q(set_by=prosecutor))
    return plans


def by_level(plans: Iterable[ActionPlan]) -> list[OverdueGroup]:
    """Overdue plans (``overdue_plans``) grouped by the highest level each has reached, highest first."""
    grouped: dict[int, list[ActionPlan]] = {}
    for plan in plans:
        grouped.setdefault(plan.reached, []).append(plan)  # type: ignore[attr-defined] # annotated by overdue_plans
    levels = ReviewLevel.objects.order_by("-days")
    return [OverdueGroup(level, grouped[level.days]) for level in levels if level.days in grouped]


def joim_agenda(user: User, today: date) -> QuerySet[Action]:
    """Outstanding actions of open plans that have reached a level listed for the RASSO JOIM."""
    listed = ReviewPoint.objects.filter(level__lists_for_joim=True, due_on__lte=today).values("plan_id")
    return (
        Action.objects.visible_to(user)
        .filter(status=ActionStatus.OUTSTANDING, plan__status="open", plan_id__in=listed)
        .select_related("plan__suspect__case__police_force", "owner")
        .order_by("plan__suspect__case__urn", "plan__suspect__label", "plan__set_on", "number")
    )


def awaiting_reopening(user: User) -> QuerySet[Prfi]:
    """Referrals closed as PRFI and not yet reopened: the unit head reopens them when the police respond."""
    return (
        Prfi.objects.visible_to(user)
        .filter(reopened_on__isnull=True)
        .select_related("referral__suspect__case")
        .order_by("prfi_on", "id")
    )


AGED_STATUSES = (
    SuspectStatus.EARLY_ADVICE_REQUESTED,
    SuspectStatus.REFERRED,
    SuspectStatus.ACTION_PLAN,
    SuspectStatus.PRFI,
)


def _count_of_plans(**filters: Any) -> Coalesce:
    return _count_of(ActionPlan.objects.filter(suspect=OuterRef("pk"), **filters), "suspect")


def aged_suspects(
    user: User, *, police_force: PoliceForce | None = None, prosecutor: User | None = None
) -> QuerySet[Suspect]:
    """Suspects still waiting for a charging decision, longest since their first referral first.

    Subqueries rather than aggregates, so nothing is grouped: PostgreSQL then counts the plans of the rows a page
    shows only, after it has sorted the waiting suspects."""
    first_referral = Referral.objects.filter(suspect=OuterRef("pk")).order_by("received_on").values("received_on")
    suspects = (
        Suspect.objects.visible_to(user)
        .filter(status__in=AGED_STATUSES)
        .annotate(first_referred_on=Subquery(first_referral[:1]), plans=_count_of_plans())
        .filter(first_referred_on__isnull=False)
        .select_related("case__police_force", "case__allocated_prosecutor")
        .order_by("first_referred_on", "id")
    )
    if police_force is not None:
        suspects = suspects.filter(police_force=police_force)
    if prosecutor is not None:
        suspects = suspects.filter(case__allocated_prosecutor=prosecutor)
    return suspects


PROPORTIONALITY_THRESHOLD = 2


def proportionality_queue(user: User) -> QuerySet[Suspect]:
    """Suspects with more than two action plans set on or after their first early-advice request: the cases the
    Rape Strategy Update says are dip-sampled for proportionality."""
    first_request = Referral.objects.filter(suspect=OuterRef("pk"), kind=ReferralKind.EARLY_ADVICE).order_by(
        "received_on"
    )
    return (
        Suspect.objects.visible_to(user)
        .annotate(first_early_advice_on=Subquery(first_request.values("received_on")[:1]))
        .filter(first_early_advice_on__isnull=False)
        .annotate(plans_after_early_advice=_count_of_plans(set_on__gte=OuterRef("first_early_advice_on")))
        .filter(plans_after_early_advice__gt=PROPORTIONALITY_THRESHOLD)
        .select_related("case")
        .order_by("id")
    )
