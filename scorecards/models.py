"""What the scorecards app keeps: the journey facts the measures read, journey imports (with their progress and
report), published snapshots frozen with their figures and definitions, and the small-number rule an administrator
edits."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q


class FactKind(models.IntegerChoices):
    """What a journey fact row stands for: one suspect, or one item a measure counts."""

    SUSPECT = 1, "Suspect, on the day their case was reported"
    EARLY_ADVICE_REFERRAL = 2, "Early advice referral received"
    CHARGING_REFERRAL = 3, "Charging decision referral received"
    EARLY_ADVICE_ANSWER = 4, "Early advice given"
    DECISION = 5, "Charging decision"
    EARLY_ADVICE_PRFI = 6, "PRFI from early advice"
    CHARGING_PRFI = 7, "PRFI from a charging decision referral"
    ACTION_PLAN = 8, "Action plan set"
    COMPLETION = 9, "Prosecution completed"
    JUDGE_DIRECTION = 10, "Judge's direction due"
    VICTIM_LETTER = 11, "Victim letter whose decision fell"
    WITHDRAWAL = 12, "Complainant withdrew support"


class JourneyFact(models.Model):
    """One narrow row for each suspect and for each item a scorecard measure counts, holding exactly what the
    measures need: the day that places it in a period, what is counted once (``unit``: the suspect, or the item
    itself), the place, and the item's flags and numbers, worked out once from the records
    (``scorecards.journey_facts``). Rewritten for a case in the same transaction as every record of its journey, so
    the measures read this table alone, never the stage tables. Never edited by hand."""

    kind = models.PositiveSmallIntegerField(choices=FactKind.choices)
    day = models.DateField()
    unit = models.BigIntegerField(help_text="What the measure counts once: the suspect's id, or the item's own.")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    suspect = models.ForeignKey("cases.Suspect", on_delete=models.CASCADE, null=True, related_name="+", db_index=False)
    complainant = models.ForeignKey(
        "victims.Complainant", on_delete=models.CASCADE, null=True, related_name="+", db_index=False
    )
    cps_area = models.ForeignKey("accounts.CpsArea", on_delete=models.PROTECT, related_name="+", db_index=False)
    police_force = models.ForeignKey(
        "accounts.PoliceForce", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    # A suspect's journey so far (the attrition funnel).
    referred = models.BooleanField(default=False)
    charged = models.BooleanField(default=False)
    completed = models.BooleanField(default=False)
    convicted = models.BooleanField(default=False)
    # An item's flags.
    on_time = models.BooleanField(default=False, help_text="Answered, complied with or sent by its target.")
    over_two_plans = models.BooleanField(default=False, help_text="More than two plans after early advice by then.")
    plea_at_first_crown_hearing = models.BooleanField(default=False)
    dropped_at_third_hearing = models.BooleanField(default=False)
    days = models.IntegerField(null=True, help_text="To the answer, to charge, or from charge to completion.")
    consultations = models.IntegerField(null=True, help_text="Referrals of both kinds up to the decision.")
    withdrawal_stage = models.CharField(max_length=20, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["kind", "day"], name="journey_fact_kind_day"),
            models.Index(fields=["kind", "cps_area", "police_force", "day"], name="journey_fact_kind_place_day"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.day}"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Importing"
    IMPORTED = "imported", "Imported"
    UNCHANGED = "unchanged", "Already imported: nothing changed"
    REJECTED = "rejected", "Rejected: nothing was imported"
    FAILED = "failed", "Failed: nothing was imported"


def stored_file_name(journey_import: JourneyImport, file_name: str) -> str:
    """A name of the service's own in storage: never a path or a name the uploader chose."""
    return f"journey-imports/{uuid.uuid4().hex}.jsonl"


class JourneyImport(models.Model):
    """One journey file (INTERCHANGE.md, version 1), imported all or nothing. The file is kept in storage only until
    the import ends; the report lists every bad line.

    The worker that runs an import may die (or lose the database) half-way: the import is one transaction, so nothing
    is written, and beat's sweep starts it again once it has not been heard from for a lease (``attempts`` counts the
    runs, ``started_at`` is when the latest began; the worker's heartbeats between go to the cache with its
    progress). After MAX_ATTEMPTS the sweep gives up and the import fails with that reason."""

    MAX_ATTEMPTS = 3

    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    file = models.FileField(
        upload_to=stored_file_name,
        blank=True,
        editable=False,
        help_text="The uploaded file; empty once it is deleted.",
    )
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0, help_text="How many times a worker has started it.")
    started_at = models.DateTimeField(null=True, blank=True, help_text="When the latest attempt began.")
    lines_total = models.PositiveIntegerField(default=0)
    lines_done = models.PositiveIntegerField(default=0)
    cases = models.PositiveIntegerField(default=0)
    events = models.PositiveIntegerField(default=0)
    errors = models.JSONField(
        default=list, blank=True, help_text="[{line, reason}]: a rejected file's bad lines, or why an import failed."
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sha256"], condition=Q(status="imported"), name="journey_file_imported_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display().lower()})"

    @property
    def finished(self) -> bool:
        return self.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING)


class DisclosureRule(models.Model):
    """The small-number rule for scorecards published outside the organisation (DOMAIN.md: fewer than 5)."""

    # Below 2 nothing would be withheld; above 20 a small Area's scorecard would be mostly blanks.
    threshold = models.PositiveSmallIntegerField(
        default=5,
        validators=[MinValueValidator(2), MaxValueValidator(20)],
        help_text="Counts from 1 up to one less than this are withheld, with secondary suppression. From 2 to 20.",
    )

    class Meta:
        verbose_name = "scorecard disclosure rule"

    def __str__(self) -> str:
        return f"Withhold counts below {self.threshold}"

    @classmethod
    def current(cls) -> DisclosureRule:
        return cls.objects.order_by("pk").first() or cls()

    def describe(self) -> str:
        return (
            f"Counts from 1 to {self.threshold - 1} are withheld, with the rest of their row; where a total would "
            "reveal a withheld figure, the next smallest figure beside it is withheld too. Measures that share a "
            "count are withheld in the same places."
        )


class Snapshot(models.Model):
    """A quarter's scorecard frozen when published: figures, definitions and rule as they were then."""

    period = models.CharField(max_length=30, unique=True)
    period_start = models.DateField()
    period_end = models.DateField()
    computed_at = models.DateTimeField()
    measures_version = models.CharField(max_length=10)
    threshold = models.PositiveSmallIntegerField()
    suppression_rule = models.TextField()
    definitions = models.JSONField(help_text="Each measure as it was defined when published.")
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-period_start"]

    def __str__(self) -> str:
        return f"Scorecard for {self.period}"


class SnapshotFigure(models.Model):
    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="figures")
    position = models.PositiveIntegerField()
    measure_id = models.CharField(max_length=80)
    cps_area = models.CharField(max_length=100, blank=True)
    police_force = models.CharField(max_length=100, blank=True)
    numerator = models.BigIntegerField(null=True)
    denominator = models.BigIntegerField(null=True)
    value = models.FloatField(null=True)
    suppressed = models.BooleanField(default=False, help_text="Withheld in the version published outside.")

    class Meta:
        ordering = ["snapshot", "position"]
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "position"], name="snapshot_figure_position_unique")
        ]

    def __str__(self) -> str:
        return f"{self.measure_id} {self.cps_area} {self.police_force}".strip()


from scorecards import history  # noqa: E402, F401 - registers the disclosure rule's history as it is imported
