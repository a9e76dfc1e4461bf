"""The case's change history shows each correction as "Corrected", with its reason in full and the details it
corrected (audit.history.notes_from), read from the correction log."""

from __future__ import annotations

from audit.history import Note, notes_from
from corrections.models import Correction


@notes_from
def corrections_of(case_id: int) -> dict[tuple[str, int], Note]:
    rows = Correction.objects.filter(case_id=case_id, history_id__isnull=False).values_list(
        "history_model", "history_id", "reason", "fields"
    )
    return {
        (model, history_id): Note(kind="Corrected", reason=reason, fields=list(fields))
        for model, history_id, reason, fields in rows
        if history_id is not None
    }
