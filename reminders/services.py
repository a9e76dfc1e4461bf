"""Raising, cancelling and delivering reminders, and telling people: every write to reminders and notifications,
and every e-mail the service sends, goes through here."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst

from accounts.models import User
from reminders.claims import claim_and_deliver
from reminders.models import NoticeKind, Notification, Reminder
from reminders.screening import screen_for

logger = logging.getLogger(__name__)

# Reminders about a day are delivered at the start of that working day.
REMINDER_TIME = time(9, 0)


@dataclass(frozen=True)
class Notice:
    """Something to tell one person about one record (a case). The message names it by its URN only, never a
    person."""

    recipient: User
    about_id: int
    message: str
    kind: NoticeKind = NoticeKind.DEADLINE
    reminder_id: int | None = None


def notify(notices: Iterable[Notice]) -> int:
    """Store each notice as an in-app notification, with an e-mail copy queued for people who have an address.
    Each message passes the registered screen on its way out (people may have been named since it was written)."""
    notices = list(notices)
    screen = screen_for(n.about_id for n in notices)
    created = Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=n.recipient.pk,
                about_id=n.about_id,
                reminder_id=n.reminder_id,
                message=screen(n.about_id, n.message),
                kind=n.kind,
                email_pending=bool(n.recipient.email),
            )
            for n in notices
        ]
    )
    return len(created)


def raise_reminder(*, key: str, due_at: datetime, recipient: User, about: models.Model, message: str) -> None:
    """Store a reminder to be delivered at ``due_at``; raising the same key again changes nothing."""
    Reminder.objects.bulk_create(
        [Reminder(key=key, due_at=due_at, recipient=recipient, about_id=about.pk, message=message)],
        ignore_conflicts=True,
    )


def remind_on(*, people: Iterable[User], about: models.Model, key: str, on: date, message: str) -> None:
    """Remind each person at the start of the day ``on``, naming what it is about ("Case 01AB2345678: …"). The key
    names what the reminder is about; each person's reminder is stored once however often it is raised
    (``{key}:{person id}``). The message is fixed wording naming the kind of item; it passes the screen all the
    same."""
    due_at = timezone.make_aware(datetime.combine(on, REMINDER_TIME))
    text = screen_for([about.pk])(about.pk, f"{capfirst(about._meta.verbose_name)} {about}: {message}")
    for person in people:
        raise_reminder(key=f"{key}:{person.pk}", due_at=due_at, recipient=person, about=about, message=text)


def cancel_reminders(*, key_prefix: str, now: datetime | None = None) -> int:
    """Stop reminders that are no longer needed (for example when a plan is answered) before they are sent."""
    return Reminder.objects.filter(key__startswith=key_prefix, sent_at__isnull=True, cancelled_at__isnull=True).update(
        cancelled_at=now or timezone.now()
    )


def deliver_due_reminders(*, now: datetime | None = None) -> int:
    """Deliver every reminder due by ``now`` exactly once, however many sweepers run at the same time: each batch
    is turned into notifications and stamped sent in the transaction that claimed it."""
    now = now or timezone.now()

    def deliver(batch: list[Reminder]) -> int:
        notify(Notice(r.recipient, r.about_id, r.message, NoticeKind(r.kind), reminder_id=r.pk) for r in batch)
        Reminder.objects.filter(pk__in=[r.pk for r in batch]).update(sent_at=now)
        return len(batch)

    due = (
        Reminder.objects.filter(sent_at__isnull=True, cancelled_at__isnull=True, due_at__lte=now)
        .select_related("recipient")
        .order_by("due_at", "id")
    )
    return claim_and_deliver(due, deliver)


def _email(notification: Notification) -> EmailMessage:
    link = f"{settings.SERVICE_URL}{notification.about.get_absolute_url()}"
    body = (
        f"{notification.message}\n\nOpen the case: {link}\n\n"
        "This message names the case by its URN only. Sign in to the RASSO case-journey tracker to see the details."
    )
    return EmailMessage(subject=notification.message, body=body, to=[notification.recipient.email])


def send_pending_emails(*, now: datetime | None = None) -> int:
    """Send the e-mail copy of each notification once; one that fails stays queued and is tried at the next sweep.
    Rows are claimed through the shared loop, so two sweepers never send the same e-mail."""
    now = now or timezone.now()

    def send(batch: list[Notification]) -> int:
        sent = []
        with get_connection() as connection:
            for notification in batch:
                try:
                    connection.send_messages([_email(notification)])
                except Exception:
                    # Logged by id only: the message names a case, and an address is personal data.
                    logger.exception("e-mail for notification %d not sent; it will be tried again", notification.pk)
                else:
                    sent.append(notification.pk)
        Notification.objects.filter(pk__in=sent).update(email_pending=False, emailed_at=now)
        return len(sent)

    due = Notification.objects.filter(email_pending=True).select_related("recipient", "about").order_by("id")
    return claim_and_deliver(due, send)


def mark_read(*, notification: Notification, now: datetime | None = None) -> Notification:
    if notification.read_at is None:
        notification.read_at = now or timezone.now()
        notification.save(update_fields=["read_at"])
    return notification
