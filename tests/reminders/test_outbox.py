"""The e-mail outbox against real servers on loopback that fail on purpose: a GOV.UK Notify look-alike
(tests/notify_server.py) and an SMTP server (tests/smtp_server.py). Every e-mail goes once, a refused one waits in
the dead letter for an administrator, good ones are never held behind bad ones, and a server that hangs holds nothing
else up."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.db import connections
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from operations.metrics import scrape
from reminders.models import Email, EmailState, Notification, Reminder
from reminders.outbox import Sweep, send_pending_emails
from reminders.services import Notice, notify, raise_reminder
from reminders.tasks import sweep_due_items
from tests.clients import signed_in
from tests.factories import make_case
from tests.notify_server import NotifyServer, notify_server, notify_settings
from tests.smtp_server import SmtpServer, smtp_server

pytestmark = pytest.mark.django_db


def _emails_to(people: list[User]) -> list[Email]:
    case = make_case()
    notify(Notice(person, case.pk, f"Case {case.urn}: review due") for person in people)
    return list(Email.objects.order_by("id"))


@contextmanager
def _smtp() -> Iterator[SmtpServer]:
    with smtp_server() as (server, port):
        settings = {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": "127.0.0.1"}
        with override_settings(**settings, EMAIL_PORT=port):
            yield server


@contextmanager
def _notify() -> Iterator[NotifyServer]:
    with notify_server() as server, override_settings(**notify_settings(server)):
        yield server


def _sent_once(server: Any, emails: list[Email]) -> bool:
    """Whether the server got each e-mail exactly once, and nothing else."""
    if isinstance(server, NotifyServer):
        counted = server.per_reference()
        return counted == {email.reference: 1 for email in emails}
    counted = server.per_message_id()
    return sorted(counted) == sorted(e.provider_reference for e in Email.objects.all()) and set(counted.values()) == {
        1
    }


@pytest.mark.parametrize("server", [_notify, _smtp], ids=["notify", "smtp"])
def test_a_server_that_fails_three_times_then_accepts_gets_the_message_once(
    server: Callable[[], Any], user_of: Callable[..., User]
) -> None:
    [email] = _emails_to([user_of(Role.INVESTIGATOR)])
    start = timezone.now()
    with server() as running:
        running.fail_next(3)
        # Each sweep comes ten seconds after the backoff of the failure before it: 1, then 2, then 4 minutes.
        for after in (timedelta(0), timedelta(minutes=1, seconds=10), timedelta(minutes=3, seconds=20)):
            with time_machine.travel(start + after):
                assert send_pending_emails() == Sweep(retrying=1), f"tried {after} after it was queued"
                assert send_pending_emails() == Sweep(), "nothing is tried again before its backoff"
        with time_machine.travel(start + timedelta(minutes=7, seconds=30)):
            assert send_pending_emails() == Sweep(delivered=1)
            assert send_pending_emails() == Sweep()
        assert _sent_once(running, [email])
    email.refresh_from_db()
    assert (email.state, email.attempts, email.last_error) == (EmailState.SENT, 4, "")


def test_a_permanent_refusal_is_dead_at_once_shown_to_an_administrator_and_sent_when_tried_again(
    user_of: Callable[..., User],
) -> None:
    refused = user_of(Role.PROSECUTOR, first_name="Ada", last_name="Refused")
    [email, good] = _emails_to([refused, user_of(Role.INVESTIGATOR)])
    administrator = signed_in(user_of(Role.ADMINISTRATOR))
    with _notify() as server:
        server.refuse(refused.email)
        assert send_pending_emails() == Sweep(delivered=1, dead=1), "the good one is not held behind the refused one"
        email.refresh_from_db()
        assert (email.state, email.attempts, email.last_error) == (EmailState.DEAD, 1, "Notify 400 BadRequestError")

        page = administrator.get(reverse("reminders:outbox")).content.decode()
        assert "Ada Refused" in page
        assert "CPS Yorkshire and Humberside" in page
        assert "Notify 400 BadRequestError" in page
        assert '<dd class="govuk-summary-list__value" id="count-dead">1</dd>' in page
        assert refused.email not in page, "the page names staff, not their addresses"

        server.refused.clear()  # the address was put right
        asked = administrator.post(reverse("reminders:outbox-try-again"), {"email": email.pk})
        assert "Try this e-mail again?" in asked.content.decode()
        assert Email.objects.get(pk=email.pk).state == EmailState.DEAD, "nothing changes before it is confirmed"
        done = administrator.post(reverse("reminders:outbox-try-again"), {"email": email.pk, "confirmed": "yes"})
        assert done.status_code == 302
        email.refresh_from_db()
        assert (email.state, email.attempts) == (EmailState.PENDING, 0)
        entry = LogEntry.objects.get(object_id=str(email.pk))
        assert entry.change_message == "Tried again from the e-mail outbox."

        assert send_pending_emails() == Sweep(delivered=1)
        assert _sent_once(server, [email, good])
    assert "No e-mail has failed." in administrator.get(reverse("reminders:outbox")).content.decode()


def test_only_administrators_see_the_outbox(user_of: Callable[..., User]) -> None:
    for role in (Role.UNIT_HEAD, Role.AUDITOR):
        client = signed_in(user_of(role))
        assert client.get(reverse("reminders:outbox")).status_code == 403
        assert client.post(reverse("reminders:outbox-try-again"), {"email": "all"}).status_code == 403


def test_try_all_again_puts_every_failed_email_back(user_of: Callable[..., User]) -> None:
    people = [user_of(Role.INVESTIGATOR) for _ in range(3)]
    _emails_to(people)
    administrator = signed_in(user_of(Role.ADMINISTRATOR))
    with _smtp() as server:
        for person in people:
            server.refuse(person.email)
        assert send_pending_emails() == Sweep(dead=3)
        asked = administrator.post(reverse("reminders:outbox-try-again"), {"email": "all"})
        assert "Try all 3 failed e-mails again?" in asked.content.decode()
        administrator.post(reverse("reminders:outbox-try-again"), {"email": "all", "confirmed": "yes"})
        assert LogEntry.objects.count() == 3
        server.refused.clear()
        assert send_pending_emails() == Sweep(delivered=3)


def test_a_thousand_refused_emails_never_hold_back_the_fifty_good_ones_behind_them(
    user_of: Callable[..., User],
) -> None:
    """The sweep is bounded by time (``SWEEP_SECONDS``, 50 seconds), not by a batch: all 1,050 are taken in one."""
    refused, good = user_of(Role.INVESTIGATOR), [user_of(Role.PROSECUTOR) for _ in range(50)]
    _emails_to([refused] * 1000)
    _emails_to(good)
    with _smtp() as server:
        server.refuse(refused.email)
        started = time.monotonic()
        assert send_pending_emails() == Sweep(delivered=50, dead=1000)
        assert time.monotonic() - started < 50
        assert sorted(to for _, [to] in server.accepted) == sorted(person.email for person in good)


@pytest.mark.parametrize("server", [_notify, _smtp], ids=["notify", "smtp"])
def test_a_server_that_refuses_the_connection_ends_the_sweep_with_a_count_logged(
    server: Callable[[], Any], user_of: Callable[..., User], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    emails = _emails_to([user_of(Role.INVESTIGATOR), user_of(Role.INVESTIGATOR)])
    with server() as running:
        if isinstance(running, NotifyServer):
            running.die()
            sweep = send_pending_emails()
        else:
            with override_settings(EMAIL_PORT=9):  # nothing listens there
                sweep = send_pending_emails()
    assert sweep == Sweep(retrying=1), "the second is not tried against a server that is down"
    assert "e-mail outbox: delivered 0, will retry 1, dead 0" in caplog.text
    assert emails[0].notification.recipient.email not in caplog.text
    assert list(Email.objects.order_by("id").values_list("state", "attempts")) == [("pending", 1), ("pending", 0)]


def _sweep_in_a_thread(swept: list[Sweep]) -> None:
    try:
        swept.append(send_pending_emails())
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("server", [_notify, _smtp], ids=["notify", "smtp"])
def test_a_hanging_server_holds_no_lock_and_the_email_backs_off_after_the_timeout(
    server: Callable[[], Any], user_of: Callable[..., User]
) -> None:
    officer = user_of(Role.INVESTIGATOR)
    [email] = _emails_to([officer])
    case = make_case()
    raise_reminder(key="hang:1", due_at=timezone.now(), recipient=officer, about=case, message=f"Case {case.urn}: due")
    swept: list[Sweep] = []
    with server() as running, override_settings(EMAIL_TIMEOUT=3):
        running.hang = True
        sender = threading.Thread(target=_sweep_in_a_thread, args=[swept])
        started = time.monotonic()
        sender.start()
        time.sleep(0.5)  # the e-mail is now with the server, which does not answer
        assert sweep_due_items() == 1, "the reminder sweep raised its notification while the mail server hung"
        assert sender.is_alive(), "the reminder sweep did not wait for the e-mail sweep"
        assert Notification.objects.filter(reminder__isnull=False).count() == 1
        sender.join(timeout=30)
        assert not sender.is_alive()
        assert time.monotonic() - started < 10, "the sweep returns after the timeout (and a closing QUIT's)"
    assert swept == [Sweep(retrying=1)]
    email.refresh_from_db()
    assert (email.state, email.attempts) == (EmailState.PENDING, 1)
    assert email.next_attempt_at > timezone.now() + timedelta(seconds=30), "it waits its backoff"
    assert Reminder.objects.get().sent_at is not None


def test_the_metrics_count_the_outbox_by_state_and_the_sweeper_lag(user_of: Callable[..., User]) -> None:
    officer = user_of(Role.INVESTIGATOR)
    _emails_to([officer, officer])
    Email.objects.filter(pk__in=Email.objects.order_by("id").values("pk")[:1]).update(state=EmailState.DEAD)
    case = make_case()
    an_hour_ago = timezone.now() - timedelta(hours=1)
    raise_reminder(key="lag:1", due_at=an_hour_ago, recipient=officer, about=case, message=f"Case {case.urn}: due")
    text = scrape().decode()
    assert 'rasso_email_outbox{state="dead"} 1.0' in text
    assert 'rasso_email_outbox{state="pending"} 1.0' in text
    assert 'rasso_email_outbox{state="sending"} 0.0' in text
    [lag] = [line for line in text.splitlines() if line.startswith("rasso_sweeper_lag_seconds ")]
    assert 3600 <= float(lag.split()[1]) < 3700
    sweep_due_items()
    assert "rasso_sweeper_lag_seconds 0.0" in scrape().decode()


def test_the_sweep_logs_ids_only(user_of: Callable[..., User], caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    refused = user_of(Role.INVESTIGATOR)
    [email] = _emails_to([refused])
    with _smtp() as server:
        server.refuse(refused.email)
        send_pending_emails()
    ours = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("reminders"))
    assert f"e-mail {email.pk} not sent (SMTP 550, attempt 1)" in ours
    assert refused.email not in ours
    assert "review due" not in ours
