"""The case list's one search box: a URN typed any way, a suspect's or complainant's label, or a name (posted, never
in an address or a log); only cases in scope are ever found. The API's case list takes the same ``q``."""

from collections.abc import Callable

import pytest
from django.test import Client

from accounts.models import User
from accounts.roles import Role
from cases.models import Case, Suspect
from tests.clients import signed_in
from tests.factories import make_case, suspect_with_facts
from victims.identity import add_complainant

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(prosecutor: User) -> Client:
    return signed_in(prosecutor)


def _spaced(urn: str) -> str:
    """A URN as someone reads it off a form: "13 ab 0000124"."""
    return f"{urn[:2]} {urn[2:4].lower()} {urn[4:]}"


def _listed(client: Client, query: str) -> list[str]:
    response = client.get("/cases/", {"q": query})
    assert response.status_code == 200
    return [case.urn for case in response.context["page"].object_list]


def test_a_urn_typed_with_spaces_in_lower_case_lands_on_the_case(client: Client) -> None:
    case, other = make_case(), make_case()
    response = client.post("/cases/", {"q": _spaced(case.urn)})
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{case.pk}/"
    assert _listed(client, _spaced(case.urn)) == [case.urn]
    assert other.urn not in client.get(f"/cases/?q={case.urn.lower()}").content.decode()


def test_the_start_of_a_urn_lists_the_cases_it_begins(client: Client) -> None:
    cases = [make_case() for _ in range(3)]
    elsewhere = make_case(police_force="South Yorkshire Police")
    start = cases[0].urn[:4]
    response = client.post("/cases/", {"q": start.lower()})
    assert response["Location"] == f"/cases/?q={start}"
    assert sorted(_listed(client, start.lower())) == sorted(case.urn for case in cases)
    assert elsewhere.urn not in _listed(client, start)


def test_a_urn_out_of_scope_finds_nothing_and_answers_as_a_urn_that_does_not_exist(
    client: Client, prosecutor: User
) -> None:
    kent = make_case(police_force="Kent Police")
    missing = "46ZZ9999999"
    assert not Case.objects.filter(urn=missing).exists()
    answers = [client.post("/cases/", {"q": urn}) for urn in (kent.urn, missing)]
    assert [answer["Location"] for answer in answers] == [f"/cases/?q={kent.urn}", f"/cases/?q={missing}"]
    for urn in (kent.urn, missing):
        page = client.get("/cases/", {"q": urn})
        assert list(page.context["page"].object_list) == []
        assert f"0 cases found for {urn}." in page.content.decode()
    assert client.get(f"/cases/{kent.pk}/").status_code == 404


def test_a_label_after_the_urn_finds_the_case_and_alone_lists_every_case_with_it(
    client: Client, officer: User
) -> None:
    two, one = make_case(), make_case()
    suspect_with_facts(case=two, label="Suspect 2")
    add_complainant(actor=officer, case=one, name="Jane Example")
    assert client.post("/cases/", {"q": f"{_spaced(two.urn)} suspect 2"})["Location"] == f"/cases/{two.pk}/"
    # The case has no second suspect: the list says so rather than opening the case.
    assert client.post("/cases/", {"q": f"{one.urn} Suspect 2"})["Location"] == f"/cases/?q={one.urn}+Suspect+2"
    assert _listed(client, f"{one.urn} Suspect 2") == []
    assert _listed(client, "suspect 2") == [two.urn]
    assert _listed(client, "complainant a") == [one.urn]
    assert client.post("/cases/", {"q": f"{one.urn} complainant a"})["Location"] == f"/cases/{one.pk}/"


def test_a_name_is_searched_by_post_answered_in_place_and_never_logged(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    mine = make_case()
    elsewhere = make_case(police_force="Northumbria Police")
    Suspect.objects.filter(case__in=[mine, elsewhere]).update(name="Dariusz Example-Smith")
    with caplog.at_level("DEBUG"):
        response = client.post("/cases/", {"q": "example-SMITH"})
    assert response.status_code == 200, "answered in place, not redirected to an address"
    page = response.content.decode()
    assert "1 case with a suspect of that name" in page
    assert mine.urn in page
    assert elsewhere.urn not in page
    assert "example" not in response.request["PATH_INFO"] + response.request.get("QUERY_STRING", "")
    assert not [record for record in caplog.records if "example" in record.getMessage().lower()]


def test_a_name_in_the_address_is_not_searched_and_not_kept(client: Client) -> None:
    case = make_case()
    Suspect.objects.filter(case=case).update(name="Dariusz Example-Smith")
    response = client.get("/cases/", {"q": "Dariusz Example", "sort": "urn"})
    assert response.status_code == 302
    assert response["Location"] == "/cases/?sort=urn", "the name is dropped from the address; the sort is kept"
    page = client.get(response["Location"]).content.decode()
    assert "To find a case by a name, type the name in the search box" in page
    assert "Dariusz" not in page


def test_an_empty_search_is_a_clear_error(client: Client) -> None:
    page = client.post("/cases/", {"q": " "}).content.decode()
    assert "Enter a URN, a suspect&#x27;s or complainant&#x27;s label, or a suspect&#x27;s name" in page
    assert 'href="#id_q"' in page


def test_the_api_searches_and_filters_with_the_same_query(client: Client, user_of: Callable[..., User]) -> None:
    case, other = make_case(), make_case()
    Suspect.objects.filter(case__in=[case, other]).update(name="Dariusz Example-Smith")
    found = client.get("/api/v1/cases/", {"q": _spaced(case.urn)})
    assert found.status_code == 200
    assert [row["urn"] for row in found.json()["results"]] == [case.urn]
    refused = client.get("/api/v1/cases/", {"q": "Dariusz Example"})
    assert refused.status_code == 400
    assert "Dariusz" not in refused.content.decode()
    kent = make_case(police_force="Kent Police")
    assert client.get("/api/v1/cases/", {"q": kent.urn}).json()["results"] == []
    assert [
        row["urn"] for row in client.get("/api/v1/cases/", {"suspect": "suspect 1", "sort": "urn"}).json()["results"]
    ] == sorted([case.urn, other.urn])


def test_roles_without_cases_cannot_search(client_of: Callable[..., Client]) -> None:
    assert client_of(Role.ANALYST).post("/cases/", {"q": "01AB1234524"}).status_code == 403
