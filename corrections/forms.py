"""The correction forms, built from the declared details (corrections.table): each detail as the form that first
recorded it asked for it, filled in with the value as recorded, and the reason for the correction. They parse input
only: every rule is the service's."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from cases.limits import too_long
from cases.models import Hearing, Offence
from corrections.details import Detail, Kind
from corrections.models import REASON_FIELD, REASON_MAX_LENGTH
from corrections.services import REASON_TOO_LONG
from govuk.dates import GovukDateField
from govuk.forms import GovukCheckboxes, GovukFormMixin, GovukRadios
from govuk.times import TimeOfDayField, date_and_time
from govuk.wording import time_in_words

REASON_HINT = (
    "What was wrong and where the right details come from. It is kept with the correction in the case's change "
    f"history. Up to {REASON_MAX_LENGTH} characters."
)


def _field(detail: Detail, record: Any) -> forms.Field:
    # A detail an imported history left empty may stay empty while others are corrected.
    recorded = detail.current(record) not in (None, "", set(), [])
    common: dict[str, Any] = {"label": detail.label, "required": detail.required and recorded}
    if detail.is_date or detail.kind == Kind.DATE_TIME:  # of a date and time, its date: the form adds the time
        label = f"Date of {detail.in_a_sentence}" if detail.kind == Kind.DATE_TIME else detail.label
        return GovukDateField(allow_future=detail.kind == Kind.FUTURE_DATE, **{**common, "label": label})
    if detail.kind == Kind.CHOICE:
        choices = list(detail.choices) if common["required"] else [("", "Not recorded"), *detail.choices]
        return forms.ChoiceField(choices=choices, widget=GovukRadios, **common)
    if detail.kind == Kind.CHOICES:
        return forms.MultipleChoiceField(choices=list(detail.choices), widget=GovukCheckboxes, **common)
    if detail.kind == Kind.OFFENCES:
        on_record = getattr(record, detail.name).values("pk")
        offences = Offence.objects.in_use(timezone.localdate()) | Offence.objects.filter(pk__in=on_record)
        return forms.ModelMultipleChoiceField(queryset=offences.distinct(), widget=GovukCheckboxes, **common)
    if detail.kind == Kind.HEARING:
        hearings = Hearing.objects.filter(suspect_id=record.suspect_id).order_by("held_on", "id")
        return forms.ModelChoiceField(queryset=hearings, empty_label="None", **common)
    widget = forms.Textarea({"rows": 4}) if detail.kind == Kind.LONG_TEXT else None
    return forms.CharField(
        max_length=detail.max_length,
        widget=widget,
        error_messages={"max_length": too_long(detail.max_length)},
        **common,
    )


def reason_field() -> forms.CharField:
    return forms.CharField(
        label="Reason for the correction",
        help_text=REASON_HINT,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea({"rows": 4}),
        error_messages={
            "required": "Enter the reason for the correction",
            "max_length": REASON_TOO_LONG,
        },
    )


def _time_of(detail: Detail) -> str:
    return f"{detail.name}_time"


class CorrectionForm(GovukFormMixin, forms.Form):
    """The record's correctable details, filled in as recorded, and the reason for correcting them. A date and time
    is asked as the step asked it: a date, and a time typed as people write it."""

    def __init__(self, *args: Any, details: list[Detail], record: Any, **kwargs: Any) -> None:
        initial = {detail.name: detail.current(record) for detail in details}
        for detail in details:
            if detail.kind == Kind.OFFENCES:
                initial[detail.name] = list(initial[detail.name])
            if detail.kind == Kind.DATE_TIME and (moment := initial[detail.name]) is not None:
                initial[detail.name], initial[_time_of(detail)] = timezone.localdate(moment), time_in_words(moment)
        super().__init__(*args, initial=initial, **kwargs)
        for detail in details:
            self.fields[detail.name] = field = _field(detail, record)
            if detail.kind == Kind.DATE_TIME:
                label = f"Time of {detail.in_a_sentence}"
                self.fields[_time_of(detail)] = TimeOfDayField(label=label, required=field.required)
        self.fields[REASON_FIELD] = reason_field()
        self.word_required_messages()
        self.details = details

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for detail in self.details:
            if detail.kind == Kind.DATE_TIME:
                moment = date_and_time(self, data, day=detail.name, at=_time_of(detail), what=detail.in_a_sentence)
                data[detail.name] = moment
        return data

    def values(self) -> dict[str, Any]:
        return {detail.name: self.cleaned_data.get(detail.name) for detail in self.details}


class IdentityCorrectionForm(GovukFormMixin, forms.Form):
    """A complainant's details, empty: what is typed replaces what is recorded, what is left empty stays as it is,
    so that the page never shows the identity (reading it is logged, on its own page)."""

    name = forms.CharField(label="Name", max_length=200, required=False)
    date_of_birth = GovukDateField(label="Date of birth", required=False)
    address = forms.CharField(label="Address", max_length=500, required=False, widget=forms.Textarea({"rows": 3}))
    phone = forms.CharField(label="Phone", max_length=40, required=False)
    email = forms.EmailField(label="E-mail address", max_length=254, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[REASON_FIELD] = reason_field()

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in ("name", "date_of_birth", "address", "phone", "email")}
