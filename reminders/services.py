"""Raising, cancelling and delivering reminders, and telling people: every write to reminders and notifications,
and every e-mail the service queues, goes through here (``reminders.outbox`` sends them)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.db.models.functions import Replace
from django.utils import timezone
from django.utils.text import capfirst

from accounts.models import User
from reminders.claims import claim_and_deliver
from reminders.models import Email, EmailChoice, NoticeKind, Notification, Reminder
from reminders.screening import screen_for

if TYPE_CHECKING:  # django-stubs' helper, a development dependency
    from django_stubs_ext import WithAnnotations

# Reminders about a day are delivered at the start of that working day.
REMINDER_TIME = time(9, 0)

# A reminder's key starts with the item it is about, "<kind of item>:<its id>" ("letter:12"); then, for an item with
# several reminders, which one ("letter:12:overdue"); ``remind_on`` adds the person ("letter:12:overdue:7"). Of one
# item's reminders to one person that are due together (after the sweeper was down), only the last due is delivered
# and the earlier ones are cancelled: a letter is never told both "due today" and "overdue".
ITEM_PARTS = 2


def item_of(key: str) -> str:
    """The item a reminder's key is about: its first ``ITEM_PARTS`` parts."""
    return ":".join(key.split(":")[:ITEM_PARTS])


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
    """Store each notice as an in-app notification, with an e-mail copy queued in the outbox for people who have an
    address and have not turned e-mail copies of its kind off (``choose_emails``; read for the whole batch in one
    query). Each message passes the registered screen on its way out (people may have been named since it was
    written). Nothing is sent here: the outbox's own task sends, so telling people in the service never waits on
    a mail server."""
    notices = list(notices)
    if not notices:
        return 0
    screen = screen_for(n.about_id for n in notices)
    in_the_service_only = set(
        EmailChoice.objects.filter(person_id__in={n.recipient.pk for n in notices}, by_email=False).values_list(
            "person_id", "kind"
        )
    )
    created = Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=n.recipient.pk,
                about_id=n.about_id,
                reminder_id=n.reminder_id,
                message=screen(n.about_id, n.message),
                kind=n.kind,
            )
            for n in notices
        ]
    )
    now = timezone.now()
    Email.objects.bulk_create(
        Email(notification=notification, next_attempt_at=now)
        for notification, n in zip(created, notices, strict=True)
        if n.recipient.email and (n.recipient.pk, n.kind) not in in_the_service_only
    )
    return len(created)


def raise_reminder(*, key: str, due_at: datetime, recipient: User, about: models.Model, message: str) -> None:
    """Store a reminder to be delivered at ``due_at``; raising the same key again changes nothing."""
    Reminder.objects.bulk_create(
        [Reminder(key=key, item=item_of(key), due_at=due_at, recipient=recipient, about_id=about.pk, message=message)],
        ignore_conflicts=True,
    )


def remind_on(*, people: Iterable[User], about: models.Model, key: str, on: date, message: str) -> None:
    """Remind each person at the start of the day ``on``, naming what it is about ("Case 01AB2345678: …"). The key
    names what the reminder is about (``ITEM_PARTS``: the item, then which of its reminders); each person's
    reminder is stored once however often it is raised (``{key}:{person id}``). The message is fixed wording naming
    the kind of item; it passes the screen all the same."""
    due_at = timezone.make_aware(datetime.combine(on, REMINDER_TIME))
    text = screen_for([about.pk])(about.pk, f"{capfirst(about._meta.verbose_name)} {about}: {message}")
    for person in people:
        raise_reminder(key=f"{key}:{person.pk}", due_at=due_at, recipient=person, about=about, message=text)


def cancel_reminders(*, key_prefix: str, now: datetime | None = None) -> int:
    """Stop reminders that are no longer needed (for example when a plan is answered) before they are sent."""
    return Reminder.objects.filter(key__startswith=key_prefix, sent_at__isnull=True, cancelled_at__isnull=True).update(
        cancelled_at=now or timezone.now()
    )


def move_reminders(*, key_prefix: str, on: date, dated: tuple[date, date] | None = None) -> int:
    """Move the reminders still to be sent about an item to the start of the day ``on``, after the deadline they
    remind of moved; where the message names the deadline's date (``dated``: the old date, the new), it names the
    new one. Sent and cancelled reminders stay as they were. Returns how many moved."""
    due_at = timezone.make_aware(datetime.combine(on, REMINDER_TIME))
    changes: dict[str, Any] = {"due_at": due_at}
    if dated is not None:
        old, new = (f"{day:%-d %B %Y}" for day in dated)
        changes["message"] = Replace("message", Value(old), Value(new))
    pending = Reminder.objects.filter(key__startswith=key_prefix, sent_at__isnull=True, cancelled_at__isnull=True)
    return pending.update(**changes)


def pending_reminder_dates(kind: str) -> dict[int, date]:
    """The day each item of a kind ("readiness") is next reminded of, among its reminders still to be sent, by the
    item's id: a date kept only in its reminders (a readiness warning, a meeting's follow-up) moves with them."""
    dates: dict[int, date] = {}
    pending = Reminder.objects.filter(item__startswith=f"{kind}:", sent_at__isnull=True, cancelled_at__isnull=True)
    for item, due_at in pending.values_list("item", "due_at"):
        day = timezone.localdate(due_at)
        pk = int(item.split(":")[1])
        dates[pk] = min(day, dates.get(pk, day))
    return dates


class _Superseded(TypedDict):
    superseded: bool  # a later reminder about the same item, to the same person, is due too


def deliver_due_reminders(*, now: datetime | None = None) -> int:
    """Deliver every reminder due by ``now`` exactly once, however many sweepers run at the same time: each batch
    is turned into notifications and stamped sent in the transaction that claimed it. A reminder whose item has a
    later reminder to the same person also due is cancelled instead (``ITEM_PARTS``). Returns how many were
    delivered or cancelled so."""
    now = now or timezone.now()

    def deliver(batch: list[WithAnnotations[Reminder, _Superseded]]) -> int:
        told = [r for r in batch if not r.superseded]
        notify(Notice(r.recipient, r.about_id, r.message, NoticeKind(r.kind), reminder_id=r.pk) for r in told)
        Reminder.objects.filter(pk__in=[r.pk for r in told]).update(sent_at=now)
        Reminder.objects.filter(pk__in=[r.pk for r in batch if r.superseded]).update(cancelled_at=now)
        return len(batch)

    later_due = Reminder.objects.filter(
        Q(due_at__gt=OuterRef("due_at")) | Q(due_at=OuterRef("due_at"), pk__gt=OuterRef("pk")),
        item=OuterRef("item"),
        recipient=OuterRef("recipient"),
        due_at__lte=now,
        cancelled_at__isnull=True,
    )
    due = (
        Reminder.objects.filter(sent_at__isnull=True, cancelled_at__isnull=True, due_at__lte=now)
        # A reminder stored without an item stands alone (its subquery is not even run).
        .annotate(superseded=Case(When(item="", then=Value(False)), default=Exists(later_due)))
        .select_related("recipient")
        .order_by("due_at", "id")
    )
    return claim_and_deliver(due, deliver)


def sweeper_lag_seconds() -> float:
    """How long the oldest reminder that is due has waited to be delivered (naught when none waits): how far behind
    the sweeper is, for the metrics."""
    now = timezone.now()
    oldest = (
        Reminder.objects.filter(sent_at__isnull=True, cancelled_at__isnull=True, due_at__lte=now)
        .order_by("due_at")
        .values_list("due_at", flat=True)
        .first()
    )
    return (now - oldest).total_seconds() if oldest else 0.0


def email_choices(person: User) -> dict[NoticeKind, bool]:
    """Which kinds of notification the person also gets by e-mail (every kind, unless they turned it off)."""
    stored = dict(EmailChoice.objects.filter(person=person).values_list("kind", "by_email"))
    return {kind: stored.get(kind, True) for kind in NoticeKind}


def choose_emails(*, person: User, by_email: Collection[str]) -> dict[NoticeKind, bool]:
    """Record the kinds of notification the person wants e-mail copies of; every other kind comes in the service
    only. Pages and API call this."""
    unknown = set(by_email) - set(NoticeKind.values)
    if unknown:
        raise ValidationError({"by_email": "Select only the kinds of notification listed."})
    EmailChoice.objects.bulk_create(
        [EmailChoice(person=person, kind=kind, by_email=kind in by_email) for kind in NoticeKind],
        update_conflicts=True,
        unique_fields=["person", "kind"],
        update_fields=["by_email"],
    )
    return email_choices(person)


def mark_read(*, notification: Notification, now: datetime | None = None) -> Notification:
    if notification.read_at is None:
        notification.read_at = now or timezone.now()
        notification.save(update_fields=["read_at"])
    return notification
