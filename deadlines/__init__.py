"""Every deadline the service works to, from one settings object: pre-charge (early advice, the charging decision,
the Threshold Test review), after charge (PTPH, Better Case Management stages, the custody time limit and its
warnings, trial readiness, how far ahead a hearing may be listed), the Victims' Code (decision letters, pre-trial
meeting follow-up, the Victims' Right to Review) and action-plan review points. The numbers come from
``deadlines.settings()``: the environment's ``settings.RASSO_DEADLINES``, overridden by each number an administrator
has changed in the service (``deadlines.models.DeadlineSetting``, read at the moment a deadline is computed);
working days from ``deadlines.working_days``. Knows nothing of the apps that use it: callers pass dates in and store
the dates that come out, and register with ``deadlines.reschedulers`` what moves when a number changes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from django.conf import settings as django_settings
from django.utils import timezone

from deadlines.working_days import add_working_days, working_day_on_or_after


@dataclass(frozen=True)
class Deadlines:
    """The numbers every deadline is computed from (DOMAIN.md says which are published and which are defaults)."""

    # Pre-charge, in calendar days.
    early_advice_days: int
    charging_decision_days: int
    custody_decision_days: int
    threshold_review_days: int
    # After charge, in calendar days (the at-risk horizon in weeks).
    ptph_days: int
    prosecution_case_days_custody: int
    prosecution_case_days_bail: int
    defence_response_days: int
    custody_time_limit_days: int
    custody_time_limit_warning_days: tuple[int, ...]
    readiness_warning_days: int
    trials_at_risk_weeks: int
    listing_ahead_days: int
    # Victims' Code, in working days (the VRR window in months, the meeting follow-up in calendar days).
    letter_working_days_enhanced: int
    letter_working_days_standard: int
    vrr_months: int
    vrr_response_working_days: int
    meeting_follow_up_days: int


def environment() -> Deadlines:
    """The numbers the environment gives (``settings.RASSO_DEADLINES``): each one's value until an administrator
    changes it in the service. A key missing from the dict, or one the dataclass does not know, is an error."""
    values = dict(django_settings.RASSO_DEADLINES)
    names = {field.name for field in fields(Deadlines)}
    if unknown := values.keys() - names:
        raise TypeError(f"RASSO_DEADLINES has unknown keys: {', '.join(sorted(unknown))}")
    values["custody_time_limit_warning_days"] = tuple(values["custody_time_limit_warning_days"])
    return Deadlines(**values)


def with_values(rules: Deadlines, values: Mapping[str, Any]) -> Deadlines:
    """``rules`` with some numbers replaced (a list of numbers kept as a tuple)."""
    changed: dict[str, Any] = {name: tuple(v) if isinstance(v, list) else v for name, v in values.items()}
    return replace(rules, **changed)


def _changed() -> dict[str, Any]:
    """The numbers changed in the service: one query of a table of at most one row a number. Imported here, not at
    the top, because this package is imported before Django's models are ready."""
    from deadlines.models import DeadlineSetting  # noqa: PLC0415

    known = {field.name for field in fields(Deadlines)}
    return dict(DeadlineSetting.objects.filter(name__in=known).values_list("name", "value"))


_pinned: ContextVar[Deadlines | None] = ContextVar("pinned_deadlines", default=None)


def settings() -> Deadlines:
    """The deadlines in force: the environment's numbers with those changed in the service, read on every call (one
    query), so that a change is seen at once by every process; inside ``pinned()``, the numbers it pinned."""
    return _pinned.get() or with_values(environment(), _changed())


@contextmanager
def pinned(rules: Deadlines | None = None) -> Iterator[Deadlines]:
    """Compute every deadline inside the block from one reading of the numbers (or from ``rules``, to see what a
    change would move before it is made): work that computes many deadlines at once, such as a journey import or a
    rescheduling, asks the database once, not once a deadline. Pin no longer than one transaction."""
    rules = rules or settings()
    token = _pinned.set(rules)
    try:
        yield rules
    finally:
        _pinned.reset(token)


# Pre-charge


@dataclass(frozen=True)
class Due:
    on: date
    priority: bool


def early_advice_due(requested_on: date) -> Due:
    return Due(requested_on + timedelta(days=settings().early_advice_days), priority=False)


def charging_decision_due(received_on: date, *, in_custody: bool) -> Due:
    """A suspect in custody is a priority: the decision is due the same day (within hours)."""
    rules = settings()
    if in_custody:
        return Due(received_on + timedelta(days=rules.custody_decision_days), priority=True)
    return Due(received_on + timedelta(days=rules.charging_decision_days), priority=False)


def threshold_review_due(decided_on: date, ptph_on: date | None = None) -> date:
    """A Threshold Test charge is reviewed under the Full Code Test as soon as reasonably practicable: within the
    review period, and always before the PTPH (DOMAIN.md), so by the earlier of the two. Never before the decision
    itself: with the PTPH on the day of charge (or, in an odd history, before it) the review is due that day."""
    due = decided_on + timedelta(days=settings().threshold_review_days)
    if ptph_on is None:
        return due
    return min(due, max(decided_on, ptph_on - timedelta(days=1)))


# After charge


def prosecution_dates(sent_on: date, *, remanded_in_custody: bool) -> dict[str, date | None]:
    """The dates that follow from sending: PTPH, the Better Case Management stages and, while remanded, the custody
    time limit."""
    rules = settings()
    stage_days = rules.prosecution_case_days_custody if remanded_in_custody else rules.prosecution_case_days_bail
    prosecution_case_due = sent_on + timedelta(days=stage_days)
    return {
        "ptph_due_on": sent_on + timedelta(days=rules.ptph_days),
        "prosecution_case_due_on": prosecution_case_due,
        "defence_response_due_on": prosecution_case_due + timedelta(days=rules.defence_response_days),
        "custody_time_limit_on": (
            sent_on + timedelta(days=rules.custody_time_limit_days) if remanded_in_custody else None
        ),
    }


def custody_time_limit_warnings(expires_on: date) -> dict[int, date]:
    """The days before the custody time limit a warning is given, each with the date it is given on."""
    return {days: expires_on - timedelta(days=days) for days in settings().custody_time_limit_warning_days}


def readiness_warning_on(listed_for: date) -> date:
    """When a trial's readiness gaps are raised: the look-ahead before the date it is listed for."""
    return listed_for - timedelta(days=settings().readiness_warning_days)


def trials_at_risk_until(today: date) -> date:
    """The last day a trial listed with readiness gaps counts as at risk."""
    return today + timedelta(weeks=settings().trials_at_risk_weeks)


def latest_listing() -> date:
    """The furthest date a hearing or trial may be listed for (by default two years ahead, beyond which a date is a
    slip of the keyboard, not a listing)."""
    return timezone.localdate() + timedelta(days=settings().listing_ahead_days)


# Victims' Code


def letter_due(decision_on: date, *, enhanced_rights: bool) -> date:
    """1 working day after the decision for a complainant with enhanced rights, else 5 (weekends and England and
    Wales bank holidays skipped; the decision day never counts)."""
    rules = settings()
    days = rules.letter_working_days_enhanced if enhanced_rights else rules.letter_working_days_standard
    return add_working_days(decision_on, days)


def meeting_follow_up_on(offered_on: date) -> date:
    """When an unanswered offer of a pre-trial meeting is followed up."""
    return offered_on + timedelta(days=settings().meeting_follow_up_days)


def vrr_last_day(decision_letter_on: date) -> date:
    """The last day a Victims' Right to Review request is in time: 3 months after the decision letter."""
    return decision_letter_on + relativedelta(months=settings().vrr_months)


def vrr_in_time(*, decision_letter_on: date, received_on: date) -> bool:
    """A Victims' Right to Review request is in time up to 3 months after the decision letter."""
    return received_on <= vrr_last_day(decision_letter_on)


def vrr_respond_by(received_on: date) -> date:
    """A Victims' Right to Review request is answered within 30 working days of receipt."""
    return add_working_days(received_on, settings().vrr_response_working_days)


# Action plans


def review_point_dates(set_on: date, *, days: int) -> tuple[date, date]:
    """An action plan's review point at a level of ``days`` (the levels are rows an administrator edits): due that
    many days after the plan is set, raised on that day or, if it is a weekend or bank holiday, on the next working
    day. Returns (due on, raise on)."""
    due = set_on + timedelta(days=days)
    return due, working_day_on_or_after(due)
