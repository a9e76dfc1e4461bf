"""Victims' Right to Review requests, and survey responses for the scorecard's survey measures."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from accounts.models import CpsArea
from accounts.scoping import ScopedQuerySet
from victims.models.complainant import Complainant


class VrrOutcome(models.TextChoices):
    RESOLVED_LOCALLY = "resolved_locally", "Resolved at local resolution"
    DECISION_UPHELD = "decision_upheld", "Decision upheld on independent review"
    DECISION_OVERTURNED = "decision_overturned", "Decision overturned"
    WITHDRAWN = "withdrawn", "Request withdrawn"


class VrrRequestQuerySet(ScopedQuerySet["VrrRequest"]):
    """VRR requests, seen through the complainant's case."""

    scope_path = "complainant__case__"


class VrrRequest(models.Model):
    """A request under the CPS Victims' Right to Review scheme: accepted up to 3 months after the decision letter,
    later only exceptionally; local resolution first, then independent review."""

    complainant = models.ForeignKey(Complainant, on_delete=models.CASCADE, related_name="vrr_requests")
    decision_letter_on = models.DateField(help_text="When the letter reporting the decision was sent.")
    received_on = models.DateField()
    late_exceptional = models.BooleanField(
        default=False, help_text="Received more than 3 months after the letter and accepted exceptionally."
    )
    respond_by = models.DateField()
    local_resolution = models.TextField(blank=True)
    local_resolution_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=30, choices=VrrOutcome.choices, blank=True)
    outcome_on = models.DateField(null=True, blank=True)

    objects = VrrRequestQuerySet.as_manager()

    class Meta:
        verbose_name = "Victims' Right to Review request"
        ordering = ["complainant", "received_on"]
        constraints = [
            models.CheckConstraint(
                name="vrr_received_after_letter", condition=Q(received_on__gte=F("decision_letter_on"))
            ),
            models.CheckConstraint(
                name="vrr_outcome_has_its_date",
                condition=Q(outcome="", outcome_on__isnull=True) | (~Q(outcome="") & Q(outcome_on__isnull=False)),
            ),
        ]

    def __str__(self) -> str:
        return f"VRR request of {self.complainant.label} received {self.received_on:%-d %B %Y}"


class SurveyQuestion(models.TextChoices):
    LISTENED_TO_IN_COURT = "listened_to_in_court", "I feel listened to by the CPS in court"
    RESPONDS_TO_FEEDBACK = "responds_to_feedback", "The CPS responds to our feedback"


class SurveyResponse(models.Model):
    """One anonymous response, counted for its Area: never linked to a complainant."""

    cps_area = models.ForeignKey(CpsArea, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    question = models.CharField(max_length=30, choices=SurveyQuestion.choices)
    agree = models.BooleanField()
    responded_on = models.DateField()

    class Meta:
        ordering = ["-responded_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_question_display()}: {'agree' if self.agree else 'disagree'}"
