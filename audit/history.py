"""The change history of every journey record (django-simple-history), kept in this app's tables, and a case's
history gathered from them for its unit head.

Each record is registered here with the path from it to its case. A complainant's identity is not copied into the
history (it is encrypted in one place only, and every read of it is logged); a change to it shows as a change with
no fields listed, unless a note names them.

A history row keeps 100 characters of the reason for a change. An app that keeps more (the corrections app: the
reason in full, and the details a history cannot compare, such as offences or identity) registers a source of notes
with ``notes_from``; the case's history shows each row with its note, so this app imports none of them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise
from typing import Any

from django.db import models
from simple_history import register

from actionplans.models import Action, ActionPlan, ProportionalityReview, ReviewPoint
from cases.models import (
    Case,
    ChargingDecision,
    Hearing,
    JudgeDirection,
    Plea,
    PoliceNfa,
    Prfi,
    Prosecution,
    ReadinessCheck,
    Referral,
    Suspect,
    Trial,
)
from cases.models.case import InCaseOrganisations
from victims.models import (
    Communication,
    CommunicationWishes,
    Complainant,
    Isva,
    PreTrialMeeting,
    SpecialMeasure,
    VrrRequest,
)

IDENTITY_FIELDS = ["name", "date_of_birth", "address", "phone", "email"]

# Each journey record and the lookup from it to its case.
JOURNEY_RECORDS: dict[type[models.Model], str] = {
    Case: "id",
    Suspect: "case",
    Referral: "suspect__case",
    ChargingDecision: "referral__suspect__case",
    Prfi: "referral__suspect__case",
    PoliceNfa: "suspect__case",
    Hearing: "suspect__case",
    Prosecution: "suspect__case",
    Plea: "hearing__suspect__case",
    Trial: "suspect__case",
    ReadinessCheck: "trial__suspect__case",
    JudgeDirection: "case",
    ActionPlan: "suspect__case",
    Action: "plan__suspect__case",
    ReviewPoint: "plan__suspect__case",
    ProportionalityReview: "suspect__case",
    Complainant: "case",
    CommunicationWishes: "complainant__case",
    Isva: "complainant__case",
    SpecialMeasure: "complainant__case",
    PreTrialMeeting: "complainant__case",
    Communication: "complainant__case",
    VrrRequest: "complainant__case",
}

# The case's force and Area, copied onto stage records for the lists (InCaseOrganisations); the case keeps them.
CASE_ORGANISATION_FIELDS = ["police_force", "cps_area"]


def _excluded_fields(model: type[models.Model]) -> list[str]:
    if model is Complainant:
        return IDENTITY_FIELDS
    return CASE_ORGANISATION_FIELDS if issubclass(model, InCaseOrganisations) else []


for _model in JOURNEY_RECORDS:
    register(_model, app="audit", excluded_fields=_excluded_fields(_model))

KINDS = {"+": "Created", "~": "Changed", "-": "Deleted"}


@dataclass(frozen=True)
class Note:
    """What an app kept of a change beyond its history row: how it names the change, the reason in full, and the
    details changed (by their labels) where the history cannot compare them."""

    kind: str
    reason: str
    fields: list[str]


# A source of notes on a case's changes, each keyed by its history row: (the record's model label, history id).
NoteSource = Callable[[Case], Mapping[tuple[str, int], Note]]
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


def case_history(case: Case) -> list[Change]:
    """Every change to the case's records, latest first, each with the fields it changed (by their labels)."""
    notes = {key: note for source in _NOTE_SOURCES for key, note in source(case).items()}
    changes: list[Change] = []
    for model, path in JOURNEY_RECORDS.items():
        history = model.history.filter(**{path: case.pk}).select_related("history_user")  # type: ignore[attr-defined]
        changes.extend(_changes(model, history.order_by("id", "history_date", "history_id"), notes))
    return sorted(changes, key=lambda change: change.when, reverse=True)


def _changes(model: type[models.Model], records: Iterable[Any], notes: Mapping[tuple[str, int], Note]) -> list[Change]:
    by_record: dict[int, list[Any]] = {}
    for record in records:
        by_record.setdefault(record.id, []).append(record)
    excluded = _excluded_fields(model)
    fields = [field for field in model._meta.concrete_fields if field.name not in excluded]
    changes = []
    for versions in by_record.values():
        changes.append(_change(model, versions[0], [], notes))
        for before, after in pairwise(versions):
            changed = [
                str(field.verbose_name).capitalize()
                for field in fields
                if getattr(before, field.attname) != getattr(after, field.attname)
            ]
            changes.append(_change(model, after, changed, notes))
    return changes


def _change(
    model: type[models.Model], record: Any, fields: list[str], notes: Mapping[tuple[str, int], Note]
) -> Change:
    user = record.history_user
    note = notes.get((model._meta.label_lower, record.history_id))
    return Change(
        when=record.history_date,
        record=f"{model._meta.verbose_name} {record.id}".capitalize(),
        kind=note.kind if note else KINDS[record.history_type],
        who=(user.get_full_name() or user.username) if user else "The service",
        fields=fields or (note.fields if note else []),
        reason=note.reason if note else record.history_change_reason or "",
    )
