"""The forms of the reference-data pages (the escalation ladder, the readiness checklist, the disclosure rule). The
rules live in the models and services: a level's days and a threshold are bounded by their model fields, the reason
by administration.reasons, an item's wording by its model field."""

from __future__ import annotations

from django import forms

from actionplans.models import ReviewLevel
from administration.reasons import reason_field
from cases.services.readiness_items import TEXT_MAX_LENGTH
from govuk.forms import GovukFormMixin
from scorecards.models import DisclosureRule


class ReviewLevelForm(GovukFormMixin, forms.ModelForm):
    reason = reason_field()

    class Meta:
        model = ReviewLevel
        fields = [
            "days",
            "tell_officer_in_charge",
            "tell_police_supervisors",
            "tell_allocated_prosecutor",
            "tell_unit_heads",
            "lists_for_joim",
            "prompts_prfi",
        ]
        labels = {"days": "Days after the plan was set"}
        widgets = {"days": forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"})}


class ReadinessItemForm(GovukFormMixin, forms.Form):
    text = forms.CharField(label="What must be ready", max_length=TEXT_MAX_LENGTH)
    reason = reason_field()


class DisclosureRuleForm(GovukFormMixin, forms.ModelForm):
    reason = reason_field()

    class Meta:
        model = DisclosureRule
        fields = ["threshold"]
        labels = {"threshold": "Withhold counts below"}
        widgets = {"threshold": forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"})}
