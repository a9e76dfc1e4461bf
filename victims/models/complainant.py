"""The complainant: known everywhere by a case-local label; identity encrypted at rest and read only through
victims.identity, which writes every read to the append-only access log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from encrypted_fields.fields import EncryptedCharField, EncryptedEmailField, EncryptedTextField

from accounts.scoping import ScopedQuerySet
from audit.append_only import AppendOnlyModel
from cases.characteristics import ProtectedCharacteristics
from cases.models import Case

# Never in a URL, log line, e-mail, notification or export; shown only after a logged read.
IDENTITY_FIELDS = ("name", "date_of_birth", "address", "phone", "email")


class WithdrawalStage(models.TextChoices):
    INVESTIGATION = "investigation", "During the investigation"
    PRE_CHARGE = "pre_charge", "Before charge"
    POST_CHARGE = "post_charge", "After charge"


class ComplainantQuerySet(ScopedQuerySet["Complainant"]):
    """Complainants, seen through their case."""

    scope_path = "case__"


class Complainant(ProtectedCharacteristics):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="complainants")
    label = models.CharField(max_length=30, help_text="Case-local, such as “Complainant A”.")
    name = EncryptedCharField(max_length=200, null=True, blank=True)
    date_of_birth = EncryptedCharField(max_length=10, null=True, blank=True, help_text="YYYY-MM-DD")
    address = EncryptedTextField(null=True, blank=True)
    phone = EncryptedCharField(max_length=40, null=True, blank=True)
    email = EncryptedEmailField(null=True, blank=True)
    enhanced_rights = models.BooleanField(default=True, help_text="Victims of sexual offences have enhanced rights.")
    vulnerable = models.BooleanField(default=False)
    intimidated = models.BooleanField(
        default=True,
        help_text="Complainants of sexual offences are eligible as intimidated witnesses (YJCEA s.17(4)).",
    )
    withdrew_support_on = models.DateField(null=True, blank=True)
    withdrawal_stage = models.CharField(max_length=20, choices=WithdrawalStage.choices, blank=True)

    objects = ComplainantQuerySet.as_manager()

    class Meta:
        ordering = ["case", "label"]
        constraints = [
            models.UniqueConstraint(fields=["case", "label"], name="complainant_label_unique_in_case"),
            models.CheckConstraint(
                name="withdrawal_has_its_stage",
                condition=Q(withdrew_support_on__isnull=True, withdrawal_stage="")
                | (Q(withdrew_support_on__isnull=False) & ~Q(withdrawal_stage="")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.urn} {self.label}"

    @property
    def shares_with_isva(self) -> bool:
        """They have an ISVA (or ChISVA) and consent to sharing with them: letters may go through the ISVA, who may be
        copied and invited to the own view."""
        isva = getattr(self, "isva", None)
        return isva is not None and isva.consent_to_share


class Channel(models.TextChoices):
    LETTER = "letter", "Letter"
    EMAIL = "email", "E-mail"
    PHONE = "phone", "Phone"
    THROUGH_ISVA = "through_isva", "Through their ISVA"


class AccessibleFormat(models.TextChoices):
    LARGE_PRINT = "large_print", "Large print"
    EASY_READ = "easy_read", "Easy read"
    BRAILLE = "braille", "Braille"
    AUDIO = "audio", "Audio"


class CommunicationWishes(models.Model):
    """How the complainant wants to be contacted (CJJI 2022 recommendation 1): the service warns when an action goes
    against these."""

    complainant = models.OneToOneField(Complainant, on_delete=models.CASCADE, related_name="wishes")
    channel = models.CharField(max_length=20, choices=Channel.choices)
    safe_times = models.CharField(max_length=200, blank=True, help_text="When it is safe to contact them.")
    language = models.CharField(max_length=60, default="English")
    interpreter = models.BooleanField(default=False)
    accessible_formats = models.JSONField(default=list, blank=True)
    others_who_may_be_told = models.TextField(blank=True, help_text="Who else may be told, by role or relationship.")
    no_contact = models.BooleanField(default=False, help_text="They have said they want no contact.")
    copy_isva = models.BooleanField(default=False, help_text="Their ISVA is copied into what they are sent.")
    updated_on = models.DateField()

    class Meta:
        verbose_name_plural = "communication wishes"

    def __str__(self) -> str:
        return f"Wishes of {self.complainant.label}"

    def accessible_format_labels(self) -> list[str]:
        return [AccessibleFormat(value).label for value in self.accessible_formats]


class IsvaKind(models.TextChoices):
    ISVA = "isva", "ISVA"
    CHISVA = "chisva", "ChISVA (children and young people)"


class Isva(models.Model):
    """The complainant's independent sexual violence adviser: a professional, so their details are not encrypted."""

    complainant = models.OneToOneField(Complainant, on_delete=models.CASCADE, related_name="isva")
    kind = models.CharField(max_length=10, choices=IsvaKind.choices, default=IsvaKind.ISVA)
    organisation = models.CharField(max_length=200)
    contact = models.CharField(max_length=200, help_text="Name, phone or e-mail of the adviser.")
    consent_to_share = models.BooleanField(default=False, help_text="The complainant consents to sharing with them.")

    class Meta:
        verbose_name = "ISVA"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.complainant.label}"


class IdentityReadReason(models.TextChoices):
    CONTACT = "contact", "To contact the complainant"
    LETTER = "letter", "To write to the complainant"
    COURT = "court", "Court or witness arrangements"
    SAFEGUARDING = "safeguarding", "Safeguarding"
    CORRECTION = "correction", "To check or correct the record"
    OWN_VIEW = "own_view", "The complainant or their ISVA viewing their own case"


class IdentityRead(AppendOnlyModel):
    """One read of a complainant's identity: who, when, which complainant, why (DPA 2018 s.62).

    Append-only: the application refuses updates and deletes, and on PostgreSQL the database role the application
    uses has no UPDATE or DELETE privilege on the table (migration 0002). The case and complainant are kept as
    references without database constraints, and their URN and label copied, so the log outlives the records."""

    complainant = models.ForeignKey(
        Complainant, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+", null=True
    )
    case = models.ForeignKey(Case, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+", null=True)
    case_urn = models.CharField(max_length=11)
    complainant_label = models.CharField(max_length=30)
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    reader_name = models.CharField(max_length=300)
    reason = models.CharField(max_length=20, choices=IdentityReadReason.choices)
    note = models.TextField(blank=True, help_text="The reader's own words: why a correction was made.")
    via = models.CharField(max_length=10, help_text="page, letter or api")
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-read_at", "-id"]
        indexes = [models.Index(fields=["case", "-read_at"], name="identity_read_case")]

    def __str__(self) -> str:
        return f"{self.reader_name} read {self.case_urn} {self.complainant_label}"
