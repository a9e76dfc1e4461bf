"""Reminders are delivered once, when due, however often the sweeper runs; cancelled ones never. Every message passes
the screen cases registers; the claim loop, the audience and the one sweep that every kind of due item shares."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from cases.models import Suspect
from reminders import screening
from reminders.audience import Audience, Place
from reminders.claims import claim_and_deliver
from reminders.due import deliver_everything_due
from reminders.models import Notification, Reminder
from reminders.services import Notice, cancel_reminders, deliver_due_reminders, notify, raise_reminder
from reminders.tasks import send_emails, sweep_due_items
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def test_due_reminder_is_delivered_once_and_future_one_waits(user_of: Callable[..., User]) -> None:
    officer = user_of(Role.INVESTIGATOR)
    case = make_case()
    now = timezone.now()
    raise_reminder(key="test:due", due_at=now - timedelta(hours=1), recipient=officer, about=case, message="due")
    raise_reminder(key="test:due", due_at=now - timedelta(hours=1), recipient=officer, about=case, message="due")
    raise_reminder(key="test:later", due_at=now + timedelta(days=1), recipient=officer, about=case, message="later")

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
            key=f"test:day{day}", due_at=start + timedelta(days=day), recipient=officer, about=case, message=f"d{day}"
        )
    assert deliver_due_reminders(now=start + timedelta(days=8)) == 7
    assert deliver_due_reminders(now=start + timedelta(days=9)) == 0
    assert Notification.objects.count() == 7


def test_cancelled_reminder_is_never_delivered(user_of: Callable[..., User]) -> None:
    officer = user_of(Role.INVESTIGATOR)
    case = make_case()
    due = timezone.now() - timedelta(minutes=1)
    raise_reminder(key="plan:1:day28", due_at=due, recipient=officer, about=case, message="28")
    raise_reminder(key="plan:1:day56", due_at=due, recipient=officer, about=case, message="56")
    raise_reminder(key="plan:2:day28", due_at=due, recipient=officer, about=case, message="other")
    assert cancel_reminders(key_prefix="plan:1:") == 2
    deliver_due_reminders()
    assert list(Notification.objects.values_list("message", flat=True)) == ["other"]
    assert Reminder.objects.filter(cancelled_at__isnull=False, sent_at__isnull=True).count() == 2


def test_notifications_page_shows_the_count_and_opens_the_case(client_of: Callable[..., Client]) -> None:
    client = client_of(Role.INVESTIGATOR)
    officer = User.objects.get(pk=client.session["_auth_user_id"])
    case = make_case()
    raise_reminder(
        key="k", due_at=timezone.now(), recipient=officer, about=case, message=f"Case {case.urn}: review due"
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
    raise_reminder(key="k", due_at=timezone.now(), recipient=owner, about=case, message="private")
    deliver_due_reminders()
    pk = Notification.objects.get().pk
    other = client_of(Role.INVESTIGATOR)
    assert other.post(f"/notifications/{pk}/read/").status_code == 404
    assert other.get(f"/api/v1/notifications/{pk}/").status_code == 404
    assert Notification.objects.get().read_at is None


def test_every_notice_passes_the_screen_cases_registers(officer: User) -> None:
    case = make_case()
    Suspect.objects.filter(case=case).update(name="Li Zyxwvut")
    notify([Notice(officer, case.pk, f"Case {case.urn}: Zyxwvut called")])
    assert Notification.objects.get().message == f"Case {case.urn}: Suspect 1 called"


def test_with_no_screen_registered_nothing_is_told(officer: User, monkeypatch: pytest.MonkeyPatch) -> None:
    case = make_case()
    monkeypatch.setattr(screening, "_SCREENS", [])
    with pytest.raises(ImproperlyConfigured):
        notify([Notice(officer, case.pk, "anything")])
    assert not Notification.objects.exists()


def test_a_batch_not_wholly_delivered_ends_the_sweep(officer: User) -> None:
    case = make_case()
    due = timezone.now() - timedelta(minutes=1)
    for n in range(7):
        raise_reminder(key=f"test:{n}", due_at=due, recipient=officer, about=case, message=f"{n}")
    batches: list[int] = []

    def deliver_all_but_one(batch: list[Reminder]) -> int:
        batches.append(len(batch))
        Reminder.objects.filter(pk__in=[r.pk for r in batch[:-1]]).update(sent_at=timezone.now())
        return len(batch) - 1

    pending = Reminder.objects.filter(sent_at__isnull=True).order_by("id")
    assert claim_and_deliver(pending, deliver_all_but_one, batch_size=3) == 2
    assert batches == [3]
    assert pending.count() == 5, "the rest of the batch and the rows after it wait for the next sweep"


def test_the_audience_of_a_batch_is_read_once_and_names_each_active_person_once(
    user_of: Callable[..., User], django_assert_num_queries: Callable[..., Any]
) -> None:
    yorkshire = make_case()
    kent = make_case(police_force="Kent Police")
    supervisor = user_of(Role.POLICE_SUPERVISOR, police_force="West Yorkshire Police")
    user_of(Role.POLICE_SUPERVISOR, police_force="West Yorkshire Police", is_active=False)
    kent_supervisor = user_of(Role.POLICE_SUPERVISOR, police_force="Kent Police")
    unit_head = user_of(Role.UNIT_HEAD, cps_area="Yorkshire and Humberside")
    user_of(Role.VICTIM_LIAISON_OFFICER, cps_area="Yorkshire and Humberside")
    places = [Place(cps_area_id=c.cps_area_id, police_force_id=c.police_force_id) for c in (yorkshire, kent)]
    with django_assert_num_queries(1):
        audience = Audience(places, area_roles=[Role.UNIT_HEAD], force_roles=[Role.POLICE_SUPERVISOR])
        told_in_yorkshire = audience.people(
            places[0], named=[unit_head, None], area_roles=[Role.UNIT_HEAD], force_roles=[Role.POLICE_SUPERVISOR]
        )
        told_in_kent = audience.people(places[1], force_roles=[Role.POLICE_SUPERVISOR])
    assert told_in_yorkshire == [unit_head, supervisor]
    assert told_in_kent == [kent_supervisor]


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_one_sweep_delivers_every_kind_registered_and_the_email_task_sends_the_emails(officer: User) -> None:
    case = make_case()
    raise_reminder(key="k", due_at=timezone.now(), recipient=officer, about=case, message=f"Case {case.urn}: due")
    assert sweep_due_items() == 1
    assert mail.outbox == [], "the reminder sweep tells people in the service; it never waits on e-mail"
    assert send_emails() == 1
    assert [m.subject for m in mail.outbox] == [f"Case {case.urn}: due"]
    assert deliver_everything_due() == {"review points": 0, "reminders": 0}
