"""Action plans and their actions, the 28/56/90-day review points with the escalation ladder behind them, and the
proportionality dip-sample of suspects with more than two plans after early advice."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from accounts.models import CpsArea
from accounts.scoping import ScopedQuerySet
from cases.models import Referral, Suspect
from cases.models.case import InCaseOrganisations


class ReviewLevel(models.Model):
    """A rung of the escalation ladder: a plan still open this many days after it was set is reviewed, and these
    people are told. An administrator edits the ladder; the defaults are DOMAIN.md's 28, 56 and 90 days."""

    # A level falls between a day and a year after the plan was set; two levels never share a day.
    days = models.PositiveSmallIntegerField(
        unique=True,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        error_messages={"unique": "There is already a level at this many days."},
        help_text="Calendar days after the plan was set, from 1 to 365.",
    )
    tell_officer_in_charge = models.BooleanField("tell the officer in charge", default=False)
    tell_police_supervisors = models.BooleanField("tell the force's police supervisors", default=False)
    tell_allocated_prosecutor = models.BooleanField(
        "tell the allocated prosecutor", default=False, help_text="Or the prosecutor who set the plan."
    )
    tell_unit_heads = models.BooleanField("tell the Area's RASSO unit heads", default=False)
    lists_for_joim = models.BooleanField("list the case for the next RASSO JOIM", default=False)
    prompts_prfi = models.BooleanField("prompt the unit head to consider PRFI", default=False)

    class Meta:
        ordering = ["days"]
        verbose_name = "action plan review level"
        constraints = [models.CheckConstraint(name="review_level_days_positive", condition=Q(days__gt=0))]

    def __str__(self) -> str:
        return f"{self.days}-day review"


class PlanStatus(models.TextChoices):
    OPEN = "open", "Open"
    ANSWERED = "answered", "Answered"
    PRFI = "prfi", "PRFI"
    WITHDRAWN = "withdrawn", "Withdrawn"


IS_OPEN = Q(status=PlanStatus.OPEN)


class ActionPlanQuerySet(ScopedQuerySet["ActionPlan"]):
    """Action plans, which carry their case's force and Area."""

    def open(self) -> ActionPlanQuerySet:
        return self.filter(IS_OPEN)


class ActionPlan(InCaseOrganisations):
    """The prosecutor's list of enquiries for the police. It belongs to the suspect's file: the referral it answers
    while one is open, else the most recent one (a plan after early advice). A suspect may have any number, and
    more than one open at once."""

    suspect = models.ForeignKey(Suspect, on_delete=models.CASCADE, related_name="action_plans")
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="action_plans")
    label = models.CharField(max_length=30, help_text="Case-local, such as “Plan 2”.")
    set_on = models.DateField()
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.OPEN, editable=False)
    closed_on = models.DateField(null=True, blank=True)
    closing_reason = models.TextField(blank=True)

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        ordering = ["set_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["suspect", "label"], name="plan_label_unique_per_suspect"),
            models.CheckConstraint(
                name="plan_closed_when_not_open",
                condition=Q(status=PlanStatus.OPEN, closed_on__isnull=True)
                | (~Q(status=PlanStatus.OPEN) & Q(closed_on__gte=F("set_on"))),
            ),
        ]
        indexes = [
            models.Index(fields=["set_on", "id"], name="plan_open_set_on", condition=IS_OPEN),
            models.Index(fields=["set_on", "id"], name="plan_order"),  # the API list's order
            # A force's or an Area's open plans in the order the overdue list and actions due read them (their keys
            # in the index, so a bounded count reads nothing else), and its API list in order.
            models.Index(fields=["police_force", "set_on", "id"], name="plan_open_force_set_on", condition=IS_OPEN),
            models.Index(fields=["cps_area", "set_on", "id"], name="plan_open_area_set_on", condition=IS_OPEN),
            models.Index(fields=["police_force", "set_on", "id"], name="plan_force_order"),
            models.Index(fields=["cps_area", "set_on", "id"], name="plan_area_order"),
        ]

    def __str__(self) -> str:
        return f"{self.label} for {self.suspect.label}"


class ActionStatus(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    ANSWERED = "answered", "Answered"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ActionQuerySet(ScopedQuerySet["Action"]):
    """Actions, seen through their plan."""

    scope_path = "plan__"


class Action(models.Model):
    """One enquiry: what is asked, the reasonable line of enquiry it serves and why it is proportionate, who owns it
    and the date agreed with the officer; then the police's answer with the metadata of any evidence (never the
    evidence itself), or the prosecutor's reason for withdrawing it."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    number = models.PositiveSmallIntegerField()
    request = models.TextField("what is asked")
    line_of_enquiry = models.TextField("the reasonable line of enquiry it serves")
    proportionality = models.TextField("why it is necessary and proportionate")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="actions_owned"
    )
    due_on = models.DateField("due date agreed with the officer")
    status = models.CharField(
        max_length=12, choices=ActionStatus.choices, default=ActionStatus.OUTSTANDING, editable=False
    )
    response = models.TextField("police response", blank=True)
    answered_on = models.DateField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    exhibit_reference = models.CharField(max_length=100, blank=True)
    evidence_description = models.CharField("what the evidence is", max_length=500, blank=True)
    evidence_held_at = models.CharField("where the evidence is held", max_length=200, blank=True)
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="action_number_unique_in_plan"),
            models.CheckConstraint(
                name="action_status_has_its_record",
                condition=Q(status=ActionStatus.OUTSTANDING, answered_on__isnull=True, withdrawn_on__isnull=True)
                | (Q(status=ActionStatus.ANSWERED, answered_on__isnull=False) & ~Q(response=""))
                | (Q(status=ActionStatus.WITHDRAWN, withdrawn_on__isnull=False) & ~Q(withdrawn_reason="")),
            ),
        ]

    def __str__(self) -> str:
        return f"Action {self.number} of {self.plan.label}"


class ReviewPointQuerySet(ScopedQuerySet["ReviewPoint"]):
    """Review points, seen through their plan."""

    scope_path = "plan__"


class ReviewPoint(models.Model):
    """A plan reaching a rung of the ladder: stored when the plan is set, raised once by the sweeper on its day
    (the next working day when that is a weekend or bank holiday), cancelled if the plan closes first."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="review_points")
    level = models.ForeignKey(ReviewLevel, on_delete=models.PROTECT, related_name="review_points")
    due_on = models.DateField(help_text="The plan's set date plus the level's days.")
    raise_on = models.DateField(help_text="The due date, or the next working day after it.")
    raised_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = ReviewPointQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "due_on"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "level"], name="one_review_point_per_plan_and_level"),
            models.CheckConstraint(name="review_raised_on_or_after_due", condition=Q(raise_on__gte=F("due_on"))),
            models.CheckConstraint(
                name="review_not_both_raised_and_cancelled",
                condition=Q(raised_at__isnull=True) | Q(cancelled_at__isnull=True),
            ),
        ]
        indexes = [
            models.Index(
                fields=["raise_on", "id"],
                name="review_point_pending",
                condition=Q(raised_at__isnull=True, cancelled_at__isnull=True),
            ),
            # The same points by the day they fall due (the case list's "next due").
            models.Index(
                fields=["due_on"],
                name="review_point_pending_due",
                condition=Q(raised_at__isnull=True, cancelled_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan}: {self.level}"


class ProportionalitySample(models.Model):
    """A reproducible random draw from an Area's proportionality queue: the same seed over the same queue draws
    the same suspects."""

    cps_area = models.ForeignKey(CpsArea, on_delete=models.PROTECT, related_name="+")
    seed = models.PositiveBigIntegerField()
    size = models.PositiveSmallIntegerField()
    population = models.PositiveIntegerField(help_text="Suspects in the queue when the sample was drawn.")
    drawn_at = models.DateTimeField(auto_now_add=True)
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-drawn_at", "-id"]

    def __str__(self) -> str:
        return f"Sample of {self.size} (seed {self.seed})"


class ProportionalityReview(models.Model):
    """The unit head's review of one sampled suspect's action plans: proportionate or not, and the learning."""

    sample = models.ForeignKey(ProportionalitySample, on_delete=models.CASCADE, related_name="reviews")
    suspect = models.ForeignKey(Suspect, on_delete=models.CASCADE, related_name="+")
    proportionate = models.BooleanField(null=True, help_text="Empty until reviewed.")
    learning = models.TextField(blank=True)
    reviewed_on = models.DateField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["sample", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sample", "suspect"], name="suspect_once_per_sample"),
            models.CheckConstraint(
                name="review_recorded_with_date",
                condition=Q(proportionate__isnull=True, reviewed_on__isnull=True)
                | Q(proportionate__isnull=False, reviewed_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"Proportionality review of {self.suspect}"


from actionplans import history  # noqa: E402, F401 - registers these records' history (audit) as they are imported
