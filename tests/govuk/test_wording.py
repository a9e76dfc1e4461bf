"""Labels, dates and times as the GOV.UK style guide writes them."""

from datetime import UTC, date, datetime

import pytest

from govuk.templatetags.govuk import govuk_date, govuk_datetime
from govuk.wording import day_in_words, in_a_sentence, moment_in_words, sentence_start, time_in_words


@pytest.mark.parametrize(
    ("label", "within"),
    [("CPS Area", "CPS Area"), ("URN", "URN"), ("NFA decisions", "NFA decisions"), ("Police force", "police force")],
)
def test_a_label_within_a_sentence_keeps_its_acronym(label: str, within: str) -> None:
    assert in_a_sentence(label) == within


def test_a_label_starting_a_sentence_keeps_its_acronym() -> None:
    assert sentence_start("date of the PTPH") == "Date of the PTPH"


def test_dates_are_written_out() -> None:
    assert day_in_words(date(1996, 5, 14)) == "14 May 1996"
    assert day_in_words(date(2026, 9, 4), short=True) == "4 Sept 2026"
    assert day_in_words(date(2026, 12, 7), short=True) == "7 Dec 2026"
    assert govuk_date(date(1996, 5, 14)) == "14 May 1996"
    assert govuk_date(None) == ""


@pytest.mark.parametrize(
    ("utc", "words"),
    [
        (datetime(2026, 1, 5, 9, 30, tzinfo=UTC), "9:30am"),  # GMT
        (datetime(2026, 7, 5, 16, 0, tzinfo=UTC), "5pm"),  # BST: an hour ahead
        (datetime(2026, 1, 5, 12, 0, tzinfo=UTC), "midday"),
        (datetime(2026, 1, 5, 0, 0, tzinfo=UTC), "midnight"),
        (datetime(2026, 1, 5, 0, 5, tzinfo=UTC), "12:05am"),
    ],
)
def test_times_are_in_the_twelve_hour_clock_in_london(utc: datetime, words: str) -> None:
    assert time_in_words(utc) == words


def test_a_moment_is_its_day_at_its_time() -> None:
    late = datetime(2026, 7, 5, 23, 30, tzinfo=UTC)  # 12:30am the next day in London
    assert moment_in_words(late) == "6 July 2026 at 12:30am"
    assert govuk_datetime(late, "short") == "6 Jul 2026 at 12:30am"
