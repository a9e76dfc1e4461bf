"""A change an administrator makes to a setting of the service (the readiness checklist here, the escalation ladder,
the disclosure rule): kept in the setting's history (django-simple-history) with who made it and why. The history
row holds the reason, so a reason is required and no longer than the row keeps; pages read the limit from here."""

from __future__ import annotations

from typing import Any

from accounts.models import User
from cases.limits import check_lengths
from cases.models import ReadinessItem
from cases.services.common import require_text

# Every setting's history row keeps the reason in the same column as the checklist's.
REASON_MAX_LENGTH: int = (
    ReadinessItem.history.model._meta.get_field("history_change_reason").max_length  # type: ignore[attr-defined]
    or 100
)


# The reason on the first row of a record's history when the record was loaded (by a migration or a command) before
# the service kept its history: the row shows it as it was, so the first change in the service shows what it changed.
AS_IT_WAS = "As it was before its first change in the service"


def kept_with(record: Any, *, by: User, reason: str) -> None:
    """Check the reason, and name who makes the record's next change, and why, for its history."""
    model = type(record)
    if record.pk is not None and not model.history.filter(id=record.pk).exists():
        model.history.bulk_history_create(list(model.objects.filter(pk=record.pk)), default_change_reason=AS_IT_WAS)
    require_text(reason=reason)
    check_lengths(limit=REASON_MAX_LENGTH, reason=reason)
    record._history_user = by
    record._change_reason = reason.strip()
