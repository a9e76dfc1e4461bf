"""The escalation sweeper: raises each due review point once and tells the people the ladder names for its level.

Due points are found through a partial index on the pending ones, so a sweep costs what is due, not the size of the
table; each batch is claimed with SELECT … FOR UPDATE SKIP LOCKED, so several workers never raise a point twice;
a sweeper that was down catches up on every missed point at its next run.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from accounts.models import User
from accounts.roles import Role
from actionplans.models import ReviewPoint
from reminders.services import Notice, notify

BATCH_SIZE = 500
MESSAGE_LENGTH = 200


def review_message(point: ReviewPoint) -> str:
    """What people are told: the case by URN and the suspect by label, never a name."""
    plan, level = point.plan, point.level
    text = (
        f"Case {plan.suspect.case.urn}: {plan.label} for {plan.suspect.label} has reached its "
        f"{level.days}-day review with actions outstanding"
    )
    if level.lists_for_joim:
        text += "; listed for the next RASSO JOIM"
    if level.prompts_prfi:
        text += "; consider PRFI"
    return text[:MESSAGE_LENGTH]


class _Audience:
    """Who the ladder tells about each point in a batch, looked up in one query for the whole batch."""

    def __init__(self, points: Sequence[ReviewPoint]) -> None:
        forces = {p.plan.suspect.case.police_force_id for p in points}
        areas = {p.plan.suspect.case.cps_area_id for p in points}
        self.supervisors: dict[int, list[User]] = defaultdict(list)
        self.unit_heads: dict[int, list[User]] = defaultdict(list)
        for user in User.objects.filter(is_active=True).filter(
            Q(role=Role.POLICE_SUPERVISOR, police_force_id__in=forces) | Q(role=Role.UNIT_HEAD, cps_area_id__in=areas)
        ):
            if user.role == Role.POLICE_SUPERVISOR and user.police_force_id is not None:
                self.supervisors[user.police_force_id].append(user)
            elif user.cps_area_id is not None:
                self.unit_heads[user.cps_area_id].append(user)

    def recipients(self, point: ReviewPoint) -> list[User]:
        level, case = point.level, point.plan.suspect.case
        people: list[User | None] = []
        if level.tell_officer_in_charge:
            people.append(case.officer_in_charge)
        if level.tell_police_supervisors:
            people += self.supervisors[case.police_force_id]
        if level.tell_allocated_prosecutor:
            people.append(case.allocated_prosecutor or point.plan.set_by)
        if level.tell_unit_heads:
            people += self.unit_heads[case.cps_area_id]
        unique = {person.pk: person for person in people if person is not None and person.is_active}
        return list(unique.values())


def raise_due_reviews(*, today: date | None = None, now: datetime | None = None) -> int:
    """Raise every review point due by ``today`` exactly once; returns how many were raised."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    raised = 0
    while True:
        with transaction.atomic():
            batch = list(
                ReviewPoint.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(raised_at__isnull=True, cancelled_at__isnull=True, raise_on__lte=today)
                .select_related(
                    "level",
                    "plan__set_by",
                    "plan__suspect__case__officer_in_charge",
                    "plan__suspect__case__allocated_prosecutor",
                )
                .order_by("raise_on", "id")[:BATCH_SIZE]
            )
            if not batch:
                return raised
            audience = _Audience(batch)
            notify(
                Notice(person, point.plan.suspect.case_id, review_message(point))
                for point in batch
                for person in audience.recipients(point)
            )
            for point in batch:
                point.raised_at = now
            bulk_update_with_history(batch, ReviewPoint, ["raised_at"], default_change_reason="Review point raised")
            raised += len(batch)
