"""The default escalation ladder (DOMAIN.md): loaded by a data migration, then the administrator's to change."""

from typing import Any

# Day 28: the officer in charge and the police supervisor. Day 56: the police DI (a police supervisor here) and the
# CPS RASSO unit head. Day 90: the case is listed for the next RASSO JOIM and the unit head is prompted about PRFI.
DEFAULT_LADDER: list[dict[str, Any]] = [
    {"days": 28, "tell_officer_in_charge": True, "tell_police_supervisors": True},
    {"days": 56, "tell_police_supervisors": True, "tell_unit_heads": True},
    {"days": 90, "tell_unit_heads": True, "lists_for_joim": True, "prompts_prfi": True},
]


def load_default_ladder(*, review_level_model: Any) -> None:
    """Create the default levels unless the ladder already has some."""
    if not review_level_model.objects.exists():
        review_level_model.objects.bulk_create(review_level_model(**level) for level in DEFAULT_LADDER)
