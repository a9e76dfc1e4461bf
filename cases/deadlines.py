"""Pre-charge deadlines in calendar days, with the numbers taken from settings."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings


def _days(rule: str) -> timedelta:
    return timedelta(days=settings.RASSO_DEADLINES[rule])


@dataclass(frozen=True)
class Due:
    on: date
    priority: bool


def early_advice_due(requested_on: date) -> Due:
    return Due(requested_on + _days("early_advice_days"), priority=False)


def charging_decision_due(received_on: date, *, in_custody: bool) -> Due:
    """A suspect in custody is a priority: the decision is due the same day (within hours)."""
    if in_custody:
        return Due(received_on + _days("custody_decision_days"), priority=True)
    return Due(received_on + _days("charging_decision_days"), priority=False)


def threshold_review_due(decided_on: date, ptph_on: date | None = None) -> date:
    """A Threshold Test charge is reviewed under the Full Code Test as soon as reasonably practicable: within the
    review period, and always before the PTPH (DOMAIN.md), so by the earlier of the two. Never before the decision
    itself: with the PTPH on the day of charge (or, in an odd history, before it) the review is due that day."""
    due = decided_on + _days("threshold_review_days")
    if ptph_on is None:
        return due
    return min(due, max(decided_on, ptph_on - timedelta(days=1)))
