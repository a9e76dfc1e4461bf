"""What people may enter, once: how long free text may be, which reference data may be chosen, and the words a
refusal uses. The services check these; the pages' forms and the API's serializers read them (a form's ``max_length``
and ``invalid_choice`` messages, a serializer's), so that page and API refuse the same input with the same words."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError

from cases.models import Case, CaseFlag, Offence, Suspect

# Free text: reasons, advice, questions, responses, learning.
LONG_TEXT = 20_000
URN_LENGTH: int = Case._meta.get_field("urn").max_length or 11
NAME_MAX_LENGTH: int = Suspect._meta.get_field("name").max_length or 200

OFFENCES_NOT_IN_USE = "Select offences from the current list."
FLAGS_NOT_IN_USE = "Select flags from the current list."
FILE_ITEMS_NOT_LISTED = "Select what the file holds from the list."


def too_long(limit: int) -> str:
    """The refusal of text over ``limit`` characters, worded one way for page and API."""
    return f"Enter {limit:,} characters or fewer."


def check_lengths(*, limit: int = LONG_TEXT, **fields: str) -> None:
    """Refuse any of ``fields`` longer than ``limit`` characters."""
    errors = {name: too_long(limit) for name, value in fields.items() if len(value) > limit}
    if errors:
        raise ValidationError(errors)


def check_in_use(field: str, chosen: Iterable[Offence | CaseFlag], *, on: date, message: str) -> None:
    """Refuse reference data an administrator has retired by ``on`` (the pages offer only what is in use)."""
    items = list(chosen)
    if not items:
        return
    in_use = type(items[0]).objects.in_use(on).filter(pk__in=[item.pk for item in items])
    if len(set(in_use.values_list("pk", flat=True))) < len({item.pk for item in items}):
        raise ValidationError({field: message})
