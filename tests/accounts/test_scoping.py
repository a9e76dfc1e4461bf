"""The one access-scoping rule, seen from pages and the API: out of scope is a 404."""

from collections.abc import Callable

import pytest
from django.test import Client

from accounts.models import CpsArea, User
from accounts.roles import Role
from accounts.scoping import case_scope
from cases.models import Case
from tests.factories import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases() -> dict[str, Case]:
    return {
        "west_yorkshire": make_case(police_force="West Yorkshire Police"),
        "south_yorkshire": make_case(police_force="South Yorkshire Police"),
        "northumbria": make_case(police_force="Northumbria Police"),
        "met_north": make_case(police_force="Metropolitan Police Service", cps_area="London North"),
        "met_south": make_case(police_force="Metropolitan Police Service", cps_area="London South"),
    }


def _api_urns(client: Client) -> set[str]:
    response = client.get("/api/v1/cases/")
    assert response.status_code == 200
    return {row["urn"] for row in response.json()["results"]}


def _page_urns(client: Client, cases: dict[str, Case]) -> set[str]:
    content = client.get("/cases/").content.decode()
    return {case.urn for case in cases.values() if case.urn in content}


def test_police_user_gets_404_for_another_forces_case(
    client_of: Callable[..., Client], cases: dict[str, Case]
) -> None:
    client = client_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    own, other = cases["west_yorkshire"], cases["south_yorkshire"]
    assert client.get(f"/cases/{own.pk}/").status_code == 200
    assert client.get(f"/cases/{other.pk}/").status_code == 404
    assert client.get(f"/api/v1/cases/{own.pk}/").status_code == 200
    assert client.get(f"/api/v1/cases/{other.pk}/").status_code == 404
    assert _api_urns(client) == {own.urn}
    assert _page_urns(client, cases) == {own.urn}


@pytest.mark.parametrize("role", [Role.PROSECUTOR, Role.UNIT_HEAD, Role.VICTIM_LIAISON_OFFICER])
def test_cps_user_sees_exactly_the_cases_of_the_forces_in_their_area(
    role: Role, client_of: Callable[..., Client], cases: dict[str, Case]
) -> None:
    client = client_of(role, cps_area="Yorkshire and Humberside")
    area_forces = set(CpsArea.objects.get(name="Yorkshire and Humberside").forces.values_list("name", flat=True))
    expected = {c.urn for c in cases.values() if c.police_force.name in area_forces}
    assert expected == {cases["west_yorkshire"].urn, cases["south_yorkshire"].urn}
    assert _api_urns(client) == expected
    assert _page_urns(client, cases) == expected
    assert client.get(f"/cases/{cases['northumbria'].pk}/").status_code == 404
    assert client.get(f"/api/v1/cases/{cases['northumbria'].pk}/").status_code == 404


def test_london_areas_each_see_the_met_cases_allocated_to_them(
    client_of: Callable[..., Client], cases: dict[str, Case]
) -> None:
    north = client_of(Role.PROSECUTOR, cps_area="London North")
    assert _api_urns(north) == {cases["met_north"].urn}
    assert north.get(f"/cases/{cases['met_south'].pk}/").status_code == 404


def test_national_user_sees_every_case(client_of: Callable[..., Client], cases: dict[str, Case]) -> None:
    client = client_of(Role.ADMINISTRATOR)
    assert _api_urns(client) == {c.urn for c in cases.values()}
    for case in cases.values():
        assert client.get(f"/cases/{case.pk}/").status_code == 200


@pytest.mark.parametrize("role", [Role.ANALYST, Role.PANEL_MEMBER])
def test_roles_without_case_records_see_no_case(
    role: Role, client_of: Callable[..., Client], cases: dict[str, Case]
) -> None:
    client = client_of(role)
    assert client.get("/cases/").status_code == 403
    assert client.get(f"/cases/{cases['west_yorkshire'].pk}/").status_code == 404
    assert _api_urns(client) == set()


def test_analyst_sees_aggregates_for_their_area_only(client_of: Callable[..., Client], cases: dict[str, Case]) -> None:
    area_analyst = client_of(Role.ANALYST, cps_area="North East")
    query = {"period": "2024-25 Q1", "place": "national"}
    page = area_analyst.get("/scorecards/", query)
    places = [name for _, name in page.context["form"].fields["place"].choices]
    assert places == ["North East", "Cleveland Police (North East)", "Durham Constabulary (North East)",
                      "Northumbria Police (North East)"]  # fmt: skip
    assert "Select a valid choice" in page.content.decode(), "the nation is not a place an Area's analyst sees"
    area = page.context["form"].fields["place"].choices[0][0]
    reported = area_analyst.get("/scorecards/", {**query, "place": area}).context["figures"].funnel[0]
    assert reported.suspects == 1, "the Area's one case (Northumbria), not the other Areas' four"
    content = area_analyst.get("/scorecards/", {**query, "place": area}).content.decode()
    assert not [case.urn for case in cases.values() if case.urn in content]
    national = client_of(Role.ANALYST).get("/scorecards/", query)
    assert national.context["figures"].funnel[0].suspects == 5


def test_inactive_user_sees_nothing(client_of: Callable[..., Client], cases: dict[str, Case]) -> None:
    user = User.objects.create(username="gone", role=Role.ADMINISTRATOR, is_active=False)
    assert case_scope(user).apply(Case.objects.all()).count() == 0
