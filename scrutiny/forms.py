"""Forms for NFA scrutiny panels. They parse input only: every rule is the services'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from accounts.models import PoliceForce
from cases.forms.fields import long_text
from cases.limits import too_long
from cases.models import CaseFlag
from govuk.dates import GovukDateField
from govuk.forms import GovukCheckboxes, GovukFormMixin, GovukRadios
from scrutiny.models import ReferBackReason, Verdict
from scrutiny.services import MAX_PER_FORCE, PER_FORCE_REFUSAL, THEME_MAX_LENGTH


class PanelForm(GovukFormMixin, forms.Form):
    meets_on = GovukDateField(label="Date the panel meets", allow_future=True)
    theme = forms.CharField(
        label="Theme (optional)",
        max_length=THEME_MAX_LENGTH,
        required=False,
        error_messages={"max_length": too_long(THEME_MAX_LENGTH)},
    )
    forces = forms.ModelMultipleChoiceField(
        label="Police forces", queryset=PoliceForce.objects.none(), widget=GovukCheckboxes
    )
    members = long_text("Members, by role", help_text="One a line: police, CPS, ISVA service, victim representative")

    def __init__(self, *args: Any, forces: QuerySet[PoliceForce], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["forces"].queryset = forces  # type: ignore[attr-defined]


class SampleForm(GovukFormMixin, forms.Form):
    period_from = GovukDateField(label="NFA decisions from")
    period_to = GovukDateField(label="NFA decisions to")
    per_force = forms.IntegerField(
        label="Cases per force",
        min_value=1,
        max_value=MAX_PER_FORCE,
        initial=6,
        error_messages={"min_value": PER_FORCE_REFUSAL, "max_value": PER_FORCE_REFUSAL},
    )
    theme_flag = forms.ModelChoiceField(
        label="Only cases flagged", queryset=CaseFlag.objects.all(), required=False, empty_label="Any case"
    )
    police_force = forms.ModelChoiceField(
        label="Only one force",
        queryset=PoliceForce.objects.none(),
        required=False,
        empty_label="All the panel's forces",
    )
    seed = forms.IntegerField(
        label="Seed (optional)",
        required=False,
        min_value=0,
        help_text="Give an earlier sample's seed to draw it again",
    )

    def __init__(self, *args: Any, forces: QuerySet[PoliceForce], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["police_force"].queryset = forces  # type: ignore[attr-defined]


class FindingForm(GovukFormMixin, forms.Form):
    verdict = forms.ChoiceField(label="The panel's finding", choices=Verdict.choices, widget=GovukRadios)
    refer_back_reason = forms.ChoiceField(
        label="Why it is referred back",
        choices=ReferBackReason.choices,
        widget=GovukRadios,
        required=False,
        help_text="Only if referred back",
    )
    learning = long_text("Learning points", required=False)
    actions = long_text("Actions, with their owners", required=False, help_text="One a line: action – owner")
    recorded_on = GovukDateField(label="Date of the panel's finding")
