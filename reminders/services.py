"""Raising, cancelling and delivering reminders; every write to reminders and notifications goes through here."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from cases.models import Case
from reminders.models import Notification, Reminder

DELIVERY_BATCH_SIZE = 500


def raise_reminder(*, key: str, due_at: datetime, recipient: User, case: Case, message: str) -> None:
    """Store a reminder to be delivered at ``due_at``; raising the same key again changes nothing."""
    Reminder.objects.bulk_create(
        [Reminder(key=key, due_at=due_at, recipient=recipient, case=case, message=message)], ignore_conflicts=True
    )


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
                Reminder.objects.select_for_update(skip_locked=True)
                .filter(sent_at__isnull=True, cancelled_at__isnull=True, due_at__lte=now)
                .order_by("due_at", "id")[:DELIVERY_BATCH_SIZE]
            )
            if not batch:
                return delivered
            Notification.objects.bulk_create(
                [
                    Notification(recipient_id=r.recipient_id, case_id=r.case_id, reminder=r, message=r.message)
                    for r in batch
                ]
            )
            Reminder.objects.filter(pk__in=[r.pk for r in batch]).update(sent_at=now)
            delivered += len(batch)


def mark_read(*, notification: Notification, now: datetime | None = None) -> Notification:
    if notification.read_at is None:
        notification.read_at = now or timezone.now()
        notification.save(update_fields=["read_at"])
    return notification
