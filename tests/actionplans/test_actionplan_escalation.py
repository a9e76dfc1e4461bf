"""The escalation sweeper with a frozen clock: review points reached on the right days, each raised once however
often or however late the sweeper runs, told to the people the ladder names, with an e-mail that names the case by
URN only."""

import threading
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.db.models import Count
from django.test import override_settings
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from actionplans.escalation import raise_due_reviews
from actionplans.models import ActionPlan, ReviewLevel, ReviewPoint
from actionplans.services import answer_action, apply_ladder_change, set_action_plan
from cases.models import Case, Referral, Suspect
from reminders.models import Email, EmailState, NoticeKind, Notification
from reminders.outbox import send_pending_emails
from scorecards import journey_facts
from tests.factories import make_case, planned_actions, referred_suspect

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
# Friday 28 August 2026, before the late summer bank holiday on Monday 31 August.
FRIDAY_BEFORE_BANK_HOLIDAY = date(2026, 8, 28)


def _morning(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=LONDON)


@pytest.fixture
def people(user_of: Callable[..., User]) -> dict[str, User]:
    return {
        "officer": user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police"),
        "supervisor": user_of(Role.POLICE_SUPERVISOR, police_force="West Yorkshire Police"),
        "other_force_supervisor": user_of(Role.POLICE_SUPERVISOR, police_force="Kent Police"),
        "prosecutor": user_of(Role.PROSECUTOR, cps_area="Yorkshire and Humberside"),
        "unit_head": user_of(Role.UNIT_HEAD, cps_area="Yorkshire and Humberside"),
        "other_area_unit_head": user_of(Role.UNIT_HEAD, cps_area="North East"),
    }


def _plan_set_on(set_on: date, people: dict[str, User]) -> ActionPlan:
    """A plan set on ``set_on`` by the prosecutor, as it would be that day."""
    with time_machine.travel(_morning(set_on), tick=False):
        case = make_case(officer_in_charge=people["officer"], reported_on=set_on - timedelta(days=60))
        suspect = referred_suspect(case, officer=people["officer"], received_on=set_on - timedelta(days=7))
        referral = suspect.referrals.get()
        plan = set_action_plan(
            actor=people["prosecutor"],
            referral=referral,
            set_on=set_on,
            actions=planned_actions(2, due_on=set_on + timedelta(days=14)),
        )
    # The referral and the plan are hand-overs, told as they are made (tests/cases/test_handovers.py); what follows
    # here is what the sweeper tells.
    Notification.objects.filter(kind=NoticeKind.HANDOVER).delete()
    return plan


def _sweep_on(day: date) -> int:
    with time_machine.travel(_morning(day), tick=False):
        return raise_due_reviews()


def _told(case: Case) -> set[tuple[str, str]]:
    return {(n.recipient.username, n.message) for n in Notification.objects.filter(about=case)}


def test_a_plan_set_before_a_bank_holiday_reaches_each_review_in_calendar_days(people: dict[str, User]) -> None:
    plan = _plan_set_on(FRIDAY_BEFORE_BANK_HOLIDAY, people)
    urn = plan.suspect.case.urn
    expected = {
        date(2026, 9, 25): (28, {"officer", "supervisor"}),
        date(2026, 10, 23): (56, {"supervisor", "unit_head"}),
        date(2026, 11, 26): (90, {"unit_head"}),
    }
    for review_day, (days, who) in expected.items():
        assert _sweep_on(review_day - timedelta(days=1)) == 0, f"nothing is due the day before day {days}"
        assert _sweep_on(review_day) == 1, f"the {days}-day review is raised on {review_day}"
        reached = Notification.objects.filter(message__contains=f"its {days}-day review")
        assert {n.recipient.username for n in reached} == {people[name].username for name in who}
    assert set(Notification.objects.values_list("message", flat=True)) == {
        f"Case {urn}: Plan 1 for Suspect 1 has reached its 28-day review with actions outstanding",
        f"Case {urn}: Plan 1 for Suspect 1 has reached its 56-day review with actions outstanding",
        f"Case {urn}: Plan 1 for Suspect 1 has reached its 90-day review with actions outstanding; "
        "listed for the next RASSO JOIM; consider PRFI",
    }


def test_a_review_due_on_christmas_day_is_raised_on_the_next_working_day(people: dict[str, User]) -> None:
    # Set on Friday 27 November 2026: day 28 is Christmas Day (Friday); Boxing Day falls on the Saturday and its
    # substitute bank holiday is Monday 28 December, so the first working day is Tuesday 29 December.
    plan = _plan_set_on(date(2026, 11, 27), people)
    point = plan.review_points.get(level__days=28)
    assert (point.due_on, point.raise_on) == (date(2026, 12, 25), date(2026, 12, 29))
    assert _sweep_on(date(2026, 12, 28)) == 0
    assert _sweep_on(date(2026, 12, 29)) == 1


def test_an_answered_plan_stops_escalating(people: dict[str, User]) -> None:
    plan = _plan_set_on(FRIDAY_BEFORE_BANK_HOLIDAY, people)
    assert _sweep_on(date(2026, 9, 25)) == 1
    with time_machine.travel(_morning(date(2026, 9, 30)), tick=False):
        for action in plan.actions.all():
            answer_action(actor=people["officer"], action=action, answered_on=date(2026, 9, 30), response="Done")
    assert _sweep_on(date(2027, 1, 1)) == 0
    assert Notification.objects.filter(message__contains="56-day").count() == 0


def test_changing_the_ladder_changes_who_is_told(people: dict[str, User]) -> None:
    plan = _plan_set_on(FRIDAY_BEFORE_BANK_HOLIDAY, people)
    ReviewLevel.objects.filter(days=28).update(
        tell_officer_in_charge=False, tell_police_supervisors=False, tell_unit_heads=True
    )
    _sweep_on(date(2026, 9, 25))
    assert {username for username, _ in _told(plan.suspect.case)} == {people["unit_head"].username}


def test_changing_a_levels_days_reschedules_open_plans(people: dict[str, User]) -> None:
    plan = _plan_set_on(FRIDAY_BEFORE_BANK_HOLIDAY, people)
    level = ReviewLevel.objects.get(days=28)
    level.days = 21
    level.save()
    assert apply_ladder_change(level) == 1
    assert plan.review_points.get(level=level).due_on == date(2026, 9, 18)
    assert _sweep_on(date(2026, 9, 18)) == 1


def test_sweeping_twice_raises_each_review_once(people: dict[str, User]) -> None:
    plan = _plan_set_on(FRIDAY_BEFORE_BANK_HOLIDAY, people)
    assert _sweep_on(date(2026, 9, 25)) == 1
    assert _sweep_on(date(2026, 9, 25)) == 0
    assert _sweep_on(date(2026, 9, 26)) == 0
    assert len(_told(plan.suspect.case)) == 2
    assert Notification.objects.count() == 2


def test_after_a_week_of_downtime_every_missed_review_is_raised_once(people: dict[str, User]) -> None:
    early = _plan_set_on(date(2026, 8, 21), people)
    late = _plan_set_on(FRIDAY_BEFORE_BANK_HOLIDAY, people)
    # The sweeper was down from 17 to 24 October: early's 56-day review (16 Oct) was raised before; late's 56-day
    # review (23 Oct) was missed, and so was nothing else.
    assert _sweep_on(date(2026, 10, 16)) == 3  # early at 28 and 56, late at 28
    assert _sweep_on(date(2026, 10, 24)) == 1
    assert _sweep_on(date(2026, 10, 25)) == 0
    raised = ReviewPoint.objects.filter(raised_at__isnull=False)
    assert sorted(raised.values_list("plan_id", "level__days")) == sorted(
        [(early.pk, 28), (early.pk, 56), (late.pk, 28), (late.pk, 56)]
    )


@override_settings(
    EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend", SERVICE_URL="https://rasso.example.gov.uk"
)
def test_each_person_gets_one_email_naming_the_case_by_urn_only(people: dict[str, User]) -> None:
    plan = _plan_set_on(FRIDAY_BEFORE_BANK_HOLIDAY, people)
    plan.suspect.name = "Seeded Suspectname"
    plan.suspect.save()
    _sweep_on(date(2026, 9, 25))
    assert send_pending_emails().delivered == 2
    assert send_pending_emails().delivered == 0
    case = plan.suspect.case
    assert sorted(m.to[0] for m in mail.outbox) == sorted([people["officer"].email, people["supervisor"].email])
    for message in mail.outbox:
        assert message.subject.startswith(f"Case {case.urn}: Plan 1 for Suspect 1")
        assert f"https://rasso.example.gov.uk/cases/{case.pk}/" in message.body
        assert "Suspectname" not in str(message.subject) + str(message.body)


class _BrokenEmail(BaseEmailBackend):
    """An e-mail connection that is down."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        raise ConnectionRefusedError("mail server down")


def test_an_email_that_fails_is_sent_at_the_next_sweep_after_its_backoff(people: dict[str, User]) -> None:
    _plan_set_on(FRIDAY_BEFORE_BANK_HOLIDAY, people)
    _sweep_on(date(2026, 9, 25))
    with override_settings(EMAIL_BACKEND="tests.actionplans.test_actionplan_escalation._BrokenEmail"):
        assert send_pending_emails().delivered == 0
    assert Email.objects.filter(state=EmailState.PENDING).count() == 2
    later = timezone.now() + timedelta(minutes=2)  # past the first backoff (a minute)
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), time_machine.travel(later):
        assert send_pending_emails().delivered == 2
    assert len(mail.outbox) == 2


def _many_due_points(people: dict[str, User], plans: int, raise_on: date) -> None:
    """``plans`` open plans on one case, each with its three review points already due."""
    case = make_case(officer_in_charge=people["officer"], reported_on=raise_on - timedelta(days=400))
    organisations = {"police_force": case.police_force, "cps_area": case.cps_area}
    suspects = Suspect.objects.bulk_create(
        Suspect(case=case, label=f"Suspect {n + 2}", **organisations) for n in range(plans)
    )
    referrals = Referral.objects.bulk_create(
        Referral(suspect=s, kind="charging_decision", received_on=raise_on, due_on=raise_on,
                 created_by=people["officer"], **organisations)
        for s in suspects
    )  # fmt: skip
    plan_rows = ActionPlan.objects.bulk_create(
        ActionPlan(suspect=r.suspect, referral=r, label="Plan 1", set_on=raise_on, set_by=people["prosecutor"],
                   **organisations)
        for r in referrals
    )  # fmt: skip
    levels = list(ReviewLevel.objects.all())
    ReviewPoint.objects.bulk_create(
        ReviewPoint(plan=p, level=level, due_on=raise_on, raise_on=raise_on) for p in plan_rows for level in levels
    )
    journey_facts.refresh([case.pk])  # as the journey import keeps the facts of what it writes in bulk


@pytest.mark.django_db(transaction=True)
def test_two_workers_sweeping_at_once_raise_each_review_once(people: dict[str, User]) -> None:
    due = date(2026, 9, 25)
    _many_due_points(people, plans=400, raise_on=due)  # 1,200 points: more than two batches each
    start = threading.Barrier(2)
    results: list[int] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            start.wait()
            results.append(raise_due_reviews(today=due))
        except BaseException as failure:
            errors.append(failure)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    assert sum(results) == 1200
    assert ReviewPoint.objects.filter(raised_at__isnull=True).count() == 0
    # Each plan's three points were due at once: only the highest, 90 days, tells its people (the unit head); the 28-
    # and 56-day points are superseded, telling no one.
    assert Notification.objects.count() == 400
    duplicates = Notification.objects.values("recipient", "message").annotate(n=Count("id")).filter(n__gt=1).count()
    assert duplicates == 0
