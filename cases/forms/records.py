"""Forms for opening a case, adding a suspect (and a complainant's or suspect's protected characteristics) and
finding a case by a suspect's name. They parse input only: every rule is the services', and the choices they offer are
the services' too (``cases.limits``)."""

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
from cases.limits import FLAGS_NOT_IN_USE, NAME_MAX_LENGTH, OFFENCES_NOT_IN_USE, too_long
from cases.models import CaseFlag, Offence
from govuk.dates import GovukDateField
from govuk.forms import GovukCheckboxes, GovukFormMixin, GovukRadios


class OpenCaseForm(GovukFormMixin, forms.Form):
    urn = forms.CharField(label="URN", max_length=20, help_text="11 characters, starting with your force code")
    cps_area = forms.ModelChoiceField(label="CPS Area", queryset=CpsArea.objects.none(), widget=GovukRadios)
    reported_on = GovukDateField(label="Date reported to police", help_text="For example, 27 3 2025")
    offence_date_from = GovukDateField(
        label="Date of the offence", required=False, help_text="For a non-recent case, the first date of the range"
    )
    offence_date_to = GovukDateField(label="Last date of the offence range", required=False)
    offences = forms.ModelMultipleChoiceField(
        label="Offences",
        queryset=Offence.objects.none(),
        widget=GovukCheckboxes,
        error_messages={"invalid_choice": OFFENCES_NOT_IN_USE},
    )
    flags = forms.ModelMultipleChoiceField(
        label="Flags",
        queryset=CaseFlag.objects.none(),
        widget=GovukCheckboxes,
        required=False,
        error_messages={"invalid_choice": FLAGS_NOT_IN_USE},
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
    name = forms.CharField(
        label="Suspect's name",
        max_length=NAME_MAX_LENGTH,
        required=False,
        error_messages={"max_length": too_long(NAME_MAX_LENGTH)},
    )
    in_custody = forms.BooleanField(label="The suspect is in custody", required=False)
    field_order = ["name", "in_custody"]


class FindByNameForm(GovukFormMixin, forms.Form):
    """A suspect's name, sent in the body of a POST so that it never sits in an address, a log or a history."""

    name = forms.CharField(
        label="Suspect's name",
        min_length=2,
        max_length=NAME_MAX_LENGTH,
        help_text="All or part of the name, as recorded on the case.",
        error_messages={
            "required": "Enter a suspect's name",
            "min_length": "Enter at least 2 letters of the name",
            "max_length": f"Enter a name of {NAME_MAX_LENGTH} characters or fewer",
        },
    )
