"""The PACE detention clock of a suspect referred in custody: 24 hours from the relevant time (s.41 Police and
Criminal Evidence Act 1984), which is the arrival at the police station. The service records the time of arrest, so
the clock is counted from arrest and says so."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from govuk.wording import moment_in_words

DETENTION_HOURS = 24  # PACE s.41: without an extension, a suspect is charged or released within 24 hours


def _duration(span: timedelta) -> str:
    minutes = int(span.total_seconds()) // 60
    hours, minutes = divmod(minutes, 60)
    parts = [f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []
    if minutes or not hours:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts)


@dataclass(frozen=True)
class DetentionClock:
    arrested_at: datetime

    @property
    def ends_at(self) -> datetime:
        return self.arrested_at + timedelta(hours=DETENTION_HOURS)

    def remaining(self, now: datetime | None = None) -> timedelta:
        return self.ends_at - (now or timezone.now())

    def ends(self) -> str:
        """When the clock ends: "24 hours from arrest ends 7 December 2026 at 3:15pm"."""
        return f"{DETENTION_HOURS} hours from arrest ends {moment_in_words(self.ends_at)}"

    def left(self, now: datetime | None = None) -> str:
        """The time left: "11 hours 5 minutes left", or "ended 2 hours ago"."""
        remaining = self.remaining(now)
        if remaining > timedelta(0):
            return f"{_duration(remaining)} left"
        return f"ended {_duration(-remaining)} ago"

    def summary(self, now: datetime | None = None) -> str:
        """Both: "24 hours from arrest ends 7 December 2026 at 3:15pm (11 hours 5 minutes left)"."""
        return f"{self.ends()} ({self.left(now)})"


def detention_clock(*, in_custody: bool, arrested_at: datetime | None) -> DetentionClock | None:
    """The clock of a suspect referred in custody whose arrest is recorded; none otherwise."""
    return DetentionClock(arrested_at) if in_custody and arrested_at is not None else None
