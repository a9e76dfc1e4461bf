"""The changes the administration pages list, latest first, as each page shows them: when, who, what changed (by the
fields' labels) and why. A person's page lists their history; a setting's page (the ladder, the readiness checklist,
the disclosure rule) its records' history. Both are read from django-simple-history tables and compared by
audit.history, as a case's history is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models

from accounts.models import User
from audit.history import compared, labels_of, made_by

# The details of a person an administrator changes, by their labels, in the order a change lists them: where the
# history row keeps each (a related record by its id).
PERSON_DETAILS = {
    "first_name": "First name",
    "last_name": "Last name",
    "email": "Email address",
    "role": "Role",
    "police_force_id": "Police force",
    "cps_area_id": "CPS Area",
    "rasso_unit_id": "RASSO unit",
    "is_active": "Active",
}
SETTING_KINDS = {"+": "Added", "~": "Changed", "-": "Removed"}
# The most changes a setting's page lists: it is for what changed lately, not an archive.
SHOWN = 30


@dataclass(frozen=True)
class ChangeShown:
    when: datetime
    who: str
    what: str
    fields: list[str]
    reason: str


def person_changes(person: User) -> list[ChangeShown]:
    """A person's changes, each named as accounts.people named it ("Disabled") with the details it changed."""
    records = person.history.select_related("history_user").order_by("history_date", "history_id")  # type: ignore[attr-defined]
    changes = [
        _shown(record, record.change or ("Added" if record.history_type == "+" else "Changed"), fields)
        for record, fields in compared(records, PERSON_DETAILS)
    ]
    return changes[::-1]


def setting_changes(model: type[models.Model], name: Callable[[Any], str]) -> list[ChangeShown]:
    """The latest changes to ``model``'s records, each named by ``name`` (given the record as it was after the change)
    with the fields it changed. A setting has few records, so its whole history is read at once."""
    records = model.history.select_related("history_user").order_by("id", "history_date", "history_id")  # type: ignore[attr-defined]
    changes = [
        _shown(record, f"{SETTING_KINDS[record.history_type]}: {name(record)}", fields)
        for record, fields in compared(records, labels_of(model, excluded=("id",)))
    ]
    return sorted(changes, key=lambda change: change.when, reverse=True)[:SHOWN]


def _shown(record: Any, what: str, fields: list[str]) -> ChangeShown:
    return ChangeShown(
        when=record.history_date,
        who=made_by(record),
        what=what,
        fields=fields,
        reason=record.history_change_reason or "",
    )
