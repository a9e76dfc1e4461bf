"""Notifications people can trust after the sweeper was down, and their choice of e-mail copies: a catch-up raises
one alert per plan, at the highest review it has reached; one item is never told both "due today" and "overdue";
each kind comes by e-mail unless the person turned it off, and always in the service."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from actionplans.models import ActionPlan, ReviewPoint
from actionplans.services import set_action_plan
from reminders.due import deliver_everything_due
from reminders.models import Email, NoticeKind, Notification, Reminder
from reminders.outbox import send_pending_emails
from reminders.services import Notice, choose_emails, email_choices, notify
from tests.clients import signed_in
from tests.factories import make_case, planned_actions, referred_suspect
from victims.identity import add_complainant
from victims.letters import record_letter_owed

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
# The sweeper last ran on Monday 5 October 2026 and was down until the morning of Thursday 15 October.
BACK_UP = date(2026, 10, 15)


def _morning(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 30, tzinfo=LONDON)


@pytest.fixture
def people(user_of: Callable[..., User]) -> dict[str, User]:
    return {
        "officer": user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police"),
        "supervisor": user_of(Role.POLICE_SUPERVISOR, police_force="West Yorkshire Police"),
        "prosecutor": user_of(Role.PROSECUTOR, cps_area="Yorkshire and Humberside"),
        "unit_head": user_of(Role.UNIT_HEAD, cps_area="Yorkshire and Humberside"),
    }


def _plan_set(days_before: int, people: dict[str, User]) -> ActionPlan:
    set_on = BACK_UP - timedelta(days=days_before)
    case = make_case(officer_in_charge=people["officer"], reported_on=set_on - timedelta(days=30))
    suspect = referred_suspect(case, officer=people["officer"], received_on=set_on - timedelta(days=7))
    return set_action_plan(
        actor=people["prosecutor"],
        referral=suspect.referrals.get(),
        set_on=set_on,
        actions=planned_actions(1, due_on=set_on + timedelta(days=14)),
    )


def test_a_sweep_after_ten_days_down_raises_one_alert_per_plan_at_its_highest_level(people: dict[str, User]) -> None:
    # Reached during the downtime: a plan recorded late, all three reviews (90 days on 10 October); the 56-day review
    # (on 9 October) of a plan whose 28-day one was raised before; and the 28-day review (on 7 October) of a third.
    recorded_late = _plan_set(95, people)
    at_56 = _plan_set(66, people)
    at_28 = _plan_set(36, people)
    at_56.review_points.filter(level__days=28).update(raised_at=_morning(BACK_UP - timedelta(days=10)))
    Notification.objects.all().delete()  # the hand-overs of setting the plans up

    deliver_everything_due(now=_morning(BACK_UP))

    reviews = Notification.objects.filter(kind=NoticeKind.REVIEW)
    reached = {(n.about.urn, n.message.split("its ")[1][:2]) for n in reviews.select_related("about")}
    assert reached == {
        (recorded_late.suspect.case.urn, "90"),
        (at_56.suspect.case.urn, "56"),
        (at_28.suspect.case.urn, "28"),
    }
    # Each person is told once per plan: the unit head at 90 days; supervisor and unit head at 56; officer and
    # supervisor at 28.
    told = Counter((n.about_id, n.recipient_id) for n in reviews)
    assert set(told.values()) == {1}
    assert len(told) == 1 + 2 + 2
    # The lower reviews the late plan passed are settled without telling anyone, and their history says so.
    for days in (28, 56):
        point = ReviewPoint.objects.get(plan=recorded_late, level__days=days)
        assert point.raised_at is not None
        assert point.history.latest().history_change_reason == (  # type: ignore[attr-defined]
            "Passed while the sweeper was down, nobody told: Plan 1 reached its 90-day review"
        )
    assert deliver_everything_due(now=_morning(BACK_UP + timedelta(days=1))) == {"reminders": 0, "review points": 0}


def test_a_letter_overdue_at_the_catch_up_is_told_overdue_only(
    officer: User, liaison: User, user_of: Callable[..., User]
) -> None:
    other_liaison = user_of(Role.VICTIM_LIAISON_OFFICER, cps_area="Yorkshire and Humberside")
    case = make_case(officer_in_charge=officer, reported_on=date(2026, 1, 5))
    complainant = add_complainant(actor=officer, case=case, name="Zelda Quartermaine")
    # Decided on Thursday 1 October: the letter is due on Friday 2 October (enhanced rights: 1 working day), and
    # overdue from Saturday 3 October.
    letter = record_letter_owed(
        actor=liaison, complainant=complainant, kind="point_of_charge", decision_on=date(2026, 10, 1)
    )
    assert letter.due_on == date(2026, 10, 2)

    deliver_everything_due(now=_morning(BACK_UP))

    messages = sorted(Notification.objects.values_list("recipient_id", "message"))
    overdue = f"Case {case.urn}: Point-of-charge letter to Complainant A is overdue (due 2 October 2026)"
    assert messages == sorted([(liaison.pk, overdue), (other_liaison.pk, overdue)])
    due_today = Reminder.objects.filter(key__startswith=f"letter:{letter.pk}:due:")
    assert due_today.count() == 2
    assert all(r.cancelled_at is not None and r.sent_at is None for r in due_today)


def test_a_letter_due_then_overdue_on_time_is_told_both_in_turn(officer: User, liaison: User) -> None:
    case = make_case(officer_in_charge=officer, reported_on=date(2026, 1, 5))
    complainant = add_complainant(actor=officer, case=case, name="Zelda Quartermaine")
    record_letter_owed(actor=liaison, complainant=complainant, kind="point_of_charge", decision_on=date(2026, 10, 1))
    deliver_everything_due(now=_morning(date(2026, 10, 2)))
    deliver_everything_due(now=_morning(date(2026, 10, 3)))
    assert [m.split(" is ")[1][:7] for m in Notification.objects.order_by("id").values_list("message", flat=True)] == [
        "due tod",
        "overdue",
    ]


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_a_kind_turned_off_comes_in_the_service_only(people: dict[str, User]) -> None:
    officer = people["officer"]
    case = make_case(officer_in_charge=officer)
    choose_emails(person=officer, by_email=[NoticeKind.REVIEW, NoticeKind.DEADLINE, NoticeKind.ALLOCATION])
    notify(
        [
            Notice(officer, case.pk, f"Case {case.urn}: hand-over", NoticeKind.HANDOVER),
            Notice(officer, case.pk, f"Case {case.urn}: review", NoticeKind.REVIEW),
            Notice(people["supervisor"], case.pk, f"Case {case.urn}: hand-over", NoticeKind.HANDOVER),
        ]
    )
    assert set(Notification.objects.values_list("recipient_id", "kind", "email__state")) == {
        (officer.pk, NoticeKind.HANDOVER, None),
        (officer.pk, NoticeKind.REVIEW, "pending"),
        (people["supervisor"].pk, NoticeKind.HANDOVER, "pending"),
    }
    assert send_pending_emails().delivered == 2
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == sorted(
        [(officer.email, f"Case {case.urn}: review"), (people["supervisor"].email, f"Case {case.urn}: hand-over")]
    )


def test_the_choices_are_read_once_for_a_batch(people: dict[str, User]) -> None:
    case = make_case()
    for person in people.values():
        choose_emails(person=person, by_email=[])
    queries = []
    for told in ([people["officer"]], list(people.values())):
        with CaptureQueriesContext(connection) as batch:
            notify(Notice(person, case.pk, f"Case {case.urn}: review", NoticeKind.REVIEW) for person in told)
        queries.append(len(batch))
    assert queries[0] == queries[1]
    assert not Email.objects.exists()


def test_the_settings_page_shows_every_kind_on_until_turned_off(officer: User) -> None:
    client = signed_in(officer)
    Notification.objects.create(recipient=officer, about=make_case(), message="Case: a notification")
    assert reverse("reminders:settings") in client.get(reverse("reminders:list")).content.decode()
    page = client.get(reverse("reminders:settings")).content.decode()
    assert "Notification settings" in page
    assert page.count("checked") == len(NoticeKind)
    response = client.post(reverse("reminders:settings"), {"by_email": [NoticeKind.REVIEW]})
    assert response.status_code == 302
    assert email_choices(officer) == {kind: kind == NoticeKind.REVIEW for kind in NoticeKind}
    assert client.get(reverse("reminders:settings")).content.decode().count("checked") == 1


def test_the_settings_page_refuses_a_kind_it_does_not_list(officer: User) -> None:
    response = signed_in(officer).post(reverse("reminders:settings"), {"by_email": ["gossip"]})
    assert response.status_code == 200
    assert 'href="#id_by_email_0"' in response.content.decode()
    assert email_choices(officer) == dict.fromkeys(NoticeKind, True)


def test_the_api_reads_and_sets_the_same_choices(officer: User, client_of: Callable[..., Client]) -> None:
    client = signed_in(officer)
    url = "/api/v1/notifications/settings/"
    assert client.get(url).json() == {"by_email": list(NoticeKind.values)}
    answer = client.put(url, {"by_email": ["handover"]}, content_type="application/json")
    assert (answer.status_code, answer.json()) == (200, {"by_email": ["handover"]})
    assert email_choices(officer)[NoticeKind.REVIEW] is False
    assert client.put(url, {"by_email": ["gossip"]}, content_type="application/json").status_code == 400
    assert client.put(url, {}, content_type="application/json").status_code == 400
    # Each person's own choices: another person's are untouched.
    other = client_of(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")
    assert other.get(url).json() == {"by_email": list(NoticeKind.values)}
