"""Reminders are delivered once, when due, however often the sweeper runs; cancelled ones never."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from reminders.models import Notification, Reminder
from reminders.services import cancel_reminders, deliver_due_reminders, raise_reminder
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def test_due_reminder_is_delivered_once_and_future_one_waits(user_of: Callable[..., User]) -> None:
    officer = user_of(Role.INVESTIGATOR)
    case = make_case()
    now = timezone.now()
    raise_reminder(key="test:due", due_at=now - timedelta(hours=1), recipient=officer, case=case, message="due")
    raise_reminder(key="test:due", due_at=now - timedelta(hours=1), recipient=officer, case=case, message="due")
    raise_reminder(key="test:later", due_at=now + timedelta(days=1), recipient=officer, case=case, message="later")

    assert deliver_due_reminders(now=now) == 1
    assert deliver_due_reminders(now=now) == 0
    assert list(Notification.objects.values_list("message", flat=True)) == ["due"]
    assert deliver_due_reminders(now=now + timedelta(days=2)) == 1
    assert Notification.objects.count() == 2


def test_a_week_of_missed_sweeps_catches_up_once(user_of: Callable[..., User]) -> None:
    officer = user_of(Role.INVESTIGATOR)
    case = make_case()
    start = timezone.now()
    for day in range(7):
        raise_reminder(
            key=f"test:day{day}", due_at=start + timedelta(days=day), recipient=officer, case=case, message=f"d{day}"
        )
    assert deliver_due_reminders(now=start + timedelta(days=8)) == 7
    assert deliver_due_reminders(now=start + timedelta(days=9)) == 0
    assert Notification.objects.count() == 7


def test_cancelled_reminder_is_never_delivered(user_of: Callable[..., User]) -> None:
    officer = user_of(Role.INVESTIGATOR)
    case = make_case()
    due = timezone.now() - timedelta(minutes=1)
    raise_reminder(key="plan:1:day28", due_at=due, recipient=officer, case=case, message="28")
    raise_reminder(key="plan:1:day56", due_at=due, recipient=officer, case=case, message="56")
    raise_reminder(key="plan:2:day28", due_at=due, recipient=officer, case=case, message="other")
    assert cancel_reminders(key_prefix="plan:1:") == 2
    deliver_due_reminders()
    assert list(Notification.objects.values_list("message", flat=True)) == ["other"]
    assert Reminder.objects.filter(cancelled_at__isnull=False, sent_at__isnull=True).count() == 2


def test_notifications_page_shows_the_count_and_opens_the_case(client_of: Callable[..., Client]) -> None:
    client = client_of(Role.INVESTIGATOR)
    officer = User.objects.get(pk=client.session["_auth_user_id"])
    case = make_case()
    raise_reminder(
        key="k", due_at=timezone.now(), recipient=officer, case=case, message=f"Case {case.urn}: review due"
    )
    deliver_due_reminders()
    home = client.get("/")
    assert home.context["unread_notifications"] == 1
    assert f"Case {case.urn}: review due" in home.content.decode()
    response = client.post(f"/notifications/{Notification.objects.get().pk}/read/")
    assert response["Location"] == f"/cases/{case.pk}/"
    assert client.get("/").context["unread_notifications"] == 0
    api = client.get("/api/v1/notifications/").json()["results"]
    assert [(row["case_urn"], row["read_at"] is not None) for row in api] == [(case.urn, True)]


def test_nobody_reads_another_persons_notification(
    client_of: Callable[..., Client], user_of: Callable[..., User]
) -> None:
    owner = user_of(Role.INVESTIGATOR)
    case = make_case()
    raise_reminder(key="k", due_at=timezone.now(), recipient=owner, case=case, message="private")
    deliver_due_reminders()
    pk = Notification.objects.get().pk
    other = client_of(Role.INVESTIGATOR)
    assert other.post(f"/notifications/{pk}/read/").status_code == 404
    assert other.get(f"/api/v1/notifications/{pk}/").status_code == 404
    assert Notification.objects.get().read_at is None
