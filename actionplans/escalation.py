"""The escalation sweeper: raises each due review point once and tells the people the ladder names for its level.

Review points are a kind of due item (registered with reminders in ``ActionplansConfig.ready``): due points are found
through a partial index on the pending ones, so a sweep costs what is due, not the size of the table, and claimed
through the shared loop (``reminders.claims``), so several workers never raise a point twice; a sweeper that was
down catches up at its next run, raising only the highest level each plan has reached: the lower points it passed
are marked raised without telling anyone, their history saying which point superseded them. Who is told comes from
the shared audience (``reminders.audience``), read once a batch.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from accounts.models import User
from accounts.roles import Role
from actionplans.models import ReviewPoint
from reminders.audience import Audience, Place
from reminders.claims import claim_and_deliver
from reminders.models import NoticeKind
from reminders.services import Notice, notify

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


def _place(point: ReviewPoint) -> Place:
    case = point.plan.suspect.case
    return Place(cps_area_id=case.cps_area_id, police_force_id=case.police_force_id)


def _told(point: ReviewPoint, audience: Audience) -> list[User]:
    """The people the point's level names: the officer in charge, the force's police supervisors, the allocated
    prosecutor (or, with none, the one who set the plan) and the Area's unit heads."""
    level, case = point.level, point.plan.suspect.case
    named = []
    if level.tell_officer_in_charge:
        named.append(case.officer_in_charge)
    if level.tell_allocated_prosecutor:
        named.append(case.allocated_prosecutor or point.plan.set_by)
    return audience.people(
        _place(point),
        named=named,
        force_roles=[Role.POLICE_SUPERVISOR] if level.tell_police_supervisors else [],
        area_roles=[Role.UNIT_HEAD] if level.tell_unit_heads else [],
    )


def superseded_reason(point: ReviewPoint, *, by_days: int) -> str:
    """What the history says of a point passed while the sweeper was down."""
    return f"Passed while the sweeper was down, nobody told: {point.plan.label} reached its {by_days}-day review"


def _superseded_by(point: ReviewPoint) -> int | None:
    """The days of the highest level the point's plan has also reached (the due query's annotation), if any."""
    return getattr(point, "superseded_by", None)


def raise_due_reviews(*, today: date | None = None, now: datetime | None = None) -> int:
    """Raise every review point due by ``today`` exactly once; returns how many were raised or superseded. A point
    whose plan has also reached a higher level by ``today`` (after the sweeper was down) is superseded: marked
    raised, nobody told, so each plan raises one alert, at its highest level."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)

    def raise_points(batch: list[ReviewPoint]) -> int:
        raised = [point for point in batch if _superseded_by(point) is None]
        audience = Audience(
            (_place(point) for point in raised), force_roles=[Role.POLICE_SUPERVISOR], area_roles=[Role.UNIT_HEAD]
        )
        notify(
            Notice(person, point.plan.suspect.case_id, review_message(point), NoticeKind.REVIEW)
            for point in raised
            for person in _told(point, audience)
        )
        for point in batch:
            point.raised_at = now
            if (by_days := _superseded_by(point)) is not None:
                point._change_reason = superseded_reason(point, by_days=by_days)  # type: ignore[attr-defined]
        bulk_update_with_history(batch, ReviewPoint, ["raised_at"], default_change_reason="Review point raised")
        return len(batch)

    higher_level_reached = ReviewPoint.objects.filter(
        plan=OuterRef("plan"), level__days__gt=OuterRef("level__days"), raise_on__lte=today, cancelled_at__isnull=True
    )
    due = (
        ReviewPoint.objects.filter(raised_at__isnull=True, cancelled_at__isnull=True, raise_on__lte=today)
        .annotate(superseded_by=Subquery(higher_level_reached.order_by("-level__days").values("level__days")[:1]))
        .select_related(
            "level",
            "plan__set_by",
            "plan__suspect__case__officer_in_charge",
            "plan__suspect__case__allocated_prosecutor",
        )
        .order_by("raise_on", "id")
    )
    return claim_and_deliver(due, raise_points)
