"""Published snapshots: freezing a quarter, downloads that never change afterwards, and the small-number rule with
secondary suppression, such that no withheld figure can be recovered from the totals."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Callable
from datetime import date

import pytest
import time_machine
from django.test import Client

from accounts.models import User
from accounts.roles import Role
from scorecards import compute
from scorecards.compute import Figure, Place
from scorecards.journey_import import import_lines
from scorecards.measures import BY_ID
from scorecards.models import DisclosureRule, Snapshot
from scorecards.periods import parse_period
from scorecards.suppression import withheld
from tests.clients import post_json, signed_in
from tests.journeys import line, reported
from tests.scorecards.test_scorecard_measures import history
from tests.spreadsheets import ods_sheets

pytestmark = pytest.mark.django_db
Q1 = parse_period("2024-25 Q1")


def _places() -> dict[str, Place]:
    return {place.name: place for place in compute.places()}


def _counts(measure_id: str, numerators: dict[str, int], denominators: dict[str, int] | None = None) -> list[Figure]:
    """Figures for every place: the named forces' counts, added up for their Areas and the nation."""
    measure = BY_ID[measure_id]
    places = compute.places()
    figures = []
    for place in places:
        within = [p for p in places if p.force_id is not None and place.contains(p.area_id, p.force_id)]
        numerator = sum(numerators.get(p.name, 0) for p in within)
        denominator = sum((denominators or {}).get(p.name, 0) for p in within) if denominators is not None else None
        figures.append(Figure(measure, Q1, place, numerator, denominator, numerator))
    return figures


WEST_YORKSHIRE = "West Yorkshire Police (Yorkshire and Humberside)"
HUMBERSIDE = "Humberside Police (Yorkshire and Humberside)"
SOUTH_YORKSHIRE = "South Yorkshire Police (Yorkshire and Humberside)"
NORTHUMBRIA = "Northumbria Police (North East)"


def _hidden(figures: list[Figure]) -> set[str]:
    return {place.name for _, place in withheld(figures, threshold=5)}


def test_a_small_count_and_the_next_smallest_beside_it_are_withheld() -> None:
    figures = _counts("legal_decisions", {WEST_YORKSHIRE: 3, HUMBERSIDE: 7, SOUTH_YORKSHIRE: 10, NORTHUMBRIA: 40})
    assert _hidden(figures) == {WEST_YORKSHIRE, HUMBERSIDE}, "3 is small; 7 hides it from the Area's 20"


def test_a_small_area_withholds_another_area_so_the_nation_does_not_reveal_it() -> None:
    figures = _counts("legal_decisions", {WEST_YORKSHIRE: 2, HUMBERSIDE: 1, NORTHUMBRIA: 50})
    assert _hidden(figures) == {WEST_YORKSHIRE, HUMBERSIDE, "Yorkshire and Humberside", "North East", NORTHUMBRIA}


def test_with_nothing_else_beside_it_the_total_is_withheld() -> None:
    figures = _counts("legal_decisions", {WEST_YORKSHIRE: 3, NORTHUMBRIA: 3})
    hidden = _hidden(figures)
    assert {WEST_YORKSHIRE, "Yorkshire and Humberside", NORTHUMBRIA, "North East"} <= hidden
    assert "England and Wales" not in hidden, "six, from two withheld Areas, reveals neither"


def test_measures_that_share_a_count_are_withheld_in_the_same_places() -> None:
    decisions = _counts("legal_decisions", {WEST_YORKSHIRE: 9, HUMBERSIDE: 8, SOUTH_YORKSHIRE: 20})
    charges = _counts("charge_rate", {WEST_YORKSHIRE: 2, HUMBERSIDE: 6, SOUTH_YORKSHIRE: 12},
                      {WEST_YORKSHIRE: 9, HUMBERSIDE: 8, SOUTH_YORKSHIRE: 20})  # fmt: skip
    hidden = withheld([*decisions, *charges], threshold=5)
    by_measure = defaultdict(set)
    for measure_id, place in hidden:
        by_measure[measure_id].add(place.name)
    assert by_measure["charge_rate"] == {WEST_YORKSHIRE, HUMBERSIDE}, "2 charged is small; 6 hides it"
    assert by_measure["legal_decisions"] == by_measure["charge_rate"], "else 9 and 8 decisions reveal the rate's"


def _rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode())))


def _recoverable(rows: list[dict[str, str]]) -> list[str]:
    """Withheld figures that a published total minus its other published parts would give away."""
    found = []
    by_measure: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_measure[row["measure_id"]].append(row)
    for measure_id, measure_rows in by_measure.items():
        groups = {"": [r for r in measure_rows if r["cps_area"] and not r["police_force"]]}
        for area in {r["cps_area"] for r in measure_rows if r["cps_area"]}:
            groups[area] = [r for r in measure_rows if r["cps_area"] == area and r["police_force"]]
        for total_area, parts in groups.items():
            total = next(r for r in measure_rows if r["cps_area"] == total_area and not r["police_force"])
            hidden = [p for p in parts if p["suppressed"] == "true"]
            if total["suppressed"] == "false" and len(hidden) == 1:
                found.append(f"{measure_id}: {hidden[0]['cps_area']} {hidden[0]['police_force']}")
    return found


@pytest.fixture
def national_analyst(user_of: Callable[..., User]) -> Client:
    import_lines(history())
    return signed_in(user_of(Role.ANALYST))


PUBLISHING_DAY = date(2024, 10, 2)


def _on_publishing_day(client: Client) -> Client:
    """The client's user in a session of their own on the publishing day: a session saved two years back would have
    expired when the test comes back to the present, as it would for a person."""
    return signed_in(User.objects.get(pk=client.session["_auth_user_id"]))


def _publish(client: Client, period: str) -> Snapshot:
    with time_machine.travel(PUBLISHING_DAY):
        response = _on_publishing_day(client).post("/scorecards/publish/", {"period": period, "confirmed": "yes"})
    assert response.status_code == 302
    return Snapshot.objects.get(period=period)


def test_publishing_asks_first_and_then_freezes_the_quarter(national_analyst: Client) -> None:
    form = national_analyst.get("/scorecards/publish/").content.decode()
    assert '<option value="2024-25 Q1"' not in form, "only the last eight quarters are offered"
    with time_machine.travel(PUBLISHING_DAY):
        asked = _on_publishing_day(national_analyst).post("/scorecards/publish/", {"period": "2024-25 Q1"})
    assert "Are you sure?" in asked.content.decode()
    assert "cannot be changed or published again" in asked.content.decode()
    assert not Snapshot.objects.exists()
    snapshot = _publish(national_analyst, "2024-25 Q1")
    assert snapshot.threshold == 5
    assert {d["measure_id"] for d in snapshot.definitions} >= {"charge_rate", "conviction_rate"}
    listed = national_analyst.get("/scorecards/").content.decode()
    assert f"/scorecards/published/{snapshot.pk}/published.csv" in listed


def test_a_published_quarter_never_changes(national_analyst: Client) -> None:
    snapshot = _publish(national_analyst, "2024-25 Q1")
    urls = [
        f"/scorecards/published/{snapshot.pk}/{version}.{extension}"
        for version in ("published", "internal")
        for extension in ("csv", "xlsx", "ods")
    ]

    def downloaded() -> list[object]:
        """The files' bytes; an ODS's cells (odfpy orders its namespace declarations differently each time)."""
        return [
            ods_sheets(content) if url.endswith(".ods") else content
            for url in urls
            for content in [national_analyst.get(url).content]
        ]

    before = downloaded()
    import_lines(
        [
            reported("13AA0000009", "2024-04-02"),
            line("suspect_added", urn="13AA0000009", suspect="S1"),
            line("referral_received", urn="13AA0000009", suspect="S1", date="2024-04-03", kind="charging_decision"),
            line("decision", urn="13AA0000009", suspect="S1", date="2024-05-01", outcome="charge", test="full_code"),
        ]
    )
    DisclosureRule.objects.update(threshold=10)
    assert downloaded() == before
    now = national_analyst.get("/scorecards/scorecard.csv", {"period": "2024-25 Q1"}).content
    live = {r["measure_id"]: r for r in _rows(now) if not r["cps_area"]}
    assert live["legal_decisions"]["value"] == "4", "the live figures move on"


def test_the_published_version_withholds_small_numbers_and_nothing_can_be_recovered(national_analyst: Client) -> None:
    snapshot = _publish(national_analyst, "2024-25 Q1")
    published = _rows(national_analyst.get(f"/scorecards/published/{snapshot.pk}/published.csv").content)
    internal = _rows(national_analyst.get(f"/scorecards/published/{snapshot.pk}/internal.csv").content)
    assert len(published) == len(internal)
    hidden = [r for r in published if r["suppressed"] == "true"]
    assert hidden, "the hand-built journeys are small numbers"
    assert all((r["numerator"], r["denominator"], r["value"]) == ("", "", "") for r in hidden)
    assert all(r["suppressed"] == "false" for r in internal)
    national = {r["measure_id"]: r for r in published if not r["cps_area"]}
    assert national["legal_decisions"]["suppressed"] == "true", "3 decisions is below 5"
    assert national["charge_rate"]["suppressed"] == "true", "a rate over the same small count"
    assert national["action_plans_set"]["suppressed"] == "true"
    assert national["completed_prosecutions"]["value"] == "0", "0 is shown"
    assert _recoverable(published) == []


def test_only_national_analysts_and_administrators_publish(client_of: Callable[..., Client]) -> None:
    with time_machine.travel(PUBLISHING_DAY):
        for role, organisation in ((Role.ANALYST, {"cps_area": "North East"}), (Role.UNIT_HEAD, {})):
            client = client_of(role, **organisation)
            assert client.get("/scorecards/publish/").status_code == 403
            assert post_json(client, "/api/v1/scorecards/snapshots/", {"period": "2024-25 Q1"}).status_code == 403
        administrator = client_of(Role.ADMINISTRATOR)
        assert post_json(administrator, "/api/v1/scorecards/snapshots/", {"period": "2024-25 Q1"}).status_code == 201
        again = post_json(administrator, "/api/v1/scorecards/snapshots/", {"period": "2024-25 Q1"})
        assert again.status_code == 400
        assert again.json()["period"][0].startswith("2024-25 Q1 was published on")
        unfinished = post_json(administrator, "/api/v1/scorecards/snapshots/", {"period": "2024-25 Q3"})
        assert unfinished.json() == {"period": ["2024-25 Q3 has not ended yet: publish it from 31 December 2024."]}
        rolling = post_json(administrator, "/api/v1/scorecards/snapshots/", {"period": "12m to 2024-06-30"})
        assert rolling.json() == {"period": ["Publish a financial-year quarter, such as 2024-25 Q1."]}
    assert Snapshot.objects.count() == 1


def test_an_areas_people_read_their_areas_rows_of_a_snapshot(
    national_analyst: Client, client_of: Callable[..., Client]
) -> None:
    snapshot = _publish(national_analyst, "2024-25 Q1")
    unit_head = client_of(Role.UNIT_HEAD, cps_area="North East")
    rows = _rows(unit_head.get(f"/scorecards/published/{snapshot.pk}/internal.csv").content)
    assert {r["cps_area"] for r in rows} == {"North East"}
    api = unit_head.get(f"/api/v1/scorecards/snapshots/{snapshot.pk}/", {"version": "internal"}).json()
    assert {row["cps_area"] for row in api["figures"]} == {"North East"}
    assert unit_head.get("/api/v1/scorecards/snapshots/").json()["results"][0]["period"] == "2024-25 Q1"


def test_the_administrator_sets_the_small_number_rule_that_publishing_uses(
    national_analyst: Client, user_of: Callable[..., User]
) -> None:
    administrator = signed_in(user_of(Role.ADMINISTRATOR, is_staff=True, is_superuser=True))
    rule = DisclosureRule.objects.get()
    assert rule.threshold == 5, "DOMAIN.md's default"
    changed = administrator.post(f"/admin/scorecards/disclosurerule/{rule.pk}/change/", {"threshold": "2"})
    assert changed.status_code == 302
    assert administrator.get("/admin/scorecards/snapshot/").status_code == 200
    assert administrator.get("/admin/scorecards/journeyimport/").status_code == 200
    snapshot = _publish(national_analyst, "2024-25 Q1")
    assert snapshot.threshold == 2
    published = {
        r["measure_id"]: r
        for r in _rows(national_analyst.get(f"/scorecards/published/{snapshot.pk}/published.csv").content)
        if not r["cps_area"]
    }
    assert published["legal_decisions"]["value"] == "3", "3 is not below 2: shown"
    assert published["prfi_early_advice"]["suppressed"] == "true", "1 is below 2: withheld"
