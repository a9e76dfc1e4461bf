"""Who may correct what, for the pages that show a record: ``{% if user|may_correct:"hearing" %}`` shows the record's
"Correct" link to the roles the corrections table (corrections/table.py) gives that kind of record, and to no other;
``"complainant"`` is a complainant's identity (``IDENTITY``)."""

from __future__ import annotations

from typing import Any

from django import template

from corrections.table import CORRECTABLE, IDENTITY

register = template.Library()

COMPLAINANT = "complainant"


@register.filter
def may_correct(user: Any, kind: str) -> bool:
    """Whether the user's role may correct this kind of record (an unknown kind is a mistake in the template)."""
    doers = IDENTITY.doers if kind == COMPLAINANT else CORRECTABLE[kind].doers
    return getattr(user, "role", None) in doers.roles
