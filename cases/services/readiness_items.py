"""The administrator's changes to the trial readiness checklist: add an item, reword it, move it up or down, disable
and enable it. Items are never deleted, because the checks of trials already listed refer to them; a disabled item
is left off the checklists of trials listed from then on. Each change is kept in the checklist's history."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import ADMINISTRATORS
from cases.limits import check_lengths
from cases.models import ReadinessItem
from cases.services.common import require_text
from cases.services.setting_changes import kept_with

TEXT_MAX_LENGTH: int = ReadinessItem._meta.get_field("text").max_length or 200


def _check_text(text: str) -> str:
    require_text(text=text)
    check_lengths(limit=TEXT_MAX_LENGTH, text=text)
    return text.strip()


@transaction.atomic
def add_readiness_item(text: str, *, by: User, reason: str) -> ReadinessItem:
    """Add an item at the end of the checklist."""
    ADMINISTRATORS.require(by.role)
    last = ReadinessItem.objects.order_by("-position").values_list("position", flat=True).first() or 0
    item = ReadinessItem(text=_check_text(text), position=last + 1)
    kept_with(item, by=by, reason=reason)
    item.save()
    return item


@transaction.atomic
def reword_readiness_item(item: ReadinessItem, text: str, *, by: User, reason: str) -> None:
    """Reword an item; trials already listed show the new wording too, as their checks refer to the item."""
    ADMINISTRATORS.require(by.role)
    item.text = _check_text(text)
    kept_with(item, by=by, reason=reason)
    item.save(update_fields=["text"])


@transaction.atomic
def move_readiness_item(item: ReadinessItem, *, up: bool, by: User) -> None:
    """Swap the item with the one above (or below) it. Positions are renumbered 1, 2, 3… first, as items loaded
    with the same position are ordered by when they were added."""
    ADMINISTRATORS.require(by.role)
    items = list(ReadinessItem.objects.select_for_update().order_by("position", "id"))
    index = next(n for n, each in enumerate(items) if each.pk == item.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(items):
        raise ValidationError("This item is already at the " + ("top." if up else "bottom."))
    items[index], items[other] = items[other], items[index]
    moved = "Moved up" if up else "Moved down"
    for position, each in enumerate(items, start=1):
        if each.position != position:
            each.position = position
            kept_with(each, by=by, reason=moved if each.pk == item.pk else "Another item moved past it")
            each.save(update_fields=["position"])


@transaction.atomic
def set_readiness_item_in_use(item: ReadinessItem, *, in_use: bool, by: User, reason: str) -> None:
    """Disable an item from today (trials listed from now on do not have it) or put it back in use."""
    ADMINISTRATORS.require(by.role)
    item.disabled_on = None if in_use else timezone.localdate()
    kept_with(item, by=by, reason=reason)
    item.save(update_fields=["disabled_on"])
