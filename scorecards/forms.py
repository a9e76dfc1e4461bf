"""Forms for the scorecard pages. They parse input only: every rule is the services'."""

from __future__ import annotations

from contextlib import suppress
from datetime import date
from typing import Any, cast

from django import forms
from django.conf import settings

from govuk.forms import GovukFormMixin
from scorecards.compute import Place
from scorecards.dimensions import DIMENSIONS
from scorecards.periods import Period, PeriodError, completed_quarters, parse_period, rolling_year

QUARTERS_OFFERED = 12


def periods_offered(today: date) -> list[Period]:
    """The completed quarters, newest first, each followed by the rolling year it ends."""
    offered: list[Period] = []
    for quarter in completed_quarters(today, QUARTERS_OFFERED):
        offered += [quarter, rolling_year(quarter.end)]
    return offered


def _choices(form: forms.Form, name: str, choices: list[tuple[str, str]]) -> None:
    cast(forms.ChoiceField, form.fields[name]).choices = choices


class ChooseScorecardForm(GovukFormMixin, forms.Form):
    period = forms.ChoiceField(label="Period")
    place = forms.ChoiceField(label="Place")
    breakdown = forms.ChoiceField(label="Break the figures down by", required=False)

    def __init__(self, *args: Any, periods: list[Period], places: list[tuple[str, Place]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offered = [(p.label, p.in_words) for p in periods]
        asked = str(self.data.get("period", ""))
        with suppress(PeriodError):
            # An older period, from a link or an analyst's script, is allowed too.
            if asked not in dict(offered):
                offered.append((parse_period(asked).label, parse_period(asked).in_words))
        _choices(self, "period", offered)
        _choices(self, "place", [(key, place.name) for key, place in places])
        _choices(self, "breakdown", [("", "No breakdown"), *((d.id, d.title) for d in DIMENSIONS)])

    def clean_period(self) -> Period:
        try:
            return parse_period(self.cleaned_data["period"])
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from None


class PublishForm(GovukFormMixin, forms.Form):
    period = forms.ChoiceField(label="Quarter to publish")

    def __init__(self, *args: Any, quarters: list[Period], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "period", [(q.label, q.label) for q in quarters])

    def clean_period(self) -> Period:
        return parse_period(self.cleaned_data["period"])


class JourneyFileForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label="Journey file",
        help_text="JSON Lines, one event a line, as the journey import format (version 1) defines.",
    )

    def clean_file(self) -> Any:
        """A file over the limit is refused by its size, before anything reads it: the worker holds a file's events
        in memory to check them all before it writes any. (The page's upload handler stops reading such a file, and
        gives the form its size as far as it read.)"""
        upload = self.cleaned_data["file"]
        limit = settings.JOURNEY_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"The journey file must be smaller than {limit / 2**20:g} MB: split it, or import it with "
                "manage.py import_journeys"
            )
        return upload
