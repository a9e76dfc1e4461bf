"""Reporting periods: financial years (1 April to 31 March), their quarters (Q1 = April to June, written
``2024-25 Q1``) and rolling years (written ``12m to 2024-06-30``), as INTERCHANGE.md names them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from govuk.wording import day_in_words

FIRST_MONTH = 4  # April
QUARTER_LABEL = re.compile(r"^(\d{4})-(\d{2}) Q([1-4])$")
ROLLING_LABEL = re.compile(r"^12m to (\d{4}-\d{2}-\d{2})$")


def financial_year_start(day: date) -> int:
    """The calendar year in which the financial year containing ``day`` began."""
    return day.year if day.month >= FIRST_MONTH else day.year - 1


def financial_year_label(start_year: int) -> str:
    """``2024`` → ``"2024-25"``."""
    return f"{start_year}-{(start_year + 1) % 100:02d}"


def quarter_index(day: date) -> int:
    """Financial quarters numbered from year 0: the same number the database computes in ``scorecards.facts``."""
    return (day.year * 12 + day.month - FIRST_MONTH) // 3


@dataclass(frozen=True)
class Period:
    label: str
    start: date
    end: date  # inclusive
    quarter: int | None = None  # the quarter index, for a quarter

    @property
    def in_words(self) -> str:
        """The period as a page shows it: a quarter by its label, a rolling year by its last day in words ("12 months
        to 30 September 2026"); the label stays the period's name in links, files and the API."""
        return self.label if self.quarter is not None else f"12 months to {day_in_words(self.end)}"

    @property
    def is_quarter(self) -> bool:
        return self.quarter is not None


class PeriodError(ValueError):
    pass


def quarter(index: int) -> Period:
    year, number = divmod(index, 4)
    start = date(year, FIRST_MONTH, 1) + relativedelta(months=3 * number)
    end = start + relativedelta(months=3) - timedelta(days=1)
    return Period(f"{financial_year_label(year)} Q{number + 1}", start, end, quarter=index)


def rolling_year(end: date) -> Period:
    return Period(f"12m to {end.isoformat()}", end - relativedelta(years=1) + timedelta(days=1), end)


def parse_period(label: str) -> Period:
    """A period from its label; anything else is a PeriodError that says what is expected."""
    text = label.strip()
    if match := QUARTER_LABEL.match(text):
        start_year, end_year, number = int(match[1]), int(match[2]), int(match[3])
        if (start_year + 1) % 100 != end_year:
            raise PeriodError(f"“{text}” is not a financial year: the second year follows the first, as in 2024-25.")
        return quarter(start_year * 4 + number - 1)
    if match := ROLLING_LABEL.match(text):
        try:
            return rolling_year(date.fromisoformat(match[1]))
        except ValueError:
            raise PeriodError(f"“{match[1]}” is not a real date.") from None
    raise PeriodError(f"Enter a quarter like “2024-25 Q1” or a rolling year like “12m to 2024-06-30”, not “{text}”.")


def last_quarters(period: Period, count: int) -> list[Period]:
    """The ``count`` quarters ending with the one that holds the period's last day, oldest first."""
    last = quarter_index(period.end)
    return [quarter(index) for index in range(last - count + 1, last + 1)]


def completed_quarters(today: date, count: int) -> list[Period]:
    """The ``count`` most recent quarters that have ended by ``today``, newest first."""
    last = quarter_index(today) - 1
    return [quarter(index) for index in range(last, last - count, -1)]
