"""The case timeline: one event for every write that matters to the journey (actor, verb, stage, time, summary)."""

from django.conf import settings
from django.db import models
from django.urls import reverse


class Stage(models.TextChoices):
    CASE = "case", "Case"
    EARLY_ADVICE = "early_advice", "Early advice"
    CHARGING = "charging", "Charging"
    ACTION_PLAN = "action_plan", "Action plans"
    VICTIM = "victim", "Victim"
    COURT = "court", "Court"
    SCRUTINY = "scrutiny", "NFA scrutiny"
    PRFI = "prfi", "PRFI"
    NFA = "nfa", "No further action"


class TimelineEvent(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="timeline")
    suspect = models.ForeignKey("cases.Suspect", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    verb = models.CharField(max_length=40)
    stage = models.CharField(max_length=20, choices=Stage.choices)
    occurred_at = models.DateTimeField(auto_now_add=True)
    summary = models.CharField(max_length=300, help_text="Labels and URN only: never a person's name.")

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["case", "-occurred_at"], name="timeline_case_time"),
            models.Index(fields=["-occurred_at", "-id"], name="timeline_order"),  # the API list's order
        ]

    def __str__(self) -> str:
        return self.summary

    def get_absolute_url(self) -> str:
        """The case tab where the record behind this event is shown."""
        tab = {
            Stage.EARLY_ADVICE: "cases:early-advice",
            Stage.CHARGING: "cases:charging",
            Stage.PRFI: "cases:charging",
            Stage.ACTION_PLAN: "actionplans:case-plans",
            Stage.VICTIM: "victims:case-complainants",
            Stage.COURT: "cases:court",
        }
        return reverse(tab.get(Stage(self.stage), "cases:detail"), args=[self.case_id])
