"""Each role's home page shows real lists from the database, and only what that role may see."""

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client

from accounts.models import User
from accounts.roles import STAFF_ROLES, Role
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def test_investigator_sees_their_own_cases(client_of: Callable[..., Client]) -> None:
    client = client_of(Role.INVESTIGATOR)
    me = User.objects.get(pk=client.session["_auth_user_id"])
    mine = make_case(officer_in_charge=me)
    colleagues = make_case()
    page = client.get("/").content.decode()
    assert "Your cases" in page
    assert mine.urn in page
    assert colleagues.urn not in page
    assert "West Yorkshire Police" in page  # the user's organisation in the header


def test_unit_head_sees_the_longest_running_cases_of_the_area_first(client_of: Callable[..., Client]) -> None:
    newer = make_case(reported_on=date(2025, 1, 1))
    older = make_case(police_force="South Yorkshire Police", reported_on=date(2024, 4, 2))
    elsewhere = make_case(police_force="Kent Police", reported_on=date(2023, 4, 2))
    page = client_of(Role.UNIT_HEAD).get("/").content.decode()
    assert "Longest-running cases in your Area" in page
    assert page.index(older.urn) < page.index(newer.urn)
    assert elsewhere.urn not in page


def test_analyst_home_shows_counts_and_no_urn(client_of: Callable[..., Client]) -> None:
    case = make_case()
    page = client_of(Role.ANALYST).get("/").content.decode()
    assert "Cases reported to police, by financial year" in page
    assert case.urn not in page
    assert 'href="/cases/"' not in page


# Complainants and ISVAs have the own view's home instead (the authorisation matrix: "/" sends them there).
@pytest.mark.parametrize("role", STAFF_ROLES)
def test_every_role_has_a_home_page_with_navigation_for_its_role(role: Role, client_of: Callable[..., Client]) -> None:
    response = client_of(role).get("/")
    assert response.status_code == 200
    links = {item.text for item in response.context["navigation"]}
    assert {"Home", "Notifications"} <= links
    assert ("Cases" in links) == (role not in (Role.ANALYST, Role.PANEL_MEMBER, Role.AUDITOR))
    assert ("Scorecards" in links) == (role in (Role.ANALYST, Role.UNIT_HEAD, Role.ADMINISTRATOR))
    assert ("Administration" in links) == (role == Role.ADMINISTRATOR)


def test_sign_out_ends_the_session(client_of: Callable[..., Client]) -> None:
    client = client_of(Role.PROSECUTOR)
    assert client.post("/sign-out/")["Location"] == "/sign-in/"
    assert client.get("/")["Location"].startswith("/sign-in/")
