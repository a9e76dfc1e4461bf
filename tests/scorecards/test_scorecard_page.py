"""The scorecard page as an analyst reads it: a contents list of its sections, the chosen period, place and breakdown
at the top with the form to change them, each figure as its readers expect (a rate as a percentage, days as days, a
count as a whole number) with the exact numerator and denominator beside it, and definitions in plain English with no
table or column names. The figures are the hand-worked journeys of test_scorecard_measures."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape

import pytest

from accounts.models import User
from accounts.roles import Role
from scorecards.journey_import import import_lines
from scorecards.measures import MEASURES
from tests.clients import signed_in
from tests.scorecards.test_scorecard_measures import history

# An identifier as code names things: words joined by underscores (``cases_referral``, ``charge_rate``).
IDENTIFIER = re.compile(r"\b[A-Za-z0-9]+_[A-Za-z0-9_]+\b")


@pytest.fixture
def journeys(db: None) -> None:
    import_lines(history())


def _page(user_of: Callable[..., User], **choice: str) -> str:
    response = signed_in(user_of(Role.ANALYST)).get("/scorecards/", {"place": "national", **choice})
    assert response.status_code == 200
    return response.content.decode()


def _text(html: str) -> str:
    """What a reader sees of some markup: its text, with runs of white space as one space."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _measure(page: str, measure_id: str) -> str:
    """The text of one measure's section: its heading, figure and what it was worked out from."""
    start = page.index(f'id="measure-{measure_id}"')
    return _text(page[start : page.index("</section>", start)])


def _figure_line(page: str, measure_id: str) -> str:
    start = page.index(f'id="measure-{measure_id}"')
    start = page.index('class="govuk-body app-measure__figure"', start)
    return _text(page[start : page.index("</p>", start)].split(">", 1)[1])


def test_the_contents_list_links_to_every_section_of_the_page(journeys: None, user_of: Callable[..., User]) -> None:
    page = _page(user_of, period="2024-25 Q1", breakdown="suspect_sex")
    nav = page[page.index('<nav class="app-contents-list"') : page.index("</nav>", page.index("app-contents-list"))]
    links = re.findall(r'<a class="govuk-link" href="#([^"]+)">([^<]+)</a>', nav)
    assert [title for _, title in links] == [
        "Download this scorecard",
        "By suspect: sex",
        "From report to conviction",
        "Referrals and charging",
        "Action plans and PRFI",
        "Court",
        "Victims",
        "Police NFAs by Home Office outcome",
        "Published scorecards",
    ]
    for anchor, title in links:
        heading = re.search(rf'<h2 [^>]*id="{anchor}"[^>]*>([^<]+)</h2>', page)
        assert heading, f"the contents link to {title!r} goes nowhere"
        assert heading.group(1) == title
    # The contents come before every section they list, the breakdown before the measures.
    assert page.index("app-contents-list") < page.index('id="download"') < page.index('id="breakdown"')
    assert page.index('id="breakdown"') < page.index('id="group-referrals-and-charging"')


def test_the_choice_is_shown_at_the_top_with_the_form_to_change_it(
    journeys: None, user_of: Callable[..., User]
) -> None:
    page = _page(user_of, period="2024-25 Q1", breakdown="suspect_sex")
    summary = _text(
        page[page.index("app-scorecard-summary") : page.index("</dl>", page.index("app-scorecard-summary"))]
    )
    assert "Period 2024-25 Q1 (1 April 2024 to 30 June 2024)" in summary
    assert "Place England and Wales" in summary
    assert "Breakdown By suspect: sex" in summary
    form = page.index('class="app-scorecard-choice"')
    assert page.index("app-scorecard-summary") < form < page.index("app-contents-list") < page.index("app-measure")
    assert "Change the period, place or breakdown" in _text(page[form : page.index("</form>", form)])

    without = _page(user_of, period="2024-25 Q1")
    assert "Breakdown No breakdown" in _text(without)
    assert "By suspect: sex" not in _text(without)


def test_rates_are_percentages_with_their_numerator_and_denominator(
    journeys: None, user_of: Callable[..., User]
) -> None:
    page = _page(user_of, period="2024-25 Q1")
    assert _figure_line(page, "charge_rate") == "66.7% 2 of 3 suspects with a legal decision in the period"
    assert _figure_line(page, "judge_directions_on_time") == "50.0% 1 of 2 directions due in the period"
    assert _figure_line(page, "survey_listened_to_in_court") == "75.0% 3 of 4 responses in the period"
    # No denominator, no rate: said so, not shown as 0%.
    assert _figure_line(page, "conviction_rate") == "– No completed prosecutions in the period in 2024-25 Q1"


def test_days_are_days_and_counts_whole_numbers(journeys: None, user_of: Callable[..., User]) -> None:
    q1 = _page(user_of, period="2024-25 Q1")
    assert _figure_line(q1, "mean_days_to_charge") == "73 days 146 days in all, over 2 suspects charged in the period"
    assert _figure_line(q1, "median_days_to_charge") == "73 days the middle value of 2 suspects charged in the period"
    assert _figure_line(q1, "legal_decisions") == "3 suspects with a decision in the period"
    assert _figure_line(q1, "consultations_per_suspect") == (
        "1.67 5 referrals in all, over 3 suspects with a decision in the period"
    )
    q2 = _page(user_of, period="2024-25 Q2")
    assert _figure_line(q2, "median_days_charge_to_completion").startswith("154 days ")
    # The chart writes each quarter's figure the same way, beside its label.
    assert "2024-25 Q2 154 days" in _measure(q2, "median_days_charge_to_completion")


def test_definitions_are_plain_english(journeys: None, user_of: Callable[..., User]) -> None:
    for measure in MEASURES:
        for wording in (measure.definition, measure.numerator, measure.denominator):
            assert "Reads" not in wording, measure.id
            assert "cases_" not in wording, measure.id
            assert not IDENTIFIER.search(wording), f"{measure.id}: {wording}"
    page = _page(user_of, period="2024-25 Q1")
    shown = re.findall(r'<p class="govuk-body app-measure__definition-text">(.*?)</p>', page, re.DOTALL)
    assert len(shown) == len(MEASURES)
    for text in shown:
        assert "Reads" not in text
        assert not IDENTIFIER.search(text), text
    assert "Reads" not in _text(page)
    assert "cases_" not in page
    charge_rate = _measure(page, "charge_rate")
    assert (
        "The figure is the suspects charged in the period as a percentage of the suspects with a legal decision in "
        "the period." in charge_rate
    )


@pytest.mark.parametrize("period", ["2024-25 Q1", "12m to 2024-09-30"])
def test_every_measure_has_a_chart_with_a_line_per_quarter(
    period: str, journeys: None, user_of: Callable[..., User]
) -> None:
    page = _page(user_of, period=period)
    charts = re.findall(r'<ol class="govuk-list app-bars">(.*?)</ol>', page, re.DOTALL)
    assert len(charts) == len(MEASURES)
    assert all(chart.count('class="app-bars__item"') == 8 for chart in charts)
