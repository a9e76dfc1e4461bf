"""Forms for the court stages. They parse input only: every rule is the services'."""

from __future__ import annotations

from typing import Any

from django import forms

from cases.forms import long_text
from cases.models import Hearing, ReadinessItem, Trial
from cases.models.court import Court, HearingKind, Result, TrialOutcome
from govuk.dates import GovukDateField
from govuk.forms import GovukCheckboxes, GovukFormMixin, GovukRadios


class SendingForm(GovukFormMixin, forms.Form):
    sent_on = GovukDateField(label="Date sent to the Crown Court")
    remanded_in_custody = forms.BooleanField(label="The suspect is remanded in custody", required=False)


class HearingForm(GovukFormMixin, forms.Form):
    court = forms.ChoiceField(label="Court", choices=Court.choices, widget=GovukRadios)
    kind = forms.ChoiceField(label="Hearing", choices=HearingKind.choices, widget=GovukRadios)
    held_on = GovukDateField(label="Date of the hearing")
    plea = forms.ChoiceField(
        label="Plea entered",
        choices=[("", "No plea"), ("guilty", "Guilty"), ("not_guilty", "Not guilty")],
        widget=GovukRadios,
        required=False,
    )
    what_happened = long_text("What happened", required=False)


class OutcomeForm(GovukFormMixin, forms.Form):
    result = forms.ChoiceField(label="Outcome", choices=Result.choices, widget=GovukRadios)
    hearing = forms.ModelChoiceField(
        label="At which hearing",
        queryset=Hearing.objects.none(),
        required=False,
        help_text="For a guilty plea, a discontinuance or no evidence offered",
    )
    completed_on = GovukDateField(label="Date completed")

    def __init__(self, *args: Any, hearings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hearing"].queryset = hearings  # type: ignore[attr-defined]


class TrialForm(GovukFormMixin, forms.Form):
    listed_for = GovukDateField(label="Date the trial is listed for", allow_future=True)


class TrialOutcomeForm(GovukFormMixin, forms.Form):
    outcome = forms.ChoiceField(label="What happened", choices=TrialOutcome.choices, widget=GovukRadios)
    reason = long_text("Why", required=False, help_text="Required if it cracked or was ineffective")
    relisted_for = GovukDateField(
        label="Relisted for", required=False, allow_future=True, help_text="If it was ineffective"
    )


class ReadinessForm(GovukFormMixin, forms.Form):
    done = forms.ModelMultipleChoiceField(
        label="Done", queryset=ReadinessItem.objects.none(), widget=GovukCheckboxes, required=False
    )

    def __init__(self, *args: Any, trial: Trial, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["done"]
        field.queryset = ReadinessItem.objects.filter(pk__in=trial.readiness.values("item_id"))  # type: ignore[attr-defined]
        field.initial = list(trial.readiness.filter(done=True).values_list("item_id", flat=True))

    def service_arguments(self) -> dict[str, Any]:
        return {"done": [item.pk for item in self.cleaned_data["done"]]}


class DirectionForm(GovukFormMixin, forms.Form):
    direction = forms.CharField(label="What the judge directed", max_length=200)
    set_on = GovukDateField(label="Date of the direction")
    due_on = GovukDateField(label="Due by", allow_future=True)


class ComplianceForm(GovukFormMixin, forms.Form):
    complied_on = GovukDateField(label="Date complied with")
