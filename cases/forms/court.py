"""Forms for the court stages. They parse input only: every rule is the services', and the choices and limits they
offer are the services' too (``cases.services.court``), which the API's serializers share."""

from __future__ import annotations

from typing import Any

from django import forms

from cases.forms.fields import long_text
from cases.limits import too_long
from cases.models import Hearing, ReadinessItem, Trial
from cases.models.court import Court, HearingKind, Result, TrialOutcome
from cases.services.court import (
    COURT_NAME_MAX_LENGTH,
    COURT_NAME_TOO_LONG,
    DIRECTION_MAX_LENGTH,
    PLEAS,
    SENTENCE_MAX_LENGTH,
    SENTENCE_TOO_LONG,
)
from govuk.dates import GovukDateField
from govuk.forms import GovukCheckboxes, GovukFormMixin, GovukRadios


class SendingForm(GovukFormMixin, forms.Form):
    sent_on = GovukDateField(label="Date sent to the Crown Court")
    remanded_in_custody = forms.BooleanField(label="The suspect is remanded in custody", required=False)


def _plea(**kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Plea entered", choices=[("", "No plea"), *PLEAS], widget=GovukRadios, required=False, **kwargs
    )


class HearingForm(GovukFormMixin, forms.Form):
    court = forms.ChoiceField(label="Court", choices=Court.choices, widget=GovukRadios)
    court_name = forms.CharField(
        label="Name of the court",
        max_length=COURT_NAME_MAX_LENGTH,
        help_text="For example, Snaresbrook Crown Court",
        error_messages={"required": "Enter the name of the court", "max_length": COURT_NAME_TOO_LONG},
    )
    kind = forms.ChoiceField(label="Hearing", choices=HearingKind.choices, widget=GovukRadios)
    held_on = GovukDateField(
        label="Date of the hearing",
        allow_future=True,
        help_text="For a hearing listed ahead, the date it is listed for",
    )
    plea = _plea(help_text="Only once the hearing has been held")
    what_happened = long_text("What happened", required=False, help_text="Only once the hearing has been held")


class HearingHeldForm(GovukFormMixin, forms.Form):
    """What happened at a hearing listed ahead, once it has been held."""

    what_happened = long_text("What happened")
    plea = _plea()


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


class SentenceForm(GovukFormMixin, forms.Form):
    sentence = forms.CharField(
        label="Sentence",
        max_length=SENTENCE_MAX_LENGTH,
        error_messages={"max_length": SENTENCE_TOO_LONG},
        widget=forms.Textarea({"rows": 3}),
        help_text="For example, 9 years' imprisonment; indefinite restraining order",
    )
    sentenced_on = GovukDateField(label="Date of sentence")


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
    direction = forms.CharField(
        label="What the judge directed",
        max_length=DIRECTION_MAX_LENGTH,
        error_messages={"max_length": too_long(DIRECTION_MAX_LENGTH)},
    )
    set_on = GovukDateField(label="Date of the direction")
    due_on = GovukDateField(label="Due by", allow_future=True)


class ComplianceForm(GovukFormMixin, forms.Form):
    complied_on = GovukDateField(label="Date complied with")
