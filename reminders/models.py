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

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "-created_at"], name="notification_recipient")]

    def __str__(self) -> str:
        return self.message


class EmailState(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    DEAD = "dead", "Not sent"


# The states the sender picks messages from: waiting ones, and ones whose sender's lease ran out (it died).
TO_SEND = (EmailState.PENDING, EmailState.SENDING)
# Every state but sent: the ones worth counting (sent messages only accumulate).
UNSENT = (EmailState.PENDING, EmailState.SENDING, EmailState.DEAD)


class OutboxMessage(models.Model):
    """A message waiting to leave the service, as ``reminders.outbox`` sends it once: the e-mail copies of
    notifications here, and the complainant's own view's messages (victims.models.own_view)."""

    state = models.CharField(max_length=10, choices=EmailState.choices, default=EmailState.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Sends begun since it was queued or retried.")
    next_attempt_at = models.DateTimeField()
    claimed_at = models.DateTimeField(
        null=True, blank=True, help_text="When a sender last took it; never cleared, so a resend knows to check first."
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=100, blank=True, default="")
    provider_reference = models.CharField(
        max_length=100, blank=True, default="", help_text="GOV.UK Notify's id for it, or its SMTP Message-ID."
    )

    class Meta:
        abstract = True


class Email(OutboxMessage):
    """The e-mail copy of a notification: one row of the outbox (``reminders.outbox`` sends it).

    ``next_attempt_at`` is when the message may next be picked up: its backoff while it waits, or the end of its
    sender's lease while it is being sent, so that one index ordered by it serves every sweep and a message that
    failed never holds the others behind it. ``last_error`` names a kind of failure (an exception class or a status
    code), never an address or the message's text."""

    notification = models.OneToOneField(Notification, on_delete=models.CASCADE, related_name="email")

    class Meta:
        indexes = [
            models.Index(fields=["next_attempt_at", "id"], name="email_to_send", condition=Q(state__in=TO_SEND)),
            models.Index(
                fields=["-claimed_at", "-id"],
                name="email_failed",
                condition=Q(state=EmailState.DEAD) | Q(state=EmailState.PENDING, attempts__gt=0),
            ),
            models.Index(fields=["state"], name="email_unsent", condition=Q(state__in=UNSENT)),
        ]

    def __str__(self) -> str:
        return f"e-mail {self.pk} ({self.state})"

    @property
    def reference(self) -> str:
        """The message's stable name at the provider: Notify's ``reference``, the SMTP Message-ID's left part."""
        return f"rasso-email-{self.pk}"


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
