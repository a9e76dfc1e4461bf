"""Finding a case by a suspect's name is a POST: the name never reaches an address; only cases in scope come back."""

from collections.abc import Callable

import pytest
from django.test import Client

from accounts.roles import Role
from cases.models import Suspect
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def test_a_name_finds_cases_in_scope_only_and_never_sits_in_the_address(client_of: Callable[..., Client]) -> None:
    mine = make_case(police_force="West Yorkshire Police")
    elsewhere = make_case(police_force="Northumbria Police")
    for case in (mine, elsewhere):
        Suspect.objects.filter(case=case).update(name="Dariusz Example-Smith")
    officer = client_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    assert "Search cases" in officer.get("/cases/").content.decode(), "the case list's search box takes names too"
    response = officer.post("/cases/find/", {"name": "example-SMITH"})
    page = response.content.decode()
    assert response.status_code == 200
    assert mine.urn in page
    assert elsewhere.urn not in page
    assert "1 case found" in page
    assert "example" not in response.request["PATH_INFO"] + response.request.get("QUERY_STRING", "")


def test_a_name_too_short_or_too_long_is_a_clear_error(client_of: Callable[..., Client]) -> None:
    officer = client_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    assert "Enter at least 2 letters of the name" in officer.post("/cases/find/", {"name": "a"}).content.decode()
    too_long = officer.post("/cases/find/", {"name": "x" * 201}).content.decode()
    assert "Enter a name of 200 characters or fewer" in too_long
    assert 'value="' + "x" * 201 + '"' in too_long, "what was typed is kept"


def test_roles_without_cases_cannot_search(client_of: Callable[..., Client]) -> None:
    assert client_of(Role.ANALYST).post("/cases/find/", {"name": "Example"}).status_code == 403
