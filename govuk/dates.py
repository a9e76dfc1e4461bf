"""The GOV.UK date input: day, month and year boxes, with the design system's error messages."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from govuk.wording import sentence_start

EARLIEST_YEAR = 1900
_PARTS = ("day", "month", "year")
# Each box by name, as an error message names the missing ones.
_PART_NAMES = {"day": gettext_lazy("day"), "month": gettext_lazy("month"), "year": gettext_lazy("year")}
_DIGITS = {"day": re.compile(r"[0-9]{1,2}"), "month": re.compile(r"[0-9]{1,2}"), "year": re.compile(r"[0-9]{4}")}


class GovukDateWidget(forms.MultiWidget):
    template_name = "govuk/widgets/date.html"
    use_fieldset = True

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()], attrs)

    def decompress(self, value: date | None) -> list[int | None]:
        return [value.day, value.month, value.year] if value else [None, None, None]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        # The field is in error (Django marks it aria-invalid): each box gets the design system's error border.
        context["widget"]["invalid"] = str((attrs or {}).get("aria-invalid", "")) == "true"
        return context


class GovukDateField(forms.Field):
    """A date typed as day, month and year; refuses impossible dates and, unless told otherwise, future ones."""

    widget = GovukDateWidget

    def __init__(self, *, allow_future: bool = False, **kwargs: Any) -> None:
        self.allow_future = allow_future
        super().__init__(**kwargs)

    def _name(self) -> str:
        return sentence_start(str(self.label))

    def to_python(self, value: Any) -> date | None:
        if isinstance(value, date):
            return value
        if not isinstance(value, list | tuple) or len(value) != len(_PARTS):
            value = ["", "", ""] if not value else [value, "", ""]
        parts = [str(part or "").strip() for part in value]
        if not any(parts):
            return None
        missing = [name for name, part in zip(_PARTS, parts, strict=True) if not part]
        if missing:
            parts_missing = gettext(" and ").join(str(_PART_NAMES[name]) for name in missing)
            raise ValidationError(
                gettext("%(name)s must include a %(parts)s") % {"name": self._name(), "parts": parts_missing}
            )
        # Digits only, and no more than a day, a month or a year has: a huge number is not a date (and would overflow).
        if not all(_DIGITS[name].fullmatch(part) for name, part in zip(_PARTS, parts, strict=True)):
            raise ValidationError(gettext("%(name)s must be a real date") % {"name": self._name()})
        day, month, year = (int(part) for part in parts)
        try:
            typed = date(year, month, day)
        except (ValueError, OverflowError) as impossible:
            raise ValidationError(gettext("%(name)s must be a real date") % {"name": self._name()}) from impossible
        if year < EARLIEST_YEAR:
            raise ValidationError(gettext("%(name)s must be a real date") % {"name": self._name()})
        return typed

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and not self.allow_future and value > timezone.localdate():
            raise ValidationError(gettext("%(name)s must be today or in the past") % {"name": self._name()})
