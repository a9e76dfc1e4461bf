"""The deadlines module: one settings dict read through one typed accessor, and the dates it computes (working days
skip weekends and England and Wales bank holidays)."""

from dataclasses import asdict
from datetime import date

import pytest
from django.test import override_settings

import deadlines
from deadlines import (
    charging_decision_due,
    custody_time_limit_warnings,
    letter_due,
    prosecution_dates,
    review_point_dates,
    vrr_in_time,
)
from deadlines.working_days import add_working_days

pytestmark = pytest.mark.django_db


def test_every_number_comes_from_the_one_settings_dict() -> None:
    rules = deadlines.settings()
    assert rules.charging_decision_days == 28
    assert rules.ptph_days == 28
    assert rules.letter_working_days_standard == 5
    assert rules.custody_time_limit_warning_days == (28, 7)


def test_a_changed_setting_is_seen_at_once() -> None:
    changed = {**asdict(deadlines.settings()), "charging_decision_days": 10, "custody_time_limit_warning_days": [3]}
    with override_settings(RASSO_DEADLINES=changed):
        assert charging_decision_due(date(2026, 3, 2), in_custody=False).on == date(2026, 3, 12)
        assert custody_time_limit_warnings(date(2026, 9, 10)) == {3: date(2026, 9, 7)}


def test_an_unknown_key_is_refused() -> None:
    unknown = {**asdict(deadlines.settings()), "ptph_weeks": 4}
    with override_settings(RASSO_DEADLINES=unknown), pytest.raises(TypeError, match="ptph_weeks"):
        deadlines.settings()


@pytest.mark.parametrize(
    ("decided_on", "enhanced", "due_on"),
    [
        (date(2026, 11, 20), True, date(2026, 11, 23)),  # Friday: the next working day is Monday
        (date(2026, 11, 20), False, date(2026, 11, 27)),  # five working days after a Friday
        (date(2026, 12, 24), True, date(2026, 12, 29)),  # Christmas Eve: 25 Dec, the weekend and the 28th go by
        (date(2026, 12, 24), False, date(2027, 1, 5)),  # … and New Year's Day too
        (date(2026, 4, 2), True, date(2026, 4, 7)),  # Maundy Thursday: Good Friday and Easter Monday skipped
        (date(2026, 4, 3), True, date(2026, 4, 7)),  # a decision made on a bank holiday (Good Friday)
        (date(2026, 4, 3), False, date(2026, 4, 13)),
    ],
)
def test_letter_due_dates_count_working_days(decided_on: date, enhanced: bool, due_on: date) -> None:
    assert letter_due(decided_on, enhanced_rights=enhanced) == due_on


def test_add_working_days_never_counts_the_start() -> None:
    saturday = date(2026, 11, 21)
    assert add_working_days(saturday, 1) == date(2026, 11, 23)
    assert add_working_days(saturday, 0) == saturday


def test_dates_that_follow_from_sending() -> None:
    sent_on = date(2026, 1, 5)
    assert prosecution_dates(sent_on, remanded_in_custody=True) == {
        "ptph_due_on": date(2026, 2, 2),
        "prosecution_case_due_on": date(2026, 2, 24),
        "defence_response_due_on": date(2026, 3, 24),
        "custody_time_limit_on": date(2026, 7, 6),
    }
    assert prosecution_dates(sent_on, remanded_in_custody=False)["custody_time_limit_on"] is None


def test_a_vrr_request_is_in_time_up_to_three_months_after_the_letter() -> None:
    assert vrr_in_time(decision_letter_on=date(2026, 5, 31), received_on=date(2026, 8, 31))
    assert not vrr_in_time(decision_letter_on=date(2026, 5, 31), received_on=date(2026, 9, 1))


def test_a_review_point_on_a_bank_holiday_is_raised_on_the_next_working_day() -> None:
    assert review_point_dates(date(2026, 12, 11), days=14) == (date(2026, 12, 25), date(2026, 12, 29))
