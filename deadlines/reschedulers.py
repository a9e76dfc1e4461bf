"""What moves when an administrator changes a deadline number: each app that stores a date computed from one
registers, from its own ``rescheduling`` module, a function that recomputes its still-open items (``register``);
``reschedule`` runs those of the number changed, in the transaction of the change and with the new numbers pinned
(``deadlines.pinned``). The same functions count, without writing, what a change would move, for the administrator
to see before it is made. Nothing closed, answered, sent or decided moves: each function's query says which of its
items are still open."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from simple_history.utils import bulk_update_with_history

# A history row keeps this much of the reason a record changed (django-simple-history's column).
HISTORY_REASON_LENGTH = 100


@dataclass(frozen=True)
class Moved:
    """How many open items of one kind moved to a new date (or would move): "12 open early advice requests"."""

    count: int
    one: str
    many: str

    def __str__(self) -> str:
        return f"{self.count} {self.one if self.count == 1 else self.many}"


@dataclass(frozen=True)
class Rescheduling:
    """A change being made (``by`` the administrator, with their reason), or only counted (``by`` is None)."""

    by: Any = None
    reason: str = ""

    @property
    def applies(self) -> bool:
        return self.by is not None

    def save(self, model: type[models.Model], rows: Sequence[models.Model], fields: Sequence[str]) -> None:
        """Store the moved dates of ``rows`` (records whose history is kept), each change in the record's history as
        the administrator's, with the reason; counting stores nothing."""
        if self.applies and rows:
            reason = f"Deadline changed: {self.reason}"[:HISTORY_REASON_LENGTH]
            bulk_update_with_history(rows, model, list(fields), default_user=self.by, default_change_reason=reason)


Rescheduler = Callable[[Rescheduling], list[Moved]]

_REGISTERED: list[tuple[frozenset[str], Rescheduler]] = []


def register(names: Iterable[str], rescheduler: Rescheduler) -> None:
    """Run ``rescheduler`` when any of the deadline numbers ``names`` (fields of ``deadlines.Deadlines``) changes.
    Registering the same function again changes nothing."""
    entry = (frozenset(names), rescheduler)
    if entry not in _REGISTERED:
        _REGISTERED.append(entry)


def reschedule(name: str, rescheduling: Rescheduling) -> list[Moved]:
    """Move (or count) every open item that follows the number ``name``, with the numbers in force now; the kinds
    with nothing to move are left out."""
    moved = [each for names, rescheduler in _REGISTERED if name in names for each in rescheduler(rescheduling)]
    return [each for each in moved if each.count]
