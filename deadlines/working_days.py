"""Working days in England and Wales: Monday to Friday, less the bank holidays (from the `holidays` library, which
computes them by rule, substitute days included, for any year)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import holidays

SATURDAY = 5


@cache
def _bank_holidays(year: int) -> frozenset[date]:
    # England and Wales share one list; the library files it under England ("ENG").
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_bank_holiday(day: date) -> bool:
    return day in _bank_holidays(day.year)


def is_working_day(day: date) -> bool:
    return day.weekday() < SATURDAY and not is_bank_holiday(day)


def working_day_on_or_after(day: date) -> date:
    """The day itself if people are at work, else the next day they are."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(start: date, count: int) -> date:
    """The ``count``-th working day after ``start`` (``start`` itself is never counted, whatever day it is)."""
    day = start
    for _ in range(count):
        day = working_day_on_or_after(day + timedelta(days=1))
    return day


FRIDAY = 4


def end_of_working_week(today: date) -> date:
    """The Friday of this week (at a weekend, of the week ahead): where "due this week" ends."""
    return today + timedelta(days=(FRIDAY - today.weekday()) % 7)
