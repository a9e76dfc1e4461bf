"""The stages before charge, per suspect: referrals (early advice or charging decision), decisions, PRFI, police NFA.

Early advice requests and referrals for a charging decision are one record with a ``kind``, as the journey import
format has them, so that PRFI, consultations per suspect and timeliness read one table; each kind keeps its own
fields and deadline.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from accounts.models import User
from accounts.scoping import ScopedQuerySet
from cases.custody import DetentionClock, detention_clock
from cases.models.case import InCaseOrganisations, Suspect
from cases.models.reference import Offence
from cases.transitions import ReferralKind


class Triage(models.TextChoices):
    PENDING = "pending", "Not yet triaged"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class RejectionReason(models.TextChoices):
    NO_MG3 = "no_mg3", "No MG3 (report to prosecutor)"
    SUPERVISOR_COMMENTS = "supervisor_comments", "Supervisor's comments incomplete"
    DISCLOSURE_SCHEDULE = "disclosure_schedule", "Disclosure schedule missing"
    WITNESS_STATEMENTS = "witness_statements", "Witness statements missing"
    EXHIBITS = "exhibits", "Exhibits missing"
    INTERVIEW_SUMMARY = "interview_summary", "No interview summary"


class FileItem(models.TextChoices):
    """What a file sent for a charging decision holds, as triage checks it (``Referral.file_contents``)."""

    MG3 = "mg3", "MG3 (report to prosecutor)"
    SUPERVISOR_COMMENTS = "supervisor_comments", "Supervisor's comments (MG3)"
    WITNESS_STATEMENTS = "witness_statements", "Witness statements (MG11)"
    COMPLAINANT_ACCOUNT = "complainant_account", "Complainant's account (ABE or VRI interview, or statement)"
    INTERVIEW_SUMMARY = "interview_summary", "Suspect interview summary (ROTI or SDN)"
    EXHIBITS = "exhibits", "Exhibits list (MG12)"
    DISCLOSURE_SCHEDULES = "disclosure_schedules", "Disclosure schedules (MG6 series, MG6C and MG6D)"
    DIGITAL_MATERIAL = "digital_material", "Digital material (phone downloads, digital strategy)"
    THIRD_PARTY_MATERIAL = "third_party_material", "Third-party material"
    MEDICAL_FORENSIC = "medical_forensic", "Medical and forensic evidence"


# The items of the file each reason for rejecting it is about: a rejection's reasons are shown against them, and
# triage suggests a reason when the police did not send one of its items. Not every case has digital, third-party,
# medical or forensic material, so no reason is suggested for their absence alone.
REJECTION_ITEMS: dict[RejectionReason, tuple[FileItem, ...]] = {
    RejectionReason.NO_MG3: (FileItem.MG3,),
    RejectionReason.SUPERVISOR_COMMENTS: (FileItem.SUPERVISOR_COMMENTS,),
    RejectionReason.DISCLOSURE_SCHEDULE: (FileItem.DISCLOSURE_SCHEDULES,),
    RejectionReason.WITNESS_STATEMENTS: (FileItem.WITNESS_STATEMENTS, FileItem.COMPLAINANT_ACCOUNT),
    RejectionReason.EXHIBITS: (FileItem.EXHIBITS,),
    RejectionReason.INTERVIEW_SUMMARY: (FileItem.INTERVIEW_SUMMARY,),
}


def in_file_order(codes: Iterable[str]) -> list[str]:
    """File item codes once each, in the checklist's order (unknown codes are the service's to refuse)."""
    given = set(codes)
    return [item.value for item in FileItem if item in given]


@dataclass(frozen=True)
class FileCheck:
    """One line of a file's checklist: the item, whether the police sent it, and the rejection reasons about it."""

    item: FileItem
    included: bool
    rejection_reasons: tuple[RejectionReason, ...]

    @property
    def label(self) -> str:
        return self.item.label

    def rejection_reason_labels(self) -> list[str]:
        return [reason.label for reason in self.rejection_reasons]


IS_OPEN = Q(closed_on__isnull=True)


class ReferralQuerySet(ScopedQuerySet["Referral"]):
    """Referrals, which carry their case's force and Area."""

    def open(self) -> ReferralQuerySet:
        return self.filter(IS_OPEN)

    def overdue(self, today: date) -> ReferralQuerySet:
        return self.open().filter(due_on__lt=today)

    def allocated_to(self, prosecutor: User) -> ReferralQuerySet:
        """The referrals that are the prosecutor's: allocated to them, or, with none allocated, on a case that is."""
        return self.filter(
            Q(allocated_prosecutor=prosecutor)
            | Q(allocated_prosecutor__isnull=True, suspect__case__allocated_prosecutor=prosecutor)
        )


class Referral(InCaseOrganisations):
    suspect = models.ForeignKey(Suspect, on_delete=models.CASCADE, related_name="referrals")
    kind = models.CharField(max_length=20, choices=ReferralKind.choices)
    received_on = models.DateField()
    due_on = models.DateField()
    priority = models.BooleanField(default=False, help_text="Suspect in custody: a decision is due within hours.")
    closed_on = models.DateField(null=True, blank=True, help_text="Answered, decided, rejected or PRFI'd.")
    # Early advice
    questions = models.TextField(blank=True)
    advice = models.TextField(blank=True)
    reasonable_lines_of_enquiry = models.TextField(blank=True)
    # Charging decision
    triage = models.CharField(max_length=10, choices=Triage.choices, default=Triage.PENDING)
    rejection_reasons = models.JSONField(default=list, blank=True)
    # What the police send: the offences they propose, when the suspect was arrested (the custody clock) and the
    # file's contents as a checklist (``FileItem`` codes) that triage reads.
    proposed_offences = models.ManyToManyField(Offence, blank=True, related_name="+")
    arrested_at = models.DateTimeField(null=True, blank=True)
    file_contents = models.JSONField(default=list, blank=True)
    # The prosecutor the unit head gives this referral to, when it is not the case's allocated prosecutor.
    allocated_prosecutor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals_allocated"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["received_on", "id"]
        indexes = [
            models.Index(fields=["due_on"], name="referral_open_due", condition=IS_OPEN),
            models.Index(fields=["received_on", "id"], name="referral_order"),  # the API list's order
            # A force's or an Area's open referrals (queues; the case list's "overdue" reads their suspects from the
            # index alone), and its API list in order.
            models.Index(
                fields=["police_force", "due_on"],
                include=["suspect"],
                name="referral_open_force_due",
                condition=IS_OPEN,
            ),
            models.Index(
                fields=["cps_area", "due_on"], include=["suspect"], name="referral_open_area_due", condition=IS_OPEN
            ),
            models.Index(fields=["police_force", "received_on", "id"], name="referral_force_order"),
            models.Index(fields=["cps_area", "received_on", "id"], name="referral_area_order"),
        ]
        constraints = [
            models.CheckConstraint(name="referral_due_after_receipt", condition=Q(due_on__gte=F("received_on"))),
            models.CheckConstraint(
                name="referral_closed_after_receipt",
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("received_on")),
            ),
            models.UniqueConstraint(fields=["suspect"], condition=IS_OPEN, name="one_open_referral_per_suspect"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} referral of {self.received_on:%-d %B %Y}"

    @property
    def prosecutor(self) -> User | None:
        """The prosecutor whose referral this is: its own allocation, else the case's."""
        return self.allocated_prosecutor or self.suspect.case.allocated_prosecutor

    def rejection_reason_labels(self) -> list[str]:
        return [RejectionReason(reason).label for reason in self.rejection_reasons]

    @property
    def detention_clock(self) -> DetentionClock | None:
        """The PACE clock of a suspect referred in custody, counted from the recorded arrest."""
        return detention_clock(in_custody=self.priority, arrested_at=self.arrested_at)

    def file_checklist(self) -> list[FileCheck]:
        """Each item a file may hold: whether the police sent it, and the reasons for rejecting the file about it."""
        reasons = [RejectionReason(reason) for reason in self.rejection_reasons]
        return [
            FileCheck(item, item in self.file_contents, tuple(r for r in reasons if item in REJECTION_ITEMS[r]))
            for item in FileItem
        ]

    def suggested_rejection_reasons(self) -> list[str]:
        """The reasons about an item the police did not send, when they recorded what the file holds."""
        if not self.file_contents:
            return []
        return [reason.value for reason, items in REJECTION_ITEMS.items() if set(items) - set(self.file_contents)]

    def is_overdue(self, today: date) -> bool:
        return self.closed_on is None and today > self.due_on


class DecisionTest(models.TextChoices):
    FULL_CODE = "full_code", "Full Code Test"
    THRESHOLD = "threshold", "Threshold Test"


class DecisionOutcome(models.TextChoices):
    CHARGE = "charge", "Charge"
    NFA_EVIDENTIAL = "nfa_evidential", "No further action – evidential"
    NFA_PUBLIC_INTEREST = "nfa_public_interest", "No further action – public interest"
    OUT_OF_COURT_DISPOSAL = "out_of_court_disposal", "Out-of-court disposal"
    OTHER = "other", "Other"


NFA_OUTCOMES = frozenset({DecisionOutcome.NFA_EVIDENTIAL, DecisionOutcome.NFA_PUBLIC_INTEREST})


class BadCharacter(models.TextChoices):
    PROVIDED = "provided", "Provided"
    REQUESTED = "requested", "Requested from police"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class DisclosureManagementDocument(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"


THRESHOLD_CONDITIONS = (
    "threshold_reasonable_grounds",
    "threshold_further_evidence",
    "threshold_seriousness_justifies",
    "threshold_bail_objection",
    "threshold_public_interest",
)


class ChargingDecisionQuerySet(ScopedQuerySet["ChargingDecision"]):
    """Charging decisions, seen through their referral."""

    scope_path = "referral__"


class ChargingDecision(models.Model):
    """The prosecutor's decision on one referral for a charging decision (Code for Crown Prosecutors)."""

    referral = models.OneToOneField(Referral, on_delete=models.CASCADE, related_name="decision")
    test = models.CharField(max_length=10, choices=DecisionTest.choices)
    outcome = models.CharField(max_length=30, choices=DecisionOutcome.choices)
    evidential_reasons = models.TextField(blank=True)
    public_interest_reasons = models.TextField(blank=True)
    threshold_reasonable_grounds = models.BooleanField(
        default=False, verbose_name="there are reasonable grounds to suspect the offence was committed"
    )
    threshold_further_evidence = models.BooleanField(
        default=False, verbose_name="further evidence can be obtained to give a realistic prospect of conviction"
    )
    threshold_seriousness_justifies = models.BooleanField(
        default=False, verbose_name="the seriousness or circumstances justify an immediate decision"
    )
    threshold_bail_objection = models.BooleanField(
        default=False, verbose_name="there are continuing substantial grounds to object to bail"
    )
    threshold_public_interest = models.BooleanField(
        default=False, verbose_name="prosecution is in the public interest"
    )
    full_code_review_due_on = models.DateField(null=True, blank=True)
    full_code_reviewed_on = models.DateField(
        null=True, blank=True, help_text="When a Threshold Test charge was reviewed under the Full Code Test."
    )
    charged_offences = models.ManyToManyField(Offence, blank=True, related_name="+")
    bad_character = models.CharField(max_length=20, choices=BadCharacter.choices)
    bad_character_rationale = models.TextField()
    disclosure_management_document = models.CharField(
        max_length=20, choices=DisclosureManagementDocument.choices, default=DisclosureManagementDocument.NOT_STARTED
    )
    suspect_conduct = models.TextField(help_text="The suspect's conduct before, during and after the offence.")
    decided_on = models.DateField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ChargingDecisionQuerySet.as_manager()

    class Meta:
        indexes = [
            # Threshold Test charges whose Full Code review is still to come (the case list's "next due").
            models.Index(
                fields=["full_code_review_due_on"],
                name="decision_full_code_review_due",
                condition=Q(test=DecisionTest.THRESHOLD, full_code_reviewed_on__isnull=True),
            )
        ]
        constraints = [
            models.CheckConstraint(
                name="threshold_test_only_to_charge_with_every_condition",
                condition=~Q(test=DecisionTest.THRESHOLD)
                | Q(
                    outcome=DecisionOutcome.CHARGE,
                    full_code_review_due_on__isnull=False,
                    **{condition: True for condition in THRESHOLD_CONDITIONS},
                ),
            ),
            models.CheckConstraint(name="bad_character_rationale_given", condition=~Q(bad_character_rationale="")),
            models.CheckConstraint(
                name="full_code_review_of_a_threshold_charge",
                condition=Q(full_code_reviewed_on__isnull=True)
                | Q(test=DecisionTest.THRESHOLD, full_code_reviewed_on__gte=F("decided_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} ({self.get_test_display()})"


class PrfiQuerySet(ScopedQuerySet["Prfi"]):
    """PRFIs, seen through their referral."""

    scope_path = "referral__"


class Prfi(models.Model):
    """PRFI: the CPS closes its file while it waits for the police. Not a prosecutorial decision; reopenable."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="prfis")
    prfi_on = models.DateField("PRFI on")
    reason = models.TextField()
    reopened_on = models.DateField(null=True, blank=True)
    # The police's response comes back as a new referral, received on its own date with its own deadline.
    # RESTRICT, not PROTECT: the referral cannot be deleted alone, but a case or suspect goes with all its records.
    reopened_as = models.OneToOneField(
        Referral, on_delete=models.RESTRICT, null=True, blank=True, related_name="reopens", editable=False
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = PrfiQuerySet.as_manager()

    class Meta:
        verbose_name = "PRFI"
        ordering = ["prfi_on", "id"]
        # The unit head's list of PRFIs waiting for the police, oldest first, reads these few, not every PRFI.
        indexes = [
            models.Index(fields=["prfi_on", "id"], name="prfi_awaiting_reopening", condition=Q(reopened_on=None))
        ]
        constraints = [
            models.CheckConstraint(
                name="prfi_reopened_after_closing",
                condition=Q(reopened_on__isnull=True) | Q(reopened_on__gte=F("prfi_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"PRFI of {self.prfi_on:%-d %B %Y}"


class CrimeOutcome(models.TextChoices):
    """The Home Office crime outcome a police NFA carries (Crime Outcomes framework; DOMAIN.md)."""

    OUTCOME_10 = "10", "10: formal action not in the public interest (police decision)"
    OUTCOME_12 = "12", "12: named suspect too ill to prosecute"
    OUTCOME_13 = "13", "13: named suspect, but the victim or a key witness is dead or too ill"
    OUTCOME_14 = "14", "14: suspect not identified, victim does not support further action"
    OUTCOME_15 = "15", "15: named suspect, victim supports action, evidential difficulties"
    OUTCOME_16 = "16", "16: named suspect, victim does not support or has withdrawn support"
    OUTCOME_18 = "18", "18: investigation complete, no suspect identified"
    OUTCOME_20 = "20", "20: further action by another body or agency"
    OUTCOME_21 = "21", "21: further investigation not in the public interest (police decision)"


class PoliceNfaQuerySet(ScopedQuerySet["PoliceNfa"]):
    """Police NFAs, seen through their suspect."""

    scope_path = "suspect__"


class PoliceNfa(models.Model):
    """The police's decision to take no further action; a scrutiny panel's referral back may lead to another."""

    suspect = models.ForeignKey(Suspect, on_delete=models.CASCADE, related_name="police_nfas")
    nfa_on = models.DateField("NFA on")
    # Blank only where an imported history did not carry it.
    outcome_code = models.CharField("Home Office outcome", max_length=2, choices=CrimeOutcome.choices, blank=True)
    reason = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = PoliceNfaQuerySet.as_manager()

    class Meta:
        verbose_name = "police NFA"

    def __str__(self) -> str:
        return f"Police NFA of {self.nfa_on:%-d %B %Y}"
