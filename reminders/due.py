"""Everything that falls due, of every kind: each app registers its own kind in its ``AppConfig.ready`` (reminders its
reminders, action plans their review points), and the sweeper delivers them all. Each kind claims its due rows
through the one loop of ``reminders.claims``."""

from datetime import datetime
from typing import Protocol

from django.utils import timezone


class DueItems(Protocol):
    def __call__(self, *, now: datetime | None = None) -> int:
        """Deliver every item of this kind due by ``now`` exactly once; returns how many were delivered."""
        ...


_KINDS: dict[str, DueItems] = {}


def register_due_items(kind: str, deliver: DueItems) -> None:
    """Sweep ``deliver`` with every other kind; registering a kind again replaces it."""
    _KINDS[kind] = deliver


def deliver_everything_due(*, now: datetime | None = None) -> dict[str, int]:
    """Deliver what is due of every registered kind; how many of each were delivered."""
    now = now or timezone.now()
    return {kind: deliver(now=now) for kind, deliver in _KINDS.items()}
