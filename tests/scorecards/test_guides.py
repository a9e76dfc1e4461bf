"""The typical durations the complainant's own view shows are the scorecard engine's figures for the same place and
year, with quartiles worked out here by hand on a small set of journeys imported as police and CPS systems send them.

Days from first referral to charge, all within the last year:

- West Yorkshire Police (Yorkshire and Humberside): six suspects, 10, 20, 30, 40, 50 and 100 days; and one charged
  more than a year ago (outside the year). Each is sent to the Crown Court and pleads guilty 31, 62, 93, 124, 155 and
  186 days after the charge.
- Humberside Police (Yorkshire and Humberside): one suspect, 70 days.
- Northumbria Police (North East): one suspect, 5 days.

Quartiles by linear interpolation (spreadsheets' QUARTILE.INC): of n ranked amounts, the one at position
1 + (n - 1) * q, between the two nearest when it falls between them.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from cases.models import Case
from scorecards import compute
from scorecards.compute import NATIONAL, Place
from scorecards.guides import GUIDES, typical_duration
from scorecards.journey_import import import_lines
from scorecards.measures import BY_ID
from scorecards.models import DisclosureRule
from scorecards.periods import rolling_year
from tests.journeys import line, reported

WYP, HUMBERSIDE, NORTHUMBRIA = "West Yorkshire Police", "Humberside Police", "Northumbria Police"
YORKSHIRE, NORTH_EAST = "Yorkshire and Humberside", "North East"
REFERRED_DAYS_AGO = 330


def _charged(
    urn: str, *, force: str, area: str, referred_on: date, days: int, completed_after: int = 0
) -> list[bytes]:
    charged_on = referred_on + timedelta(days=days)
    lines = [
        reported(urn, (referred_on - timedelta(days=30)).isoformat(), force=force, area=area),
        line("suspect_added", urn=urn, suspect="S1"),
        line("referral_received", urn=urn, suspect="S1", date=referred_on.isoformat(), kind="charging_decision"),
        line("decision", urn=urn, suspect="S1", date=charged_on.isoformat(), outcome="charge", test="full_code"),
    ]
    if completed_after:
        completed_on = (charged_on + timedelta(days=completed_after)).isoformat()
        lines += [
            line("hearing", urn=urn, suspect="S1", date=completed_on, court="crown", kind="ptph"),
            line("plea", urn=urn, suspect="S1", date=completed_on, plea="guilty"),
            line("outcome", urn=urn, suspect="S1", date=completed_on, result="guilty_plea"),
        ]
    return lines


@pytest.fixture
def journeys(db: None) -> date:
    today = timezone.localdate()
    referred_on = today - timedelta(days=REFERRED_DAYS_AGO)
    lines: list[bytes] = []
    for n, (days, after) in enumerate(zip((10, 20, 30, 40, 50, 100), (31, 62, 93, 124, 155, 186), strict=True)):
        lines += _charged(f"13AA00000{n:02d}", force=WYP, area=YORKSHIRE, referred_on=referred_on, days=days,
                          completed_after=after)  # fmt: skip
    lines += _charged("13AA0000099", force=WYP, area=YORKSHIRE, referred_on=today - timedelta(days=500), days=1)
    lines += _charged("16AA0000001", force=HUMBERSIDE, area=YORKSHIRE, referred_on=referred_on, days=70)
    lines += _charged("10AA0000001", force=NORTHUMBRIA, area=NORTH_EAST, referred_on=referred_on, days=5)
    import_lines(lines)
    return today


def _case(urn: str) -> Case:
    return Case.objects.select_related("cps_area", "police_force").get(urn=urn)


def _place(case: Case, *, force: bool) -> Place:
    area = case.cps_area
    if not force:
        return Place(area.pk, area.name)
    return Place(area.pk, area.name, case.police_force_id, case.police_force.name)


def test_the_force_guide_is_the_scorecard_figure_with_its_quartiles(journeys: date) -> None:
    case = _case("13AA0000000")
    guide = typical_duration("to_charge", case)
    assert guide is not None
    place = _place(case, force=True)
    assert guide.place == place
    # Six amounts 10 … 100: positions 2.25, 3.5 and 4.75.
    assert (guide.lower, guide.median, guide.upper, guide.counted) == (22.5, 35.0, 47.5, 6)
    published = compute.figure(BY_ID["median_days_to_charge"], rolling_year(journeys), place)
    assert published.value == guide.median
    assert published.denominator == guide.counted
    assert guide.range_in_words == "between 3 and 7 weeks"
    assert guide.in_words == (
        "When there is a charge, it usually comes between 3 and 7 weeks after the police first ask the CPS."
    )
    assert guide.source_in_words == (
        "This is only a guide. It comes from our figures for cases of West Yorkshire Police over the last year."
    )


def test_charge_to_completion_is_the_published_measure(journeys: date) -> None:
    case = _case("13AA0000000")
    guide = typical_duration("charge_to_completion", case)
    assert guide is not None
    # Six amounts 31 … 186, 31 apart: positions 2.25, 3.5 and 4.75.
    assert (guide.lower, guide.median, guide.upper) == (69.75, 108.5, 147.25)
    published = compute.figure(BY_ID["median_days_charge_to_completion"], rolling_year(journeys), guide.place)
    assert published.value == guide.median
    assert guide.range_in_words == "between 2 and 5 months"


def test_too_few_in_the_force_falls_back_to_the_area(journeys: date) -> None:
    case = _case("16AA0000001")  # Humberside Police: one suspect charged
    guide = typical_duration("to_charge", case)
    assert guide is not None
    assert guide.place == _place(case, force=False)
    # Seven amounts 10, 20, 30, 40, 50, 70, 100: positions 2.5, 4 and 5.5.
    assert (guide.lower, guide.median, guide.upper, guide.counted) == (25.0, 40.0, 60.0, 7)
    assert compute.figure(BY_ID["median_days_to_charge"], rolling_year(journeys), guide.place).value == guide.median
    assert "cases in Yorkshire and Humberside" in guide.source_in_words


def test_too_few_in_the_area_falls_back_to_england_and_wales(journeys: date) -> None:
    guide = typical_duration("to_charge", _case("10AA0000001"))
    assert guide is not None
    assert guide.place == NATIONAL
    # Eight amounts 5, 10, 20, 30, 40, 50, 70, 100: positions 2.75, 4.5 and 6.25.
    assert (guide.lower, guide.median, guide.upper, guide.counted) == (17.5, 35.0, 55.0, 8)
    assert compute.figure(BY_ID["median_days_to_charge"], rolling_year(journeys), NATIONAL).value == guide.median
    assert "all cases in England and Wales" in guide.source_in_words


def test_the_small_number_rule_decides_when_there_is_no_guide(journeys: date) -> None:
    case = _case("13AA0000000")
    DisclosureRule.objects.update_or_create(pk=1, defaults={"threshold": 9})
    assert typical_duration("to_charge", case) is None  # eight in England and Wales, fewer than nine
    DisclosureRule.objects.filter(pk=1).update(threshold=8)
    guide = typical_duration("to_charge", case)
    assert guide is not None
    assert guide.place == NATIONAL


def test_a_guide_without_journeys_gives_no_figure(journeys: date) -> None:
    assert typical_duration("sentence", _case("13AA0000000")) is None


def test_unpublished_guides_measure_what_they_say(journeys: date) -> None:
    case = _case("13AA0000000")
    decision = typical_duration("charging_decision", case)  # the referral for a charging decision to the decision
    assert decision is not None
    assert (decision.lower, decision.median, decision.upper) == (22.5, 35.0, 47.5)
    investigation = typical_duration("investigation", case)  # each case reported 30 days before its referral
    assert investigation is not None
    assert (investigation.lower, investigation.upper) == (30.0, 30.0)
    assert investigation.range_in_words == "between 4 and 5 weeks"


def test_every_guide_names_its_range() -> None:
    for guide in GUIDES.values():
        assert "%(range)s" in str(guide.sentence)
