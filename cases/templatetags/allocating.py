"""Who may allocate, for the pages that show who has a case: ``{% if user|may_allocate %}`` shows the "Change" link
beside the allocated prosecutor (and each open referral) to the roles ``cases.services.allocation`` lets allocate,
and ``{% if user|may_change_officer %}`` the one beside the officer in charge."""

from __future__ import annotations

from typing import Any

from django import template

from cases.services.allocation import ALLOCATORS, OFFICER_CHANGERS

register = template.Library()


@register.filter
def may_allocate(user: Any) -> bool:
    return ALLOCATORS.allows(getattr(user, "role", ""))


@register.filter
def may_change_officer(user: Any) -> bool:
    return OFFICER_CHANGERS.allows(getattr(user, "role", ""))


@register.filter
def may_change_who_has_it(user: Any) -> bool:
    """Whether the case's summary shows a "Change" link on some row (so its other rows are marked as having none)."""
    return may_allocate(user) or may_change_officer(user)
