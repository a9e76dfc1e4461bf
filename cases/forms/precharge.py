"""Forms for each step of the pre-charge journey. They parse input only: every rule is the services', and the limits
and choices they offer are the services' too (``cases.limits``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from cases.forms.fields import long_text
from cases.limits import FILE_ITEMS_NOT_LISTED, OFFENCES_NOT_IN_USE
from cases.models import Offence, Referral, Suspect
from cases.models.precharge import (
    THRESHOLD_CONDITIONS,
    BadCharacter,
    ChargingDecision,
    CrimeOutcome,
    DecisionOutcome,
    DecisionTest,
    DisclosureManagementDocument,
    FileItem,
    RejectionReason,
)
from govuk.dates import GovukDateField
from govuk.forms import GovukCheckboxes, GovukFormMixin, GovukRadios
from govuk.times import TimeOfDayField, date_and_time


def proposed_offences_field() -> forms.ModelMultipleChoiceField:
    """The offences the police propose, from those in use (``ProposedOffences`` sets the list)."""
    return forms.ModelMultipleChoiceField(
        label="Offences the police propose",
        queryset=Offence.objects.none(),
        widget=GovukCheckboxes,
        required=False,
        error_messages={"invalid_choice": OFFENCES_NOT_IN_USE},
    )


class ProposedOffences(GovukFormMixin, forms.Form):
    """A referral's form: the offences the police propose, offered from those in use and ticked as the case's."""

    def __init__(self, *args: Any, suspect: Suspect, **kwargs: Any) -> None:
        offences = Offence.objects.in_use(timezone.localdate())
        kwargs.setdefault("initial", {})["proposed_offences"] = list(
            offences.filter(pk__in=suspect.case.offences.values("pk"))
        )
        super().__init__(*args, **kwargs)
        self.fields["proposed_offences"].queryset = offences  # type: ignore[attr-defined]


class EarlyAdviceRequestForm(ProposedOffences):
    requested_on = GovukDateField(label="Date requested")
    questions = long_text("Questions for the prosecutor", help_text="Lines of enquiry, likely charges, disclosure")
    proposed_offences = proposed_offences_field()


class EarlyAdviceForm(GovukFormMixin, forms.Form):
    answered_on = GovukDateField(label="Date the advice was given")
    advice = long_text("Advice")
    reasonable_lines_of_enquiry = long_text("Reasonable lines of enquiry", required=False)


class ChargingReferralForm(ProposedOffences):
    received_on = GovukDateField(label="Date the file was sent to the CPS")
    proposed_offences = proposed_offences_field()
    in_custody = forms.TypedChoiceField(
        label="Is the suspect in custody?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda answer: answer == "yes",
        widget=GovukRadios,
        required=False,  # ticked as the suspect's record says; left out, the record stands
        empty_value=None,
        help_text="A suspect in custody is a priority: the decision is due within hours",
    )
    arrested_at = GovukDateField(label="Date of arrest", required=False)
    arrest_time = TimeOfDayField(
        label="Time of arrest",
        required=False,
        help_text="For example, 3:15pm or 15:15. The detention clock runs from it",
    )
    file_contents = forms.MultipleChoiceField(
        label="What the file holds",
        choices=FileItem.choices,
        widget=GovukCheckboxes,
        required=False,
        help_text="Select everything sent with the referral. Triage checks the file against this list",
        error_messages={"invalid_choice": FILE_ITEMS_NOT_LISTED},
    )

    reveals = {"in_custody": {"yes": ("arrested_at", "arrest_time")}}

    def __init__(self, *args: Any, suspect: Suspect, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})["in_custody"] = "yes" if suspect.in_custody else "no"
        super().__init__(*args, suspect=suspect, **kwargs)

    def clean(self) -> dict[str, Any]:
        """The date and the time of arrest make one moment (in the service's time zone), or none."""
        data = super().clean() or {}
        data["arrested_at"] = date_and_time(self, data, day="arrested_at", at="arrest_time", what="arrest")
        return data


class TriageForm(GovukFormMixin, forms.Form):
    accepted = forms.TypedChoiceField(
        label="Is the file ready for review?",
        choices=[("yes", "Yes, accept it for review"), ("no", "No, reject it back to the police")],
        coerce=lambda answer: answer == "yes",
        widget=GovukRadios,
        error_messages={"required": "Select yes if the file is ready for review"},
    )
    rejection_reasons = forms.MultipleChoiceField(
        label="Reasons for rejecting the file",
        choices=RejectionReason.choices,
        widget=GovukCheckboxes,
        required=False,
        help_text="Only if you reject the file",
    )
    on = GovukDateField(label="Date triaged")

    def __init__(self, *args: Any, referral: Referral, **kwargs: Any) -> None:
        """The reasons about what the police did not send are ticked, as suggestions."""
        if suggested := referral.suggested_rejection_reasons():
            kwargs.setdefault("initial", {})["rejection_reasons"] = suggested
        super().__init__(*args, **kwargs)
        if suggested:
            reasons = self.fields["rejection_reasons"]
            reasons.help_text = "Only if you reject the file. Those about what the police did not send are ticked"

    def clean(self) -> dict[str, Any]:
        """The reasons answer "No" only: with the file accepted, ticked suggestions are not part of the answer."""
        data = super().clean() or {}
        if data.get("accepted"):
            data["rejection_reasons"] = []
        return data


class DecisionForm(GovukFormMixin, forms.Form):
    # The Threshold Test's conditions are asked only when it is the test applied.
    reveals = {"test": {DecisionTest.THRESHOLD.value: THRESHOLD_CONDITIONS}}

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
            self.fields[condition] = forms.BooleanField(label=label, required=False)

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
