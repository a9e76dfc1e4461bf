"""Forms for action plans. They parse input only: every rule is the services'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from accounts.models import PoliceForce, User
from actionplans.services import (
    EVIDENCE_DESCRIPTION_MAX_LENGTH,
    EVIDENCE_HELD_AT_MAX_LENGTH,
    EXHIBIT_REFERENCE_MAX_LENGTH,
    MAX_ACTIONS,
)
from cases.forms.fields import long_text
from cases.limits import too_long
from govuk.dates import GovukDateField
from govuk.forms import GovukFormMixin, GovukRadios


class PlanForm(GovukFormMixin, forms.Form):
    set_on = GovukDateField(label="Date the plan is set")


class ActionForm(GovukFormMixin, forms.Form):
    request = long_text("What is asked")
    line_of_enquiry = long_text("The reasonable line of enquiry it serves")
    proportionality = long_text("Why it is necessary and proportionate")
    owner = forms.ModelChoiceField(
        label="Owner", queryset=User.objects.none(), required=False, empty_label="The officer in charge"
    )
    due_on = GovukDateField(label="Due date agreed with the officer", allow_future=True)

    def __init__(self, *args: Any, officers: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = officers  # type: ignore[attr-defined]
        self.fields["owner"].label_from_instance = lambda user: user.get_full_name() or user.username  # type: ignore[attr-defined]


# As many forms as the service allows actions (it refuses more, in its words).
ActionFormSet = forms.formset_factory(ActionForm, extra=0, min_num=1, max_num=MAX_ACTIONS)


class AnswerForm(GovukFormMixin, forms.Form):
    answered_on = GovukDateField(label="Date answered")
    response = long_text("Response")
    exhibit_reference = forms.CharField(
        label="Exhibit reference",
        max_length=EXHIBIT_REFERENCE_MAX_LENGTH,
        required=False,
        error_messages={"max_length": too_long(EXHIBIT_REFERENCE_MAX_LENGTH)},
    )
    evidence_description = forms.CharField(
        label="What the evidence is",
        max_length=EVIDENCE_DESCRIPTION_MAX_LENGTH,
        required=False,
        help_text="Describe it; do not upload or paste the evidence itself",
        error_messages={"max_length": too_long(EVIDENCE_DESCRIPTION_MAX_LENGTH)},
    )
    evidence_held_at = forms.CharField(
        label="Where the evidence is held",
        max_length=EVIDENCE_HELD_AT_MAX_LENGTH,
        required=False,
        help_text="For example, the property store",
        error_messages={"max_length": too_long(EVIDENCE_HELD_AT_MAX_LENGTH)},
    )


class WithdrawActionForm(GovukFormMixin, forms.Form):
    withdrawn_on = GovukDateField(label="Date withdrawn")
    reason = long_text("Why the action is no longer needed")


class ClosePlanForm(GovukFormMixin, forms.Form):
    closed_on = GovukDateField(label="Date closed")
    reason = long_text("Why the plan is closed before every action is answered")


class ProportionalityReviewForm(GovukFormMixin, forms.Form):
    proportionate = forms.TypedChoiceField(
        label="Were the action plans necessary and proportionate?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda answer: answer == "yes",
        widget=GovukRadios,
    )
    learning = long_text("Learning", required=False, help_text="Required if the plans were not proportionate")
    reviewed_on = GovukDateField(label="Date reviewed")


class SampleForm(GovukFormMixin, forms.Form):
    size = forms.IntegerField(label="How many suspects to sample", min_value=1, max_value=100, initial=6)
    seed = forms.IntegerField(
        label="Seed (optional)",
        required=False,
        min_value=0,
        help_text="Leave empty for a new random sample, or give an earlier sample's seed to draw it again",
    )


class OverdueFilterForm(GovukFormMixin, forms.Form):
    police_force = forms.ModelChoiceField(
        label="Police force", queryset=PoliceForce.objects.none(), required=False, empty_label="All"
    )
    prosecutor = forms.ModelChoiceField(
        label="Prosecutor", queryset=User.objects.none(), required=False, empty_label="All"
    )

    def __init__(self, *args: Any, forces: QuerySet[PoliceForce], prosecutors: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["police_force"].queryset = forces  # type: ignore[attr-defined]
        self.fields["prosecutor"].queryset = prosecutors  # type: ignore[attr-defined]
        self.fields["prosecutor"].label_from_instance = lambda user: user.get_full_name() or user.username  # type: ignore[attr-defined]
