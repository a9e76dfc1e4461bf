"""The scorecards API: the same figures and rules as the pages, aggregates only, scoped to the user's Area."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from accounts.roles import Role
from scorecards.journey_import import import_lines
from scorecards.measures import CONTRACT_IDS
from tests.scorecards.test_scorecard_measures import Q1, history

pytestmark = pytest.mark.django_db


@pytest.fixture
def journeys() -> None:
    import_lines(history())


def test_measures_periods_and_places(client_of: Callable[..., Client]) -> None:
    analyst = client_of(Role.ANALYST)
    measures = analyst.get("/api/v1/scorecards/measures/").json()
    assert {m["measure_id"] for m in measures if m["in_version_1"] == "yes"} == set(CONTRACT_IDS)
    periods = analyst.get("/api/v1/scorecards/periods/").json()
    assert periods[0]["is_quarter"] is True
    assert periods[1]["period"].startswith("12m to ")
    places = analyst.get("/api/v1/scorecards/places/").json()
    assert places[0] == {"key": "national", "name": "England and Wales", "level": "national", "cps_area": "",
                         "police_force": ""}  # fmt: skip
    area = client_of(Role.UNIT_HEAD, cps_area="North East").get("/api/v1/scorecards/places/").json()
    assert {place["cps_area"] for place in area} == {"North East"}


def test_figures_are_the_pages_figures(journeys: None, client_of: Callable[..., Client]) -> None:
    analyst = client_of(Role.ANALYST)
    rows = analyst.get("/api/v1/scorecards/figures/", {"period": "2024-25 Q1", "place": "national"}).json()
    by_id = {row["measure_id"]: row for row in rows}
    for measure_id, (numerator, denominator, value) in Q1.items():
        assert (by_id[measure_id]["numerator"], by_id[measure_id]["denominator"]) == (numerator, denominator)
        assert by_id[measure_id]["value"] == (None if value is None else pytest.approx(value))
    assert {row["suppressed"] for row in rows} == {False}


def test_bad_input_and_scope(journeys: None, client_of: Callable[..., Client]) -> None:
    area_analyst = client_of(Role.ANALYST, cps_area="North East")
    bad = area_analyst.get("/api/v1/scorecards/figures/", {"period": "2024 Q1"})
    assert bad.status_code == 400
    assert bad.json()["period"][0].startswith("Enter a quarter like")
    assert (
        area_analyst.get("/api/v1/scorecards/figures/", {"period": "2024-25 Q1", "place": "national"}).status_code
        == 404
    )
    everything = area_analyst.get("/api/v1/scorecards/figures/", {"period": "2024-25 Q1"}).json()
    assert {row["cps_area"] for row in everything} == {"North East"}
    investigator = client_of(Role.INVESTIGATOR, police_force="Northumbria Police")
    assert investigator.get("/api/v1/scorecards/figures/", {"period": "2024-25 Q1"}).status_code == 403
    assert investigator.get("/api/v1/scorecards/snapshots/").status_code == 403
    assert Client().get("/api/v1/scorecards/measures/").status_code == 401
