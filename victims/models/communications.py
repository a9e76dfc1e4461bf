"""Letters and contacts with a complainant, with the Victims' Code clock: a letter reporting a decision is due within
1 working day (enhanced rights) or 5 (others) of the decision. Letter text is drafted from templates an administrator
edits; it names the complainant, so it is encrypted at rest and never leaves the service in an e-mail."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from encrypted_fields.fields import EncryptedTextField

from accounts.scoping import ScopedQuerySet
from victims.models.complainant import Channel, Complainant


class CommunicationKind(models.TextChoices):
    INTRODUCTION = "introduction", "Introduction (“Hello”) letter"
    POINT_OF_CHARGE = "point_of_charge", "Point-of-charge letter"
    NFA = "nfa", "No further action letter, with Victims' Right to Review information"
    DISCONTINUANCE = "discontinuance", "Discontinuance letter"
    CHARGE_ALTERED = "charge_altered", "Charge substantially altered letter"
    MEETING_OFFER = "meeting_offer", "Pre-trial meeting offer"


# Letters that report a decision run on the Victims' Code clock; the Victim Communication and Liaison scheme's
# measure counts the last three (INTERCHANGE.md: victim_letters_on_time).
DECISION_LETTERS = frozenset(
    {
        CommunicationKind.POINT_OF_CHARGE,
        CommunicationKind.NFA,
        CommunicationKind.DISCONTINUANCE,
        CommunicationKind.CHARGE_ALTERED,
    }
)


class LetterLanguage(models.TextChoices):
    """The languages letters are written in: a complainant in Wales may ask to be written to in Welsh."""

    ENGLISH = "en", "English"
    WELSH = "cy", "Welsh (Cymraeg)"


class LetterTemplate(models.Model):
    """The wording of a kind of letter in one language, edited by an administrator. Placeholders: $complainant_name,
    $urn, $decision_date, $today, $sender_name, $cps_area."""

    kind = models.CharField(max_length=20, choices=CommunicationKind.choices)
    language = models.CharField(max_length=2, choices=LetterLanguage.choices, default=LetterLanguage.ENGLISH)
    subject = models.CharField(max_length=200)
    body = models.TextField()

    class Meta:
        ordering = ["kind", "-language"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "language"], name="letter_template_one_per_kind_and_language")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_language_display()})"


class CommunicationQuerySet(ScopedQuerySet["Communication"]):
    """Letters, seen through the complainant's case."""

    scope_path = "complainant__case__"

    def unsent(self) -> CommunicationQuerySet:
        return self.filter(sent_on__isnull=True)


class Communication(models.Model):
    complainant = models.ForeignKey(Complainant, on_delete=models.CASCADE, related_name="communications")
    kind = models.CharField(max_length=20, choices=CommunicationKind.choices)
    decision_on = models.DateField(null=True, blank=True, help_text="The date of the decision the letter reports.")
    decision = models.CharField(max_length=200, blank=True, help_text="What was decided, by suspect label.")
    due_on = models.DateField(null=True, blank=True)
    channel = models.CharField(max_length=20, choices=Channel.choices, blank=True)
    text = EncryptedTextField(null=True, blank=True)
    language = models.CharField(
        max_length=2, choices=LetterLanguage.choices, blank=True, help_text="The language it was drafted in."
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    edited = models.BooleanField(
        default=False, help_text="The officer has changed the drafted text: drafting it again asks first."
    )
    sent_on = models.DateField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = CommunicationQuerySet.as_manager()

    class Meta:
        ordering = ["complainant", "due_on", "id"]
        constraints = [
            models.CheckConstraint(
                name="decision_letter_has_its_clock",
                condition=~Q(kind__in=sorted(DECISION_LETTERS))
                | Q(decision_on__isnull=False, due_on__gte=F("decision_on")),
            ),
            models.CheckConstraint(
                name="letter_sent_on_or_after_decision",
                condition=Q(sent_on__isnull=True) | Q(decision_on__isnull=True) | Q(sent_on__gte=F("decision_on")),
            ),
            models.CheckConstraint(
                name="sent_letter_has_its_channel", condition=Q(sent_on__isnull=True) | ~Q(channel="")
            ),
        ]
        indexes = [models.Index(fields=["due_on"], name="communication_unsent_due", condition=Q(sent_on__isnull=True))]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.complainant.label}"

    @property
    def short_name(self) -> str:
        """The kind of letter without its explanation ("No further action letter")."""
        return self.get_kind_display().split(",")[0]

    @property
    def on_time(self) -> bool | None:
        """Whether it was sent within the Victims' Code limit; None while unsent or without a clock."""
        if self.due_on is None or self.sent_on is None:
            return None
        return self.sent_on <= self.due_on
