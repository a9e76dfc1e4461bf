"""Reminders (stored with their due time and a unique key) and notifications (what a person reads).

Each is about one record of the model the project names in ``REMINDERS_ABOUT_MODEL`` (the case): a real foreign key,
so the database keeps it whole and deleting the record deletes its reminders and notifications, while reminders
imports nothing of the app that owns it. That model names itself by ``str()`` and links to its page by
``get_absolute_url()``."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class NoticeKind(models.TextChoices):
    """What a notification is about, so that people can choose which kinds also come by e-mail (in-app always)."""

    HANDOVER = "handover", "Hand-overs between police and CPS"
    ALLOCATION = "allocation", "Cases and referrals allocated to you"
    REVIEW = "review", "Action plan reviews and escalations"
    DEADLINE = "deadline", "Deadlines falling due"


class Reminder(models.Model):
    """Something a person must be told at a due time.

    The key names what the reminder is about (for example an action plan and its review level), so raising the
    same reminder twice stores it once; its item (``reminders.services.item_of``) groups the reminders about one
    thing. The sweeper delivers each reminder once and stamps ``sent_at``; of an item's reminders to one person that
    are due at once, it delivers only the last and cancels the others.
    """

    key = models.CharField(max_length=200, unique=True)
    item = models.CharField(
        max_length=200, default="", help_text="What the reminder is about, the start of its key (letter:12)."
    )
    due_at = models.DateTimeField()
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders")
    about = models.ForeignKey(settings.REMINDERS_ABOUT_MODEL, on_delete=models.CASCADE, related_name="reminders")
    message = models.CharField(max_length=200, help_text="Names the case by URN only, never a person.")
    kind = models.CharField(max_length=20, choices=NoticeKind.choices, default=NoticeKind.DEADLINE)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["due_at"],
                name="reminder_pending_due",
                condition=Q(sent_at__isnull=True, cancelled_at__isnull=True),
            ),
            models.Index(fields=["item", "recipient"], name="reminder_item"),
        ]
        constraints = [
            models.CheckConstraint(
                name="reminder_not_both_sent_and_cancelled",
                condition=Q(sent_at__isnull=True) | Q(cancelled_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return self.key


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    about = models.ForeignKey(settings.REMINDERS_ABOUT_MODEL, on_delete=models.CASCADE, related_name="notifications")
    reminder = models.OneToOneField(Reminder, on_delete=models.CASCADE, null=True, blank=True)
    message = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=NoticeKind.choices, default=NoticeKind.DEADLINE)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # The e-mail copy is an outbox: sent after the notification is stored, retried until it goes.
    email_pending = models.BooleanField(default=False)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient"),
            models.Index(fields=["id"], name="notification_email_pending", condition=Q(email_pending=True)),
        ]

    def __str__(self) -> str:
        return self.message


class EmailChoice(models.Model):
    """Whether a person wants e-mail copies of one kind of notification (they always see it in the service). With no
    choice stored for a kind, the copy is sent."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_choices")
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    by_email = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "kind"], name="one_email_choice_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {'by e-mail' if self.by_email else 'in the service only'}"
