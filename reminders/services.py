"""Raising, cancelling and delivering reminders, and telling people: every write to reminders and notifications,
and every e-mail the service sends, goes through here."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from cases.identity_screen import Screen, screened
from cases.models import Case
from reminders.models import Notification, Reminder

logger = logging.getLogger(__name__)

DELIVERY_BATCH_SIZE = 500
# Reminders about a day are delivered at the start of that working day.
REMINDER_TIME = time(9, 0)


@dataclass(frozen=True)
class Notice:
    """Something to tell one person about one case. The message names the case by URN only, never a person."""

    recipient: User
    case_id: int
    message: str
    reminder_id: int | None = None


def notify(notices: Iterable[Notice]) -> int:
    """Store each notice as an in-app notification, with an e-mail copy queued for people who have an address.
    Each message passes the identity screen on its way out (people may have been named since it was written)."""
    notices = list(notices)
    screen = Screen(n.case_id for n in notices)
    created = Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=n.recipient.pk,
                case_id=n.case_id,
                reminder_id=n.reminder_id,
                message=screen(n.case_id, n.message),
                email_pending=bool(n.recipient.email),
            )
            for n in notices
        ]
    )
    return len(created)


def raise_reminder(*, key: str, due_at: datetime, recipient: User, case: Case, message: str) -> None:
    """Store a reminder to be delivered at ``due_at``; raising the same key again changes nothing."""
    Reminder.objects.bulk_create(
        [Reminder(key=key, due_at=due_at, recipient=recipient, case=case, message=message)], ignore_conflicts=True
    )


def area_people(case: Case, roles: Iterable[str]) -> QuerySet[User]:
    """The active people of these roles in the case's CPS Area."""
    return User.objects.filter(role__in=list(roles), cps_area_id=case.cps_area_id, is_active=True)


def remind_on(*, people: Iterable[User], case: Case, key: str, on: date, message: str) -> None:
    """Remind each person at the start of the day ``on``, naming the case by its URN. The key names what the reminder
    is about; each person's reminder is stored once however often it is raised (``{key}:{person id}``). The message
    is fixed wording naming the kind of item; it passes the identity screen all the same."""
    due_at = timezone.make_aware(datetime.combine(on, REMINDER_TIME))
    text = screened(case.pk, f"Case {case.urn}: {message}")
    for person in people:
        raise_reminder(key=f"{key}:{person.pk}", due_at=due_at, recipient=person, case=case, message=text)


def cancel_reminders(*, key_prefix: str, now: datetime | None = None) -> int:
    """Stop reminders that are no longer needed (for example when a plan is answered) before they are sent."""
    return Reminder.objects.filter(key__startswith=key_prefix, sent_at__isnull=True, cancelled_at__isnull=True).update(
        cancelled_at=now or timezone.now()
    )


def deliver_due_reminders(*, now: datetime | None = None) -> int:
    """Deliver every reminder due by ``now`` exactly once, however many sweepers run at the same time.

    Each batch is claimed with SELECT … FOR UPDATE SKIP LOCKED (on PostgreSQL), turned into notifications and
    stamped sent in one transaction, so a sweeper that dies mid-batch leaves its rows for the next one.
    """
    now = now or timezone.now()
    delivered = 0
    while True:
        with transaction.atomic():
            batch = list(
                Reminder.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(sent_at__isnull=True, cancelled_at__isnull=True, due_at__lte=now)
                .select_related("recipient")
                .order_by("due_at", "id")[:DELIVERY_BATCH_SIZE]
            )
            if not batch:
                return delivered
            notify(Notice(r.recipient, r.case_id, r.message, reminder_id=r.pk) for r in batch)
            Reminder.objects.filter(pk__in=[r.pk for r in batch]).update(sent_at=now)
            delivered += len(batch)


def _email(notification: Notification) -> EmailMessage:
    link = f"{settings.SERVICE_URL}/cases/{notification.case_id}/"
    body = (
        f"{notification.message}\n\nOpen the case: {link}\n\n"
        "This message names the case by its URN only. Sign in to the RASSO case-journey tracker to see the details."
    )
    return EmailMessage(subject=notification.message, body=body, to=[notification.recipient.email])


def send_pending_emails(*, now: datetime | None = None) -> int:
    """Send the e-mail copy of each notification once; one that fails stays queued and is tried at the next sweep.

    Rows are claimed with SKIP LOCKED, so two sweepers never send the same e-mail."""
    now = now or timezone.now()
    sent = 0
    while True:
        with transaction.atomic():
            batch = list(
                Notification.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(email_pending=True)
                .select_related("recipient")
                .order_by("id")[:DELIVERY_BATCH_SIZE]
            )
            if not batch:
                return sent
            done, failed = [], 0
            with get_connection() as connection:
                for notification in batch:
                    try:
                        connection.send_messages([_email(notification)])
                    except Exception:
                        # Logged by id only: the message names a case, and an address is personal data.
                        logger.exception(
                            "e-mail for notification %d not sent; it will be tried again", notification.pk
                        )
                        failed += 1
                    else:
                        done.append(notification.pk)
            Notification.objects.filter(pk__in=done).update(email_pending=False, emailed_at=now)
            sent += len(done)
            if failed:
                return sent


def mark_read(*, notification: Notification, now: datetime | None = None) -> Notification:
    if notification.read_at is None:
        notification.read_at = now or timezone.now()
        notification.save(update_fields=["read_at"])
    return notification
