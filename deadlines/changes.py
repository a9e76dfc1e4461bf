"""The deadline numbers as an administrator sees and changes them: each one's value in force and where it comes from
(DOMAIN.md's documented value, the environment, or the administrator who last changed it, when and why), the check
of a new value against its bounds, what a change would move, and the change itself, which reschedules what is still
open in the same transaction (``deadlines.reschedulers``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from deadlines import environment as environment_values
from deadlines import pinned, settings, with_values
from deadlines.definitions import DEFINITIONS, Definition
from deadlines.models import REASON_MAX_LENGTH, DeadlineSetting
from deadlines.reschedulers import Moved, Rescheduling, reschedule

Value = int | tuple[int, ...]

CHANGED_AT_THE_SAME_TIME = "Someone else changed this at the same time; check the value and try again"


@dataclass(frozen=True)
class InForce:
    """One number as the deadlines page shows it."""

    definition: Definition
    value: Value
    source: str
    record: DeadlineSetting | None

    @property
    def shown(self) -> str:
        return self.definition.shown(self.value)


def source_of(definition: Definition, record: DeadlineSetting | None, environment: Value) -> str:
    """Where a number's value comes from: the administrator who last changed it, else the environment where it
    differs from what DOMAIN.md documents, else DOMAIN.md."""
    if record is not None:
        return (
            f"Changed by {_full_name(record.changed_by)} on "
            f"{timezone.localdate(record.changed_at):%-d %B %Y}: {record.reason}"
        )
    if environment != definition.documented:
        return f"Set by the environment ({definition.environment})"
    return "Default (DOMAIN.md)"


def in_force() -> list[InForce]:
    """Every number, in the order DEFINITIONS gives, with its value and source (one query)."""
    records = {r.name: r for r in DeadlineSetting.objects.select_related("changed_by")}
    environment = environment_values()
    rules = with_values(environment, {name: r.value for name, r in records.items()})
    from_environment = asdict(environment)
    return [
        InForce(
            definition,
            getattr(rules, name),
            source_of(definition, records.get(name), _as_value(from_environment[name])),
            records.get(name),
        )
        for name, definition in DEFINITIONS.items()
    ]


@dataclass(frozen=True)
class Change:
    """One change of a number, from its history: when, the value it was given, who gave it and why."""

    on: date
    shown: str
    by: str
    reason: str


def changes_of(name: str) -> list[Change]:
    """Every change of the number made in the service, latest first (one query)."""
    definition = DEFINITIONS[name]
    rows = DeadlineSetting.history.filter(name=name).select_related("history_user").order_by("-history_date")
    return [
        Change(
            timezone.localdate(row.changed_at),
            definition.shown(_as_value(row.value)),
            _full_name(row.history_user),
            row.reason,
        )
        for row in rows
    ]


def _full_name(person: Any) -> str:
    return "someone no longer known" if person is None else person.get_full_name() or person.get_username()


def number(name: str) -> InForce:
    """One number in force; an unknown name is a LookupError (the page's 404)."""
    for each in in_force():
        if each.definition.name == name:
            return each
    raise LookupError(name)


def _as_value(value: Any) -> Value:
    return tuple(value) if isinstance(value, list | tuple) else value


def check_value(definition: Definition, value: Value) -> None:
    """A new value keeps the number's bounds: each of a list's numbers, with no number twice and at least one."""
    numbers = value if isinstance(value, tuple) else (value,)
    if definition.several and not numbers:
        raise ValidationError({"value": "Enter at least one number of days"})
    if len(set(numbers)) != len(numbers):
        raise ValidationError({"value": "Enter each number of days once"})
    if any(not definition.minimum <= n <= definition.maximum for n in numbers):
        what = "Each number" if definition.several else "The value"
        raise ValidationError(
            {"value": f"{what} must be between {definition.minimum} and {definition.maximum} {definition.unit.value}"}
        )


def check_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the deadline is changing"})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError({"reason": f"The reason must be {REASON_MAX_LENGTH} characters or fewer"})
    return reason


def _proposed(name: str, value: Value) -> Definition:
    definition = DEFINITIONS[name]
    check_value(definition, value)
    if getattr(settings(), name) == value:
        raise ValidationError({"value": f"The value is already {definition.shown(value)}: enter a different one"})
    return definition


def would_move(*, name: str, value: Value) -> list[Moved]:
    """What changing the number to ``value`` would move, counted with the new number pinned; nothing is written."""
    _proposed(name, value)
    with pinned(with_values(settings(), {name: value})):
        return reschedule(name, Rescheduling())


@transaction.atomic
def change_deadline(*, name: str, value: Value, by: Any, reason: str) -> list[Moved]:
    """Change one number, kept in the record's history with who changed it and why, and move every open item that
    follows it, in one transaction; returns what moved, by kind. The row is written on the first change, so two
    administrators changing a number for the first time at once both find no row to lock: the second one's insert
    breaks the unique name, and is refused as a clash (their page shows the value now in force to check against)
    rather than failing the request."""
    definition = _proposed(name, value)
    reason = check_reason(reason)
    record = DeadlineSetting.objects.select_for_update().filter(name=name).first() or DeadlineSetting(name=name)
    record.value = list(value) if isinstance(value, tuple) else value
    record.changed_by, record.changed_at, record.reason = by, timezone.now(), reason
    record._history_user = by  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError as clash:
        raise ValidationError({"value": CHANGED_AT_THE_SAME_TIME}) from clash
    with pinned():
        moved = reschedule(definition.name, Rescheduling(by=by, reason=reason))
    return moved
