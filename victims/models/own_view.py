"""The complainant's own view of their case (the ``portal`` app's pages): who may see it, the messages that tell them
something is new, and what they ask of the victim liaison officer from it.

An invitation is made by a victim liaison officer for a complainant, or with the complainant's consent for their ISVA;
it is sent as a single-use, expiring link (only the link's hash is kept), and on first use binds the person's GOV.UK
One Login identity to it (``user``). While it stands (accepted, not revoked, and for an ISVA while the complainant's
consent to sharing stands) its user sees the case through it."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from accounts.scoping import ScopedQuerySet
from reminders.models import TO_SEND, OutboxMessage
from victims.models.complainant import Complainant


class InvitationChannel(models.TextChoices):
    EMAIL = "email", "E-mail"
    TEXT = "text", "Text message"


class InvitationQuerySet(ScopedQuerySet["Invitation"]):
    """Invitations, seen by staff through the complainant's case."""

    scope_path = "complainant__case__"


class Invitation(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False, help_text="Names it in URLs.")
    complainant = models.ForeignKey(Complainant, on_delete=models.CASCADE, related_name="invitations")
    for_isva = models.BooleanField(default=False, help_text="For the complainant's ISVA or ChISVA, not themselves.")
    channel = models.CharField(max_length=10, choices=InvitationChannel.choices)
    token_hash = models.CharField(
        max_length=64, blank=True, db_index=True, help_text="SHA-256 of the link's secret; empty until it is sent."
    )
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="own_view_invitations",
        help_text="The complainant's or ISVA's account, bound to their One Login identity when they accepted.",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    last_looked_at = models.DateTimeField(null=True, blank=True, help_text="When its user last opened a page.")

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["complainant", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["complainant", "for_isva"],
                condition=Q(revoked_at__isnull=True),
                name="one_standing_invitation_per_person",
            ),
            models.CheckConstraint(
                name="accepted_invitation_has_its_user",
                condition=Q(accepted_at__isnull=True, user__isnull=True)
                | Q(accepted_at__isnull=False, user__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation {self.public_id}"


class OwnViewRequestKind(models.TextChoices):
    CALL_ME = "call_me", "Asked to be called"
    NO_LONGER_SUPPORTS = "no_longer_supports", "Said they no longer support the prosecution"


class OwnViewRequestQuerySet(ScopedQuerySet["OwnViewRequest"]):
    scope_path = "invitation__complainant__case__"


class OwnViewRequest(models.Model):
    """Something a complainant asked of the victim liaison officer from their own view: never acted on by itself, it
    starts the officer's follow-up (a reminder to the Area's VLOs) until an officer records it answered."""

    invitation = models.ForeignKey(Invitation, on_delete=models.PROTECT, related_name="requests")
    kind = models.CharField(max_length=30, choices=OwnViewRequestKind.choices)
    made_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = OwnViewRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-made_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.made_at:%-d %B %Y})"


class MessageKind(models.TextChoices):
    INVITATION = "invitation", "Invitation"
    NEWS = "news", "Something new"


class OwnViewMessage(OutboxMessage):
    """An e-mail or text message to an invited person through GOV.UK Notify: the invitation's link, or that there is
    something new (never what). The address is read from the encrypted identity when it is sent (a logged read)."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=20, choices=MessageKind.choices)
    channel = models.CharField(max_length=10, choices=InvitationChannel.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                fields=["next_attempt_at", "id"],
                name="own_view_message_to_send",
                condition=Q(state__in=TO_SEND),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} message {self.pk} ({self.state})"

    @property
    def reference(self) -> str:
        """Its stable name at Notify, so a resend after a crash can ask whether it went."""
        return f"rasso-own-view-{self.pk}"
