"""The change history of journey records (django-simple-history), kept in this app's tables, and a case's history
gathered from them for its unit head.

Each app keeps the history of its own journey records with ``keep_history``, called as its models are imported (when
simple_history must register them), giving the path from each record to its case; this app imports none of them. A
field can be left out of the history (a complainant's identity is encrypted in one place only, and every read of it
is logged); a change to it shows as a change with no fields listed, unless a note names them.

A history row keeps 100 characters of the reason for a change. An app that keeps more (the corrections app: the
reason in full, and the details a history cannot compare, such as offences or identity) registers a source of notes
with ``notes_from``; the case's history shows each row with its note, so this app imports none of them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise
from typing import Any

from django.db import models
from simple_history import register

from govuk.wording import sentence_start


@dataclass(frozen=True)
class JourneyRecord:
    """How a journey record's history is kept: the lookup from the record to its case's id, and the fields left out."""

    case_path: str
    excluded_fields: tuple[str, ...]


JOURNEY_RECORDS: dict[type[models.Model], JourneyRecord] = {}


def keep_history(model: type[models.Model], *, case_path: str, excluded_fields: Sequence[str] = ()) -> None:
    """Keep every change to a journey record, in this app's tables, for its case's history. Called as the record's
    models are imported; ``case_path`` is the lookup from the record to its case's id ("id" for the case itself)."""
    register(model, app="audit", excluded_fields=list(excluded_fields))
    JOURNEY_RECORDS[model] = JourneyRecord(case_path, tuple(excluded_fields))


KINDS = {"+": "Created", "~": "Changed", "-": "Deleted"}


@dataclass(frozen=True)
class Note:
    """What an app kept of a change beyond its history row: how it names the change, the reason in full, and the
    details changed (by their labels) where the history cannot compare them."""

    kind: str
    reason: str
    fields: list[str]


# A source of notes on the changes of a case (by its id), each keyed by its history row: (the record's model label,
# history id).
NoteSource = Callable[[int], Mapping[tuple[str, int], Note]]
_NOTE_SOURCES: list[NoteSource] = []


def notes_from(source: NoteSource) -> NoteSource:
    """Register a source of notes on the changes of a case's records."""
    if source not in _NOTE_SOURCES:
        _NOTE_SOURCES.append(source)
    return source


@dataclass(frozen=True)
class Change:
    when: datetime
    record: str
    kind: str
    who: str
    fields: list[str]
    reason: str


def case_history(case_id: int) -> list[Change]:
    """Every change to the case's records, latest first, each with the fields it changed (by their labels)."""
    notes = {key: note for source in _NOTE_SOURCES for key, note in source(case_id).items()}
    changes: list[Change] = []
    for model, kept in JOURNEY_RECORDS.items():
        history = model.history.filter(**{kept.case_path: case_id})  # type: ignore[attr-defined]
        history = history.select_related("history_user").order_by("id", "history_date", "history_id")
        changes.extend(_changes(model, history, notes))
    return sorted(changes, key=lambda change: change.when, reverse=True)


def _changes(model: type[models.Model], records: Iterable[Any], notes: Mapping[tuple[str, int], Note]) -> list[Change]:
    labels = labels_of(model, excluded=JOURNEY_RECORDS[model].excluded_fields)
    return [_change(model, record, changed, notes) for record, changed in compared(records, labels)]


def labels_of(model: type[models.Model], *, excluded: Sequence[str] = ()) -> dict[str, str]:
    """The labels of a model's fields, keyed by where a history row keeps each (a related record by its id)."""
    fields = [field for field in model._meta.concrete_fields if field.name not in excluded]
    return {field.attname: sentence_start(str(field.verbose_name)) for field in fields}


def compared(records: Iterable[Any], labels: Mapping[str, str]) -> Iterator[tuple[Any, list[str]]]:
    """Each history row, with the labels of the fields it changed from the same record's row before it (none for a
    record's first row). ``records`` come ordered by record, then oldest first; ``labels`` say which fields to
    compare (keyed by attname), so any history, a journey record's or a setting's or a person's, is listed alike."""
    by_record: dict[int, list[Any]] = {}
    for record in records:
        by_record.setdefault(record.id, []).append(record)
    for versions in by_record.values():
        yield versions[0], []
        for before, after in pairwise(versions):
            yield after, [label for name, label in labels.items() if getattr(before, name) != getattr(after, name)]


def made_by(record: Any) -> str:
    """Who made a change kept in a history row: a person by name, or the service itself."""
    user = record.history_user
    return (user.get_full_name() or user.username) if user else "The service"


def _change(
    model: type[models.Model], record: Any, fields: list[str], notes: Mapping[tuple[str, int], Note]
) -> Change:
    note = notes.get((model._meta.label_lower, record.history_id))
    return Change(
        when=record.history_date,
        record=sentence_start(f"{model._meta.verbose_name} {record.id}"),
        kind=note.kind if note else KINDS[record.history_type],
        who=made_by(record),
        fields=fields or (note.fields if note else []),
        reason=note.reason if note else record.history_change_reason or "",
    )
