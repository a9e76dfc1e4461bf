"""Forms for each step of the pre-charge journey. They parse input only: every rule is the services', and the limits
and choices they offer are the services' too (``cases.limits``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from cases.forms.fields import long_text
from cases.limits import OFFENCES_NOT_IN_USE
from cases.models import Offence
from cases.models.precharge import (
    THRESHOLD_CONDITIONS,
    BadCharacter,
    ChargingDecision,
    CrimeOutcome,
    DecisionOutcome,
    DecisionTest,
    DisclosureManagementDocument,
    RejectionReason,
)
from govuk.dates import GovukDateField
from govuk.forms import GovukCheckboxes, GovukFormMixin, GovukRadios


class EarlyAdviceRequestForm(GovukFormMixin, forms.Form):
    requested_on = GovukDateField(label="Date requested")
    questions = long_text("Questions for the prosecutor", help_text="Lines of enquiry, likely charges, disclosure")


class EarlyAdviceForm(GovukFormMixin, forms.Form):
    answered_on = GovukDateField(label="Date the advice was given")
    advice = long_text("Advice")
    reasonable_lines_of_enquiry = long_text("Reasonable lines of enquiry", required=False)


class ChargingReferralForm(GovukFormMixin, forms.Form):
    received_on = GovukDateField(label="Date the file was sent to the CPS")


class TriageForm(GovukFormMixin, forms.Form):
    accepted = forms.TypedChoiceField(
        label="Is the file ready for review?",
        choices=[("yes", "Yes, accept it for review"), ("no", "No, reject it back to the police")],
        coerce=lambda answer: answer == "yes",
        widget=GovukRadios,
    )
    rejection_reasons = forms.MultipleChoiceField(
        label="Reasons for rejecting the file",
        choices=RejectionReason.choices,
        widget=GovukCheckboxes,
        required=False,
        help_text="Only if you reject the file",
    )
    on = GovukDateField(label="Date triaged")


class DecisionForm(GovukFormMixin, forms.Form):
    test = forms.ChoiceField(label="Test applied", choices=DecisionTest.choices, widget=GovukRadios)
    outcome = forms.ChoiceField(label="Outcome", choices=DecisionOutcome.choices, widget=GovukRadios)
    charged_offences = forms.ModelMultipleChoiceField(
        label="Offences charged",
        queryset=Offence.objects.none(),
        widget=GovukCheckboxes,
        required=False,
        error_messages={"invalid_choice": OFFENCES_NOT_IN_USE},
    )
    evidential_reasons = long_text("Evidential stage: reasons", required=False)
    public_interest_reasons = long_text("Public interest stage: reasons", required=False)
    bad_character = forms.ChoiceField(label="Bad character evidence", choices=BadCharacter.choices, widget=GovukRadios)
    bad_character_rationale = long_text("Why", required=False, help_text="Required in every rape case")
    disclosure_management_document = forms.ChoiceField(
        label="Disclosure management document",
        choices=DisclosureManagementDocument.choices,
        widget=GovukRadios,
        initial=DisclosureManagementDocument.NOT_STARTED,
    )
    suspect_conduct = long_text(
        "The suspect's conduct before, during and after the offence", required=False, help_text="Offender-centric"
    )
    decided_on = GovukDateField(label="Date of the decision")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["charged_offences"].queryset = Offence.objects.in_use(  # type: ignore[attr-defined]
            timezone.localdate()
        )
        for condition in THRESHOLD_CONDITIONS:
            label = str(getattr(ChargingDecision._meta.get_field(condition), "verbose_name", condition))
            self.fields[condition] = forms.BooleanField(
                label=f"Threshold Test: {label}", required=False, help_text="Threshold Test only"
            )

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["threshold_conditions"] = {condition: data.pop(condition) for condition in THRESHOLD_CONDITIONS}
        return data


class PrfiForm(GovukFormMixin, forms.Form):
    prfi_on = GovukDateField(label="Date closed as PRFI")
    reason = long_text("What the CPS is waiting for from the police")


class ReopenForm(GovukFormMixin, forms.Form):
    reopened_on = GovukDateField(label="Date the police responded")


class PoliceNfaForm(GovukFormMixin, forms.Form):
    nfa_on = GovukDateField(label="Date of the decision")
    outcome_code = forms.ChoiceField(
        label="Home Office outcome",
        choices=CrimeOutcome.choices,
        widget=GovukRadios,
        help_text="The crime outcome the decision is recorded under (Home Office Crime Outcomes framework)",
        error_messages={
            "required": "Select the Home Office outcome",
            "invalid_choice": "Select the Home Office outcome",
        },
    )
    reason = long_text("Reason for no further action")
