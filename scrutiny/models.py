"""NFA scrutiny panels (Rape Strategy Update 2022): a panel meets at least quarterly, considers a random sample of
no-further-action decisions (police and CPS), sometimes on a theme, and records for each case whether the decision
was appropriate or should be referred back, with learning and actions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from accounts.models import CpsArea, PoliceForce
from cases.models import CaseFlag, Suspect


class Panel(models.Model):
    cps_area = models.ForeignKey(CpsArea, on_delete=models.PROTECT, related_name="+")
    meets_on = models.DateField()
    theme = models.CharField(max_length=200, blank=True, help_text="For example, domestic abuse rape.")
    forces = models.ManyToManyField(PoliceForce, related_name="+")
    members = models.TextField(help_text="The members by role, one a line: police, CPS, ISVA service, and so on.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-meets_on", "-id"]

    def __str__(self) -> str:
        return f"NFA scrutiny panel of {self.meets_on:%-d %B %Y}"

    def member_roles(self) -> list[str]:
        return [line.strip() for line in self.members.splitlines() if line.strip()]


class Sample(models.Model):
    """NFA decisions drawn at random from a period: the same seed over the same decisions draws the same cases."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="samples")
    period_from = models.DateField()
    period_to = models.DateField()
    theme_flag = models.ForeignKey(CaseFlag, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    police_force = models.ForeignKey(PoliceForce, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    per_force = models.PositiveSmallIntegerField()
    seed = models.PositiveBigIntegerField()
    drawn_at = models.DateTimeField(auto_now_add=True)
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-drawn_at", "-id"]
        constraints = [
            models.CheckConstraint(name="sample_period_in_order", condition=Q(period_to__gte=F("period_from")))
        ]

    def __str__(self) -> str:
        return f"Sample of {self.period_from:%-d %B %Y} to {self.period_to:%-d %B %Y} (seed {self.seed})"


class NfaBy(models.TextChoices):
    POLICE = "police", "Police"
    CPS = "cps", "CPS"


class SampledDecisionQuerySet(models.QuerySet["SampledDecision"]):
    def in_area(self, cps_area_id: int | None) -> SampledDecisionQuerySet:
        """The one scoping rule of NFA scrutiny: the decisions of the Area's panels on cases of that Area. A force
        may be served by more than one Area (the Metropolitan Police by London North and London South, every force
        by CPS Direct), so the panel's forces alone do not keep another Area's cases out; and a decision sampled
        before this rule, on another Area's case, is filtered out of every read. No Area, no decisions."""
        if cps_area_id is None:
            return self.none()
        return self.filter(sample__panel__cps_area_id=cps_area_id, suspect__cps_area_id=cps_area_id)


class SampledDecision(models.Model):
    sample = models.ForeignKey(Sample, on_delete=models.CASCADE, related_name="decisions")
    suspect = models.ForeignKey(Suspect, on_delete=models.CASCADE, related_name="+")
    nfa_by = models.CharField(max_length=10, choices=NfaBy.choices)
    nfa_on = models.DateField()
    police_force = models.ForeignKey(PoliceForce, on_delete=models.PROTECT, related_name="+")

    objects = SampledDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["sample", "police_force__name", "nfa_on", "id"]
        constraints = [models.UniqueConstraint(fields=["sample", "suspect"], name="suspect_once_per_panel_sample")]

    def __str__(self) -> str:
        return f"{self.get_nfa_by_display()} NFA of {self.nfa_on:%-d %B %Y}"


class Verdict(models.TextChoices):
    APPROPRIATE = "appropriate", "The decision was appropriate"
    REFER_BACK = "refer_back", "Refer back for further review"


class ReferBackReason(models.TextChoices):
    COULD_BE_BUILT = "could_be_built", "The case could be built towards a prosecution"
    TOO_EARLY = "too_early", "No further action was taken too early"


class FindingQuerySet(models.QuerySet["Finding"]):
    def in_area(self, cps_area_id: int | None) -> FindingQuerySet:
        """The findings on the decisions ``SampledDecision.objects.in_area`` gives."""
        return self.filter(decision__in=SampledDecision.objects.in_area(cps_area_id))


class Finding(models.Model):
    decision = models.OneToOneField(SampledDecision, on_delete=models.CASCADE, related_name="finding")
    verdict = models.CharField(max_length=20, choices=Verdict.choices)
    refer_back_reason = models.CharField(max_length=20, choices=ReferBackReason.choices, blank=True)
    learning = models.TextField(blank=True)
    actions = models.TextField(blank=True, help_text="One action a line, with its owner: “Action – owner”.")
    recorded_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = FindingQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="referral_back_has_its_reason",
                condition=Q(verdict=Verdict.APPROPRIATE, refer_back_reason="")
                | (Q(verdict=Verdict.REFER_BACK) & ~Q(refer_back_reason="")),
            )
        ]

    def __str__(self) -> str:
        return self.get_verdict_display()
