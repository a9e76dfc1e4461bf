"""What a correction is made of: the details of a record that may be corrected (each with the kind of value it takes
and the rule it must pass, as when first recorded), and a proposal, the record as it will be, for the journey's
checks to read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from cases.limits import LONG_TEXT, too_long
from govuk.wording import in_a_sentence, moment_in_words


class Kind(Enum):
    DATE = "date"  # today or in the past
    FUTURE_DATE = "future date"  # any date: a trial is listed ahead, a direction falls due
    TEXT = "text"
    LONG_TEXT = "long text"
    CHOICE = "choice"
    CHOICES = "choices"  # any of a list: what a file holds
    DATE_TIME = "date and time"  # a moment in the past: the time of arrest
    OFFENCES = "offences"  # offences from the administrator's list
    HEARING = "hearing"  # one of the suspect's hearings


@dataclass(frozen=True)
class Detail:
    """One correctable detail: the model's attribute, its label, the kind of value, whether it may be left empty,
    and, for some, whether the record has it at all (questions only on a request for early advice)."""

    name: str
    label: str
    kind: Kind
    required: bool = True
    max_length: int = LONG_TEXT
    choices: tuple[tuple[str, str], ...] = ()
    applies: Callable[[Any], bool] | None = None

    def applies_to(self, record: Any) -> bool:
        return self.applies is None or self.applies(record)

    @property
    def is_date(self) -> bool:
        return self.kind in (Kind.DATE, Kind.FUTURE_DATE)

    def current(self, record: Any) -> Any:
        """The value as recorded: offences as a set of ids, a hearing as its id, text and choices as text."""
        if self.kind == Kind.OFFENCES:
            return {offence.pk for offence in getattr(record, self.name).all()}
        if self.kind == Kind.HEARING:
            return getattr(record, f"{self.name}_id")
        return getattr(record, self.name)

    def normal(self, value: Any) -> Any:
        """A value given for the detail in the form ``current`` gives, to tell whether it changes anything."""
        if self.kind == Kind.CHOICES:
            return frozenset(value or ())
        if self.kind == Kind.OFFENCES:
            return {getattr(offence, "pk", offence) for offence in value or ()}
        if self.kind == Kind.HEARING:
            return getattr(value, "pk", value)
        if self.kind in (Kind.TEXT, Kind.LONG_TEXT):
            return (value or "").replace("\r\n", "\n").strip()  # a browser sends a text area's lines with CRLF
        if self.kind == Kind.CHOICE:
            return value or ""
        return value

    def recorded(self, value: Any) -> Any:
        """A value given as the record stores it: text trimmed, choices once each in the list's order."""
        if self.kind in (Kind.TEXT, Kind.LONG_TEXT):
            return self.normal(value)
        if self.kind == Kind.CHOICES:
            return [key for key, _ in self.choices if key in self.normal(value)]
        return value

    def check_value(self, value: Any) -> None:
        """The rule the detail passed when it was first recorded, whatever page or API client gives it."""
        problem = _PROBLEMS[self.kind](self, value)
        if problem:
            raise ValidationError({self.name: problem})

    @property
    def in_a_sentence(self) -> str:
        return in_a_sentence(self.label)

    def shown(self, value: Any, record: Any) -> str:
        """The value in words, for the check page: dates written out, choices by their labels."""
        if value in (None, "") or (self.kind in (Kind.OFFENCES, Kind.CHOICES) and not value):
            return "Not recorded"
        if self.is_date or self.kind == Kind.DATE_TIME:
            return moment_in_words(value) if self.kind == Kind.DATE_TIME else f"{value:%-d %B %Y}"
        if self.kind in (Kind.CHOICE, Kind.CHOICES):
            labels, many = dict(self.choices), self.kind == Kind.CHOICES
            return "\n".join(labels[key] for key in self.recorded(value)) if many else labels.get(value, value)
        if self.kind == Kind.OFFENCES:
            model = type(record)._meta.get_field(self.name).related_model
            return ", ".join(str(o) for o in model._default_manager.filter(pk__in=value))
        if self.kind == Kind.HEARING:
            model = type(record)._meta.get_field(self.name).related_model
            return str(model._default_manager.get(pk=value))
        return str(value)


def _text_problem(detail: Detail, value: Any) -> str | None:
    if detail.required and not detail.normal(value):
        return "Enter this information."
    if len(value or "") > detail.max_length:
        return too_long(detail.max_length)
    return None


def _choice_problem(detail: Detail, value: Any) -> str | None:
    allowed = {key for key, _ in detail.choices} | (set() if detail.required else {""})
    return None if (value or "") in allowed else f"Select {detail.in_a_sentence}."


def _choices_problem(detail: Detail, value: Any) -> str | None:
    if set(value or ()) - {key for key, _ in detail.choices}:
        return f"Select only what is listed for {detail.in_a_sentence}."
    return None if value or not detail.required else f"Select {detail.in_a_sentence}."


def _offences_problem(detail: Detail, value: Any) -> str | None:
    return None if value or not detail.required else "Select at least one offence."


def _date_time_problem(detail: Detail, value: Any) -> str | None:
    if value is None:
        return f"Enter {detail.in_a_sentence}." if detail.required else None
    return f"The {detail.in_a_sentence} must be in the past." if value > timezone.now() else None


def _date_problem(detail: Detail, value: Any) -> str | None:
    if value is None:
        return f"Enter {detail.in_a_sentence}." if detail.required else None
    if detail.kind == Kind.DATE and value > timezone.localdate():
        return "The date must be today or in the past."
    return None


def _no_problem(detail: Detail, value: Any) -> str | None:
    return None  # a hearing is checked against the suspect's hearings by the journey


_PROBLEMS: dict[Kind, Callable[[Detail, Any], str | None]] = {
    Kind.TEXT: _text_problem,
    Kind.LONG_TEXT: _text_problem,
    Kind.CHOICE: _choice_problem,
    Kind.CHOICES: _choices_problem,
    Kind.DATE_TIME: _date_time_problem,
    Kind.OFFENCES: _offences_problem,
    Kind.DATE: _date_problem,
    Kind.FUTURE_DATE: _date_problem,
    Kind.HEARING: _no_problem,
}


@dataclass
class Proposal:
    """A record as the correction would leave it: ``record`` holds the new values of its own columns (unsaved),
    ``before`` and ``after`` every correctable detail's value (as ``Detail.current`` gives it), ``new`` the values as
    given (offences and hearings as objects), and ``changed`` the details that differ."""

    record: Any
    before: dict[str, Any]
    after: dict[str, Any]
    new: dict[str, Any]
    changed: list[Detail] = field(default_factory=list)

    def changes(self, name: str) -> bool:
        return any(detail.name == name for detail in self.changed)


def on_or_after(name: str, value: date | None, limit: date | None, what: str) -> None:
    """A date not before what it follows, worded as ``cases.services.common.check_date`` words it."""
    if value is not None and limit is not None and value < limit:
        raise ValidationError({name: f"The date must be on or after {what} ({limit:%-d %B %Y})."})


def on_or_before(name: str, value: date | None, limit: date | None, what: str) -> None:
    """A date not after what follows it."""
    if value is not None and limit is not None and value > limit:
        raise ValidationError({name: f"The date must be on or before {what} ({limit:%-d %B %Y})."})


def latest(dates: list[date | None]) -> date | None:
    known = [day for day in dates if day is not None]
    return max(known) if known else None
