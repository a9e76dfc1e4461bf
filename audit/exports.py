"""Writing the export log: the one function every download and export calls."""

from __future__ import annotations

from typing import Any

from accounts.models import User
from audit.models import Export, Purpose


def record_export(*, user: Any, what: str, filename: str, purpose: Purpose, via: str) -> Export:
    """``user`` is the request's user (a page or the API), or None for the command line. Their CPS Area and police
    force are written as they are now, so the download stays with this Area's auditor if they move."""
    person = user if isinstance(user, User) else None
    return Export.objects.create(
        user=person,
        user_name=(person.get_full_name() or person.username) if person else "(command line)",
        cps_area_id=person.cps_area_id if person else None,
        police_force_id=person.police_force_id if person else None,
        what=what,
        filename=filename,
        purpose=purpose,
        via=via,
    )
