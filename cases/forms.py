"""Forms for each step of the pre-charge journey. They parse input only: every rule is the services'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from accounts.models import CpsArea
from cases.characteristics import (
    NOT_RECORDED,
    AgeBand,
    Ethnicity,
    Religion,
    Sex,
    SexualOrientation,
    YesNo,
)
from cases.models import CaseFlag, Offence
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

LONG_TEXT = 20_000


def long_text(label: str, *, required: bool = True, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label, required=required, help_text=help_text, max_length=LONG_TEXT, widget=forms.Textarea({"rows": 4})
    )


class OpenCaseForm(GovukFormMixin, forms.Form):
    urn = forms.CharField(label="URN", max_length=20, help_text="11 characters, starting with your force code")
    cps_area = forms.ModelChoiceField(label="CPS Area", queryset=CpsArea.objects.none(), widget=GovukRadios)
    reported_on = GovukDateField(label="Date reported to police", help_text="For example, 27 3 2025")
    offence_date_from = GovukDateField(
        label="Date of the offence", required=False, help_text="For a non-recent case, the first date of the range"
    )
    offence_date_to = GovukDateField(label="Last date of the offence range", required=False)
    offences = forms.ModelMultipleChoiceField(
        label="Offences", queryset=Offence.objects.none(), widget=GovukCheckboxes
    )
    flags = forms.ModelMultipleChoiceField(
        label="Flags", queryset=CaseFlag.objects.none(), widget=GovukCheckboxes, required=False
    )

    def __init__(self, *args: Any, police_force_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["cps_area"].queryset = CpsArea.objects.filter(  # type: ignore[attr-defined]
            forces__pk=police_force_id, is_cps_direct=False
        )
        self.fields["offences"].queryset = Offence.objects.in_use(today)  # type: ignore[attr-defined]
        self.fields["flags"].queryset = CaseFlag.objects.in_use(today)  # type: ignore[attr-defined]


class ProtectedCharacteristicsForm(GovukFormMixin, forms.Form):
    """The nine protected characteristics of the Equality Act 2010, each with "not recorded": for suspects and
    complainants alike."""

    sex = forms.ChoiceField(label="Sex", choices=Sex.choices, initial=NOT_RECORDED, widget=GovukRadios)
    age_band = forms.ChoiceField(label="Age", choices=AgeBand.choices, initial=NOT_RECORDED)
    ethnicity = forms.ChoiceField(label="Ethnicity", choices=Ethnicity.choices, initial=NOT_RECORDED)
    disability = forms.ChoiceField(label="Disability", choices=YesNo.choices, initial=NOT_RECORDED)
    religion_or_belief = forms.ChoiceField(label="Religion or belief", choices=Religion.choices, initial=NOT_RECORDED)
    sexual_orientation = forms.ChoiceField(
        label="Sexual orientation", choices=SexualOrientation.choices, initial=NOT_RECORDED
    )
    gender_reassignment = forms.ChoiceField(label="Gender reassignment", choices=YesNo.choices, initial=NOT_RECORDED)
    marriage_or_civil_partnership = forms.ChoiceField(
        label="Married or in a civil partnership", choices=YesNo.choices, initial=NOT_RECORDED
    )
    pregnancy_or_maternity = forms.ChoiceField(
        label="Pregnancy or maternity", choices=YesNo.choices, initial=NOT_RECORDED
    )


class SuspectForm(ProtectedCharacteristicsForm):
    name = forms.CharField(label="Suspect's name", max_length=200, required=False)
    in_custody = forms.BooleanField(label="The suspect is in custody", required=False)
    field_order = ["name", "in_custody"]


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
        label="Offences charged", queryset=Offence.objects.none(), widget=GovukCheckboxes, required=False
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


class FindByNameForm(GovukFormMixin, forms.Form):
    """A suspect's name, sent in the body of a POST so that it never sits in an address, a log or a history."""

    name = forms.CharField(
        label="Suspect's name",
        min_length=2,
        max_length=200,
        help_text="All or part of the name, as recorded on the case.",
        error_messages={
            "required": "Enter a suspect's name",
            "min_length": "Enter at least 2 letters of the name",
            "max_length": "Enter a name of 200 characters or fewer",
        },
    )
