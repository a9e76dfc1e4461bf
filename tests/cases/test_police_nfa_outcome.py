"""A police NFA carries its Home Office crime outcome code (DOMAIN.md, "NFA and scrutiny"): the service refuses a
decision without one, the page and the API record it, the scrutiny pack shows it, and the scorecards break police
NFAs down by it, with small numbers withheld and each reader's scope kept."""

import csv
import io
from collections.abc import Callable
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from accounts.models import User
from accounts.roles import Role
from cases.models import Case, PoliceNfa, Suspect, TimelineEvent
from cases.models.precharge import CrimeOutcome
from cases.services.precharge import record_police_nfa, refer_back_for_review
from cases.transitions import SuspectStatus
from scorecards import compute
from scorecards.compute import Place
from scorecards.models import DisclosureRule
from scorecards.periods import parse_period
from scorecards.police_outcomes import PoliceOutcomes, police_nfa_outcomes
from tests.clients import date_fields, post_json, signed_in
from tests.factories import area, force, make_case

pytestmark = pytest.mark.django_db

AREA = "Yorkshire and Humberside"
WEST, SOUTH = "West Yorkshire Police", "South Yorkshire Police"
NORTH_EAST, NORTHUMBRIA = "North East", "Northumbria Police"
SELECT = "Select the Home Office outcome"
DAY = date(2025, 5, 6)  # in 2025-26 Q1
Q1 = parse_period("2025-26 Q1")
NAME = "Peregrine Ashdown-Mbeki"


@pytest.fixture
def suspect(officer: User) -> Suspect:
    return Suspect.objects.get(
        case=make_case(police_force=WEST, officer_in_charge=officer, reported_on=date(2025, 1, 2))
    )


# The service holds the rule


@pytest.mark.parametrize("code", ["", "11", "17", "99", "outcome 16", " 16"])
def test_the_service_refuses_a_missing_or_unknown_outcome(officer: User, suspect: Suspect, code: str) -> None:
    with pytest.raises(ValidationError) as refused:
        record_police_nfa(actor=officer, suspect=suspect, nfa_on=DAY, outcome_code=code, reason="Withdrew support")
    assert refused.value.message_dict == {"outcome_code": [SELECT]}
    suspect.refresh_from_db()
    assert suspect.status == SuspectStatus.WITH_POLICE
    assert not PoliceNfa.objects.exists()


def test_the_service_records_the_outcome_and_names_it_in_the_timeline(officer: User, suspect: Suspect) -> None:
    nfa = record_police_nfa(actor=officer, suspect=suspect, nfa_on=DAY, outcome_code="16", reason="Withdrew support")
    assert PoliceNfa.objects.get(pk=nfa.pk).outcome_code == CrimeOutcome.OUTCOME_16
    event = TimelineEvent.objects.get(suspect=suspect, verb="police_nfa")
    assert event.summary == (
        "No further action by police for Suspect 1 (Home Office outcome 16: named suspect, victim does not support or "
        "has withdrawn support)"
    )


# The page and the API


def _page(suspect: Suspect) -> str:
    return f"/cases/{suspect.case_id}/suspects/{suspect.pk}/police-nfa/"


def test_the_page_asks_for_the_outcome_as_radios_and_records_it(officer: User, suspect: Suspect) -> None:
    client = signed_in(officer)
    form = client.get(_page(suspect)).content.decode()
    for value, label in CrimeOutcome.choices:
        assert f'name="outcome_code" type="radio" value="{value}"' in form
        assert f">{label}</label>" in form
    typed = {**date_fields("nfa_on", DAY), "reason": "Withdrew support"}

    missing = client.post(_page(suspect), {**typed, "confirmed": "yes"}).content.decode()
    assert f'<a href="#id_outcome_code_0">{SELECT}</a>' in missing
    unknown = client.post(_page(suspect), {**typed, "outcome_code": "11", "confirmed": "yes"}).content.decode()
    assert SELECT in unknown
    assert not PoliceNfa.objects.exists()

    confirm = client.post(_page(suspect), {**typed, "outcome_code": "16"}).content.decode()
    assert "Are you sure?" in confirm
    assert "(Home Office outcome 16: named suspect, victim does not support or has withdrawn support)" in confirm
    assert not PoliceNfa.objects.exists()
    done = client.post(_page(suspect), {**typed, "outcome_code": "16", "confirmed": "yes"})
    assert done["Location"] == f"/cases/{suspect.case_id}/"
    assert PoliceNfa.objects.get(suspect=suspect).outcome_code == "16"
    timeline = client.get(f"/cases/{suspect.case_id}/timeline/").content.decode()
    assert "Home Office outcome 16: named suspect" in timeline


def test_the_api_requires_a_known_outcome_and_records_it(officer: User, suspect: Suspect) -> None:
    client = signed_in(officer)
    url = f"/api/v1/suspects/{suspect.pk}/police-nfa/"
    body = {"nfa_on": str(DAY), "reason": "Suspect not identified; victim does not support"}
    for refused in (body, {**body, "outcome_code": ""}, {**body, "outcome_code": "11"}):
        answer = post_json(client, url, refused)
        assert (answer.status_code, answer.json()) == (400, {"outcome_code": [SELECT]})
    assert not PoliceNfa.objects.exists()
    recorded = post_json(client, url, {**body, "outcome_code": "14"})
    assert recorded.status_code == 201, recorded.json()
    assert recorded.json()["status"] == SuspectStatus.POLICE_NFA
    assert PoliceNfa.objects.get(suspect=suspect).outcome_code == "14"


def test_the_scrutiny_pack_shows_the_outcome(officer: User, suspect: Suspect, user_of: Callable[..., User]) -> None:
    record_police_nfa(actor=officer, suspect=suspect, nfa_on=DAY, outcome_code="15", reason="No further lines")
    head = signed_in(user_of(Role.UNIT_HEAD, cps_area=AREA))
    panel = post_json(
        head, "/api/v1/scrutiny-panels/", {"meets_on": "2025-07-01", "forces": [force(WEST).pk], "members": "Panel"}
    ).json()
    sample = post_json(
        head,
        f"/api/v1/scrutiny-panels/{panel['id']}/samples/",
        {"period_from": "2025-04-01", "period_to": "2025-06-30", "per_force": 6, "seed": 1},
    ).json()
    page = head.get(f"/scrutiny/samples/{sample['id']}/pack/").content.decode()
    assert "No further action by police (Home Office outcome 15: named suspect, victim supports action" in page


# The scorecards' breakdown


def _nfa(
    officer: User, *, police_force: str = WEST, cps_area: str = AREA, code: str, on: date = DAY, name: str = ""
) -> Suspect:
    case = make_case(police_force=police_force, cps_area=cps_area, reported_on=date(2025, 1, 2))
    suspect = Suspect.objects.get(case=case)
    if name:
        Suspect.objects.filter(pk=suspect.pk).update(name=name)
    if code == "":  # an imported history without the outcome, written as the journey import writes it
        PoliceNfa.objects.create(suspect=suspect, nfa_on=on, reason="Not recorded", recorded_by=officer)
        return suspect
    actor = officer if officer.police_force_id == case.police_force_id else _officer_of(case)
    record_police_nfa(actor=actor, suspect=suspect, nfa_on=on, outcome_code=code, reason="No further lines")
    return suspect


def _officer_of(case: Case) -> User:
    officer = User.objects.filter(role=Role.INVESTIGATOR, police_force=case.police_force).first()
    assert officer is not None
    return officer


@pytest.fixture
def breakdown_world(officer: User, user_of: Callable[..., User]) -> dict[str, Case]:
    """The hand-worked example of ``test_the_breakdown_counts_suspects_by_their_latest_outcome``."""
    user_of(Role.INVESTIGATOR, police_force=SOUTH)
    user_of(Role.INVESTIGATOR, police_force=NORTHUMBRIA)
    head = user_of(Role.UNIT_HEAD, cps_area=AREA)
    west = {
        "14": [_nfa(officer, code="14", name=NAME)],
        "15": [_nfa(officer, code="15") for _ in range(3)],
        "16": [_nfa(officer, code="16") for _ in range(3)],
        "": [_nfa(officer, code="")],
    }
    # NFA'd under 15, referred back by the scrutiny panel, then NFA'd again under 16: counted once, under 16.
    twice = _nfa(officer, code="15", on=date(2025, 4, 10))
    refer_back_for_review(actor=head, suspect=twice, on=date(2025, 4, 20), reason="Could be built")
    record_police_nfa(actor=officer, suspect=twice, nfa_on=date(2025, 6, 2), outcome_code="16", reason="Reviewed")
    _nfa(officer, code="16", on=date(2025, 3, 31))  # the day before the quarter
    _nfa(officer, code="16", on=date(2025, 7, 1))  # the day after it
    _nfa(officer, police_force=SOUTH, code="15")
    for _ in range(3):
        _nfa(officer, police_force=SOUTH, code="16")
    for _ in range(5):
        _nfa(officer, police_force=NORTHUMBRIA, cps_area=NORTH_EAST, code="16")
    return {"named": west["14"][0].case}


def _table(outcomes: PoliceOutcomes, place: Place) -> dict[str, int | None]:
    """The place's counts by outcome code (None where withheld), zeros left out, and its total."""
    table = outcomes.of(place)
    assert table is not None
    counts: dict[str, int | None] = {c.code: c.suspects for c in table.rows if c.suspects != 0}
    return counts | {"all": table.total.suspects}


def _places() -> dict[str, Place]:
    every = compute.places()
    by_name = {place.name: place for place in every}
    return {
        "national": by_name["England and Wales"],
        "area": by_name[AREA],
        "west": by_name[f"{WEST} ({AREA})"],
        "south": by_name[f"{SOUTH} ({AREA})"],
        "north_east": by_name[NORTH_EAST],
        "northumbria": by_name[f"{NORTHUMBRIA} ({NORTH_EAST})"],
    }


@pytest.mark.usefixtures("breakdown_world")
def test_the_breakdown_counts_suspects_by_their_latest_outcome() -> None:
    """Police NFAs dated in 2025-26 Q1, each suspect once under their latest (``not_recorded``: imported without one):

    =============  ====  ====  ====  ============  =====
    place           14    15    16   not recorded  total
    =============  ====  ====  ====  ============  =====
    West Yorks.      1     3     4        1           9    (16 has the suspect NFA'd under 15, referred back, then 16;
    South Yorks.           1     3                    4     the NFAs of 31 March and 1 July are outside the quarter)
    Yorks. & H.      1     4     7        1          13
    Northumbria                  5                    5
    North East                   5                    5
    England/Wales    1     4    12        1          18
    =============  ====  ====  ====  ============  =====

    With a threshold of 3, the 1s are withheld. South Yorkshire's 15 is then the only withheld count under its total
    of 4, so its 16 (3) goes too. Under Yorkshire and Humberside's 15 (4), South Yorkshire's 1 is then alone
    withheld, so West Yorkshire's 15 (3, the smallest beside it) goes; under the Area's 16 (7), South Yorkshire's 3
    is, so West Yorkshire's 16 (4) goes. Every other total has none or at least two withheld counts under it."""
    places = _places()
    every = compute.places()
    raw = police_nfa_outcomes(Q1, every, threshold=1)
    assert _table(raw, places["west"]) == {"14": 1, "15": 3, "16": 4, "not_recorded": 1, "all": 9}
    assert _table(raw, places["south"]) == {"15": 1, "16": 3, "all": 4}
    assert _table(raw, places["area"]) == {"14": 1, "15": 4, "16": 7, "not_recorded": 1, "all": 13}
    assert _table(raw, places["northumbria"]) == _table(raw, places["north_east"]) == {"16": 5, "all": 5}
    assert _table(raw, places["national"]) == {"14": 1, "15": 4, "16": 12, "not_recorded": 1, "all": 18}

    withheld = police_nfa_outcomes(Q1, every, threshold=3)
    assert _table(withheld, places["west"]) == {"14": None, "15": None, "16": None, "not_recorded": None, "all": 9}
    assert _table(withheld, places["south"]) == {"15": None, "16": None, "all": 4}
    assert _table(withheld, places["area"]) == {"14": None, "15": 4, "16": 7, "not_recorded": None, "all": 13}
    assert _table(withheld, places["north_east"]) == {"16": 5, "all": 5}
    assert _table(withheld, places["national"]) == {"14": None, "15": 4, "16": 12, "not_recorded": None, "all": 18}


def _scorecard(user: User, place: Place) -> str:
    key = f"force-{place.area_id}-{place.force_id}" if place.force_id else f"area-{place.area_id}"
    response = signed_in(user).get("/scorecards/", {"period": Q1.label, "place": key})
    assert response.status_code == 200
    return response.content.decode()


WITHHELD = '<span aria-hidden="true">[c]</span><span class="govuk-visually-hidden">withheld</span>'


def _row(label: str, shown: str) -> str:
    return f'{label}</th><td class="govuk-table__cell govuk-table__cell--numeric">{shown}</td>'


def _section(page: str) -> str:
    start = page.index('id="police-nfa-outcomes"')
    return page[start : page.index("</table>", start)]


def test_the_scorecard_page_shows_the_breakdown_withheld_in_the_readers_scope(
    breakdown_world: dict[str, Case], user_of: Callable[..., User]
) -> None:
    DisclosureRule.objects.update_or_create(pk=1, defaults={"threshold": 3})
    places = _places()
    analyst = user_of(Role.ANALYST, cps_area=AREA)

    area_table = _section(_scorecard(analyst, places["area"]))
    assert "Police NFAs by Home Office outcome, 2025-26 Q1, Yorkshire and Humberside" in area_table
    assert _row(CrimeOutcome.OUTCOME_15.label, "4") in area_table
    assert _row(CrimeOutcome.OUTCOME_16.label, "7") in area_table
    assert _row(CrimeOutcome.OUTCOME_14.label, WITHHELD) in area_table
    assert _row("Not recorded (imported history)", WITHHELD) in area_table
    assert _row(CrimeOutcome.OUTCOME_10.label, "0") in area_table
    assert _row("All police NFAs", "<strong>13</strong>") in area_table
    west = _section(_scorecard(analyst, places["west"]))
    assert west.count(WITHHELD) == 4
    assert "<strong>9</strong>" in west
    for page in (area_table, west):
        assert NAME not in page
        assert breakdown_world["named"].urn not in page

    other_area = signed_in(analyst).get(
        "/scorecards/", {"period": Q1.label, "place": f"area-{places['north_east'].area_id}"}
    )
    assert other_area.context["form"].errors["place"], "another Area is not among the Area analyst's places"
    assert 'id="police-nfa-outcomes"' not in other_area.content.decode()
    national = user_of(Role.ANALYST)
    assert "<strong>5</strong>" in _section(_scorecard(national, places["north_east"]))


def _download(user: User) -> list[dict[str, str]]:
    response = signed_in(user).get("/scorecards/police-nfa-outcomes.csv", {"period": Q1.label})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="rasso-police-nfa-outcomes-2025-26-q1.csv"'
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_download_gives_every_place_in_scope_with_small_numbers_withheld(
    breakdown_world: dict[str, Case], user_of: Callable[..., User]
) -> None:
    DisclosureRule.objects.update_or_create(pk=1, defaults={"threshold": 3})
    rows = _download(user_of(Role.UNIT_HEAD, cps_area=AREA))
    assert {(row["cps_area"], row["police_force"]) for row in rows} == {
        (AREA, ""),
        *((AREA, f.name) for f in area(AREA).forces.all()),
    }, "the Area and its forces only: no national row, no other Area"
    cells = {(row["police_force"], row["outcome_code"]): (row["suspects"], row["suppressed"]) for row in rows}
    assert cells["", "15"] == ("4", "false")
    assert cells["", "14"] == ("", "true")
    assert cells[WEST, "16"] == ("", "true")
    assert cells[WEST, "all"] == ("9", "false")
    assert cells[SOUTH, "10"] == ("0", "false")
    assert {row["period"] for row in rows} == {Q1.label}
    assert list(rows[0]) == ["period", "cps_area", "police_force", "outcome_code", "outcome", "suspects", "suppressed"]
    text = str(rows)
    assert NAME not in text
    assert breakdown_world["named"].urn not in text

    national = {
        (row["cps_area"], row["police_force"], row["outcome_code"]): row["suspects"]
        for row in _download(user_of(Role.ANALYST))
    }
    assert national["", "", "16"] == "12"
    assert national[NORTH_EAST, NORTHUMBRIA, "16"] == "5"
