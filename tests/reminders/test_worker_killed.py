"""A Celery worker killed (SIGKILL) in the middle of a sweep: nothing it had delivered is delivered again and nothing
it had not is lost. The worker is a real `celery worker` process on the configured broker and the test's database.

The reminder sweep delivers each batch in one transaction, so the kill loses at most the batch in flight, which the
next sweep (beat's next tick, or on Redis the redelivered message: acks late) delivers. The e-mail sweep sends to a
GOV.UK Notify look-alike on loopback (tests/notify_server.py), to people with real addresses, and is killed at the
worst moment: Notify has accepted a message and the worker has not yet recorded it. The next worker finds that
message by its reference instead of sending it again."""

import signal
import time
import uuid
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db.models import Count
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from reminders.claims import BATCH_SIZE
from reminders.models import Email, EmailState, Notification, Reminder
from reminders.services import Notice, notify
from reminders.tasks import send_emails, sweep_due_items
from tests.celery_worker import WAIT_SECONDS, celery_worker, wait_for
from tests.factories import make_case
from tests.notify_server import NotifyServer, notify_server, notify_settings

REMINDERS = 40 * BATCH_SIZE
EMAILS = 300
KILLED_AFTER = 100  # e-mails accepted before the one the worker dies sending


def _delivered() -> int:
    return Reminder.objects.filter(sent_at__isnull=False).count()


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_in_the_middle_of_a_sweep_leaves_every_reminder_delivered_once(
    user_of: Callable[..., User],
) -> None:
    officer = user_of(Role.INVESTIGATOR, email="")
    case = make_case()
    due = timezone.now() - timedelta(minutes=5)
    Reminder.objects.bulk_create(
        Reminder(key=f"fault:{n}", due_at=due, recipient=officer, about=case, message=f"Case {case.urn}: review {n}")
        for n in range(REMINDERS)
    )
    queue = f"test-{uuid.uuid4().hex}"

    with celery_worker(queue) as worker:
        sweep_due_items.apply_async(queue=queue)
        assert wait_for(lambda: _delivered() > 0), "the worker never started the sweep"
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=WAIT_SECONDS)
    killed_at = _delivered()
    assert killed_at < REMINDERS, "the sweep ended before the worker could be killed in the middle of it"
    assert killed_at % BATCH_SIZE == 0, "a batch is delivered whole or not at all"
    assert Notification.objects.count() == killed_at, "a notification for every reminder stamped sent, and no other"

    with celery_worker(queue):
        sweep_due_items.apply_async(queue=queue)  # beat's next tick
        assert wait_for(lambda: _delivered() == REMINDERS), "the next sweep did not deliver the rest"
        # On Redis the killed sweep's message comes back too (acks late); whichever runs, nothing is left to send.
        time.sleep(1)

    per_reminder = Notification.objects.values("reminder_id").annotate(times=Count("id"))
    assert per_reminder.count() == REMINDERS, "every reminder delivered"
    assert {row["times"] for row in per_reminder} == {1}, "no reminder delivered twice"


def _mailer_settings(server: NotifyServer) -> dict[str, str]:
    """The worker sends through ``server``, with a one-second timeout: a three-second lease."""
    return {**{key: str(value) for key, value in notify_settings(server).items()}, "EMAIL_TIMEOUT": "1"}


def _emails_to_people_with_addresses(user_of: Callable[..., User]) -> list[Email]:
    people = [user_of(Role.INVESTIGATOR) for _ in range(10)]
    assert all(person.email for person in people)
    case = make_case()
    notify(Notice(person, case.pk, f"Case {case.urn}: review {n}") for n in range(EMAILS // 10) for person in people)
    return list(Email.objects.all())


def _sweep_until_all_sent(queue: str) -> bool:
    """Queue a sweep each second, as beat would, until every e-mail is sent."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        send_emails.apply_async(queue=queue)
        if wait_for(lambda: not Email.objects.exclude(state=EmailState.SENT).exists(), 1):
            return True
    return False


@pytest.mark.django_db(transaction=True)
def test_a_mailer_killed_between_notifys_acceptance_and_its_record_sends_every_email_once(
    user_of: Callable[..., User],
) -> None:
    emails = _emails_to_people_with_addresses(user_of)
    queue = f"test-{uuid.uuid4().hex}"
    with notify_server() as server:
        server.hold_after = KILLED_AFTER
        with celery_worker(queue, **_mailer_settings(server)) as worker:
            send_emails.apply_async(queue=queue)
            assert wait_for(lambda: len(server.accepted) > KILLED_AFTER), "the worker never reached the kill"
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=WAIT_SECONDS)
        assert Email.objects.filter(state=EmailState.SENT).count() == KILLED_AFTER
        [in_flight] = Email.objects.filter(state=EmailState.SENDING)
        assert server.per_reference()[in_flight.reference] == 1, "Notify has the message the worker died sending"

        server.hold_after = None
        with celery_worker(queue, **_mailer_settings(server)):
            assert _sweep_until_all_sent(queue), "the next worker did not send the rest"
        assert server.per_reference() == {email.reference: 1 for email in emails}, "each e-mail once, none lost"
    in_flight.refresh_from_db()
    assert in_flight.provider_reference == next(
        n["id"] for n in server.accepted if n["reference"] == in_flight.reference
    )
