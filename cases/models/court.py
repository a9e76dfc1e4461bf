"""After charge, per suspect: sending to the Crown Court with its Better Case Management and custody time limit dates,
hearings (numbered in date order, magistrates' and Crown Court together), pleas, trials with their readiness
checklist, the case outcome; and the judge's directions on the case."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber

from accounts.scoping import ScopedQuerySet
from cases.models.case import Case, Suspect
from cases.models.reference import ReferenceQuerySet


class Court(models.TextChoices):
    MAGISTRATES = "magistrates", "Magistrates' court"
    CROWN = "crown", "Crown Court"


class HearingKind(models.TextChoices):
    FIRST = "first", "First hearing"
    PTPH = "ptph", "Plea and trial preparation hearing"
    MENTION = "mention", "Mention"
    TRIAL = "trial", "Trial"
    SENTENCE = "sentence", "Sentence"


class HearingQuerySet(ScopedQuerySet["Hearing"]):
    """Hearings, seen through their suspect."""

    scope_path = "suspect__"

    def numbered(self) -> HearingQuerySet:
        """Each hearing with its number among its suspect's hearings, in date order (INTERCHANGE.md)."""
        return self.annotate(
            number=Window(RowNumber(), partition_by=[F("suspect_id")], order_by=[F("held_on").asc(), F("id").asc()])
        )


class Hearing(models.Model):
    suspect = models.ForeignKey(Suspect, on_delete=models.CASCADE, related_name="hearings")
    court = models.CharField(max_length=20, choices=Court.choices)
    kind = models.CharField(max_length=20, choices=HearingKind.choices)
    # The court by name ("Snaresbrook Crown Court"); blank only where an imported history did not carry it.
    court_name = models.CharField("court", max_length=100, blank=True)
    held_on = models.DateField("date", help_text="A hearing may be listed ahead; it is held on this date.")
    what_happened = models.TextField(blank=True)

    objects = HearingQuerySet.as_manager()

    class Meta:
        ordering = ["suspect", "held_on", "id"]
        indexes = [models.Index(fields=["suspect", "held_on"], name="hearing_suspect_date")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_court_display()}) on {self.held_on:%-d %B %Y}"


class Result(models.TextChoices):
    GUILTY_PLEA = "guilty_plea", "Guilty plea"
    CONVICTED_AFTER_TRIAL = "convicted_after_trial", "Convicted after trial"
    ACQUITTED = "acquitted", "Acquitted"
    DISCONTINUED = "discontinued", "Discontinued"
    NO_EVIDENCE_OFFERED = "no_evidence_offered", "No evidence offered"
    LEFT_ON_FILE = "left_on_file", "Left on file"


# Results that name the hearing at which they happened (DOMAIN.md: guilty pleas at the first Crown Court hearing,
# cases dropped at the third or a later hearing).
RESULTS_AT_A_HEARING = frozenset({Result.GUILTY_PLEA, Result.DISCONTINUED, Result.NO_EVIDENCE_OFFERED})
CONVICTIONS = [Result.GUILTY_PLEA, Result.CONVICTED_AFTER_TRIAL]


class ProsecutionQuerySet(ScopedQuerySet["Prosecution"]):
    """Prosecutions, seen through their suspect."""

    scope_path = "suspect__"


class Prosecution(models.Model):
    """A charged suspect's road through the Crown Court, with the dates that follow from sending: PTPH, the Better
    Case Management stages and, while remanded in custody, the custody time limit."""

    suspect = models.OneToOneField(Suspect, on_delete=models.CASCADE, related_name="prosecution")
    sent_on = models.DateField("sent to the Crown Court on")
    remanded_in_custody = models.BooleanField(default=False)
    ptph_due_on = models.DateField("PTPH due")
    prosecution_case_due_on = models.DateField("prosecution case to be served by")
    defence_response_due_on = models.DateField("defence response due")
    custody_time_limit_on = models.DateField("custody time limit expires", null=True, blank=True)
    result = models.CharField(max_length=30, choices=Result.choices, blank=True)
    # RESTRICT, not PROTECT: the hearing cannot be deleted alone, but a case or suspect goes with all its records.
    result_hearing = models.ForeignKey(Hearing, on_delete=models.RESTRICT, null=True, blank=True, related_name="+")
    completed_on = models.DateField(null=True, blank=True)
    sentence = models.TextField(blank=True, help_text="The sentence passed on conviction.")
    sentenced_on = models.DateField(null=True, blank=True)

    objects = ProsecutionQuerySet.as_manager()

    class Meta:
        indexes = [
            # Running prosecutions of remanded suspects by their custody time limit (the case list's "next due").
            models.Index(fields=["custody_time_limit_on"], name="prosecution_ctl_running", condition=Q(result=""))
        ]
        constraints = [
            models.CheckConstraint(
                name="sentence_after_conviction",
                condition=Q(sentenced_on__isnull=True, sentence="")
                | (Q(result__in=CONVICTIONS, sentenced_on__gte=F("completed_on")) & ~Q(sentence="")),
            ),
            models.CheckConstraint(
                name="custody_time_limit_only_when_remanded",
                condition=Q(remanded_in_custody=True, custody_time_limit_on__isnull=False)
                | Q(remanded_in_custody=False, custody_time_limit_on__isnull=True),
            ),
            models.CheckConstraint(
                name="prosecution_result_has_its_date",
                condition=Q(result="", completed_on__isnull=True)
                | (~Q(result="") & Q(completed_on__gte=F("sent_on"))),
            ),
        ]

    def __str__(self) -> str:
        return f"Prosecution of {self.suspect}"


class Plea(models.Model):
    hearing = models.OneToOneField(Hearing, on_delete=models.CASCADE, related_name="plea")
    plea = models.CharField(max_length=12, choices=[("guilty", "Guilty"), ("not_guilty", "Not guilty")])

    def __str__(self) -> str:
        return f"{self.get_plea_display()} at {self.hearing}"


class TrialOutcome(models.TextChoices):
    EFFECTIVE = "effective", "Effective"
    CRACKED = "cracked", "Cracked (did not go ahead and was not relisted)"
    INEFFECTIVE = "ineffective", "Ineffective (relisted)"


class TrialQuerySet(ScopedQuerySet["Trial"]):
    """Trials, seen through their suspect."""

    scope_path = "suspect__"


class Trial(models.Model):
    suspect = models.ForeignKey(Suspect, on_delete=models.CASCADE, related_name="trials")
    listed_for = models.DateField()
    outcome = models.CharField(max_length=12, choices=TrialOutcome.choices, blank=True)
    reason = models.TextField(blank=True, help_text="Why it cracked or was ineffective.")
    relisted_from = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="relisted_as"
    )

    objects = TrialQuerySet.as_manager()

    class Meta:
        ordering = ["suspect", "listed_for", "id"]
        indexes = [models.Index(fields=["listed_for"], name="trial_to_come", condition=Q(outcome=""))]
        constraints = [
            models.CheckConstraint(
                name="trial_not_effective_has_a_reason",
                condition=Q(outcome__in=["", TrialOutcome.EFFECTIVE]) | ~Q(reason=""),
            )
        ]

    def __str__(self) -> str:
        return f"Trial of {self.suspect} listed for {self.listed_for:%-d %B %Y}"


class ReadinessItem(models.Model):
    """One line of the trial readiness checklist, which an administrator edits (DOMAIN.md's default list)."""

    text = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField(default=0)
    disabled_on = models.DateField(null=True, blank=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class ReadinessCheck(models.Model):
    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="readiness")
    item = models.ForeignKey(ReadinessItem, on_delete=models.PROTECT, related_name="+")
    done = models.BooleanField(default=False)

    class Meta:
        ordering = ["trial", "item__position", "item_id"]
        constraints = [models.UniqueConstraint(fields=["trial", "item"], name="one_check_per_item_per_trial")]

    def __str__(self) -> str:
        return f"{self.item}: {'done' if self.done else 'not done'}"


class JudgeDirectionQuerySet(ScopedQuerySet["JudgeDirection"]):
    """Judge's directions, seen through their case."""

    scope_path = "case__"


class JudgeDirection(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="judge_directions")
    direction = models.CharField(max_length=200, help_text="What the judge directed, briefly.")
    set_on = models.DateField()
    due_on = models.DateField()
    complied_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = JudgeDirectionQuerySet.as_manager()

    class Meta:
        ordering = ["case", "due_on", "id"]
        indexes = [models.Index(fields=["due_on"], name="direction_open_due", condition=Q(complied_on__isnull=True))]
        constraints = [
            models.CheckConstraint(name="direction_due_after_set", condition=Q(due_on__gte=F("set_on"))),
            models.CheckConstraint(
                name="direction_complied_after_set",
                condition=Q(complied_on__isnull=True) | Q(complied_on__gte=F("set_on")),
            ),
        ]

    def __str__(self) -> str:
        return self.direction

    @property
    def on_time(self) -> bool | None:
        return None if self.complied_on is None else self.complied_on <= self.due_on
