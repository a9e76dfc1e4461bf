"""Times of day as people type them on GOV.UK pages (there is no time input component: a short text input), and the
moment a date field and a time field make together."""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from govuk.wording import MIDDAY

_TIME = re.compile(r"(?P<hour>[0-9]{1,2})(?:[:.](?P<minute>[0-9]{2}))?\s*(?P<half>am|pm)?", re.IGNORECASE)
_NAMED_TIMES = {"midnight": time(0), "midday": time(12), "noon": time(12)}


class TimeOfDayField(forms.CharField):
    """A time typed as people write it: "3:15pm", "3pm", "15:15" (GOV.UK has no time input: a short text input)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=10, widget=forms.TextInput({"class": "govuk-input--width-5"}), **kwargs)

    def clean(self, value: Any) -> time | None:
        typed = str(super().clean(value) or "").strip().lower()
        if not typed:
            return None
        if typed in _NAMED_TIMES:
            return _NAMED_TIMES[typed]
        match = _TIME.fullmatch(typed)
        try:
            if match is None:
                raise ValueError(typed)
            hour, minute, half = int(match["hour"]), int(match["minute"] or 0), match["half"]
            if half:  # "12am" is midnight, "12pm" midday; "0am" or "13pm" is no time
                if not 1 <= hour <= MIDDAY:
                    raise ValueError(typed)
                hour = hour % MIDDAY + (MIDDAY if half == "pm" else 0)
            return time(hour, minute)  # refuses "25:00" and "9:75"
        except ValueError as impossible:
            raise ValidationError(f"{self.label} must be a real time, like 3:15pm or 15:15") from impossible


def date_and_time(form: forms.Form, data: dict[str, Any], *, day: str, at: str, what: str) -> datetime | None:
    """The moment a date field ``day`` and a time field ``at`` make together (in the service's time zone), taking the
    time out of ``data``; one without the other is an error on the missing one (``what``: "arrest")."""
    typed_day, typed_time = data.get(day), data.pop(at, None)
    if typed_day and typed_time is None and at not in form.errors:
        form.add_error(at, f"Enter the time of {what}")
    elif typed_time is not None and not typed_day and day not in form.errors:
        form.add_error(day, f"Enter the date of {what}")
    if typed_day and typed_time is not None:
        return timezone.make_aware(datetime.combine(typed_day, typed_time))
    return None
