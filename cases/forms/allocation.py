"""The allocation forms: a person of the case's Area (or force) chosen from those the service allows, and the reason,
bounded as the service bounds it (``cases.services.allocation``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from accounts.models import User
from accounts.roles import Role
from cases.limits import too_long
from cases.services.allocation import (
    NOT_A_PROSECUTOR_OF_THE_AREA,
    NOT_AN_OFFICER_OF_THE_FORCE,
    REASON_MAX_LENGTH,
)
from govuk.forms import GovukFormMixin


def display_name(person: User) -> str:
    return person.get_full_name() or person.username


def _reason() -> forms.CharField:
    return forms.CharField(
        label="Reason",
        max_length=REASON_MAX_LENGTH,
        help_text="Kept in the case's history, for example: balancing the team's workload",
        error_messages={"required": "Enter the reason", "max_length": too_long(REASON_MAX_LENGTH)},
    )


class _ChoosePerson(GovukFormMixin, forms.Form):
    """One person chosen from ``people`` (the one who has the work now marked), and the reason."""

    choosing = ""  # the field's name

    def __init__(self, *args: Any, people: QuerySet[User], current: User | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields[self.choosing]
        field.queryset = people  # type: ignore[attr-defined]
        field.label_from_instance = lambda person: self.label_of(person, current)  # type: ignore[attr-defined]

    @staticmethod
    def label_of(person: User, current: User | None) -> str:
        label = display_name(person)
        if person.role == Role.UNIT_HEAD:
            label += " (unit head)"
        if current is not None and person.pk == current.pk:
            label += " – has it now"
        return label


class AllocationForm(_ChoosePerson):
    choosing = "prosecutor"

    prosecutor = forms.ModelChoiceField(
        label="Prosecutor",
        queryset=User.objects.none(),
        empty_label="Select a prosecutor",
        error_messages={"required": "Select a prosecutor", "invalid_choice": NOT_A_PROSECUTOR_OF_THE_AREA},
    )
    reason = _reason()


class OfficerForm(_ChoosePerson):
    choosing = "officer"

    officer = forms.ModelChoiceField(
        label="Officer in charge",
        queryset=User.objects.none(),
        empty_label="Select an officer",
        error_messages={"required": "Select an officer", "invalid_choice": NOT_AN_OFFICER_OF_THE_FORCE},
    )
    reason = _reason()
