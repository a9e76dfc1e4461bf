"""Reporting periods: financial years (1 April to 31 March) and their quarters (Q1 = April to June)."""

from datetime import date

FIRST_MONTH = 4  # April


def financial_year_start(day: date) -> int:
    """The calendar year in which the financial year containing ``day`` began."""
    return day.year if day.month >= FIRST_MONTH else day.year - 1


def financial_year_label(start_year: int) -> str:
    """``2024`` → ``"2024-25"``."""
    return f"{start_year}-{(start_year + 1) % 100:02d}"
