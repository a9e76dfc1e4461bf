"""Bad input on the forms: too long, impossible dates, wrong types, script and right-to-left text. Each gives a clear
error with what was typed kept, or is stored as typed and shown escaped on the pages that show it. And no input is a
500: out-of-range numbers in a date, JSON nested too deep or too large for the API, a Host header the service does
not answer to."""

import json
from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client, override_settings

from accounts.models import User
from accounts.roles import Role
from cases.limits import LONG_TEXT, too_long
from cases.models import PoliceNfa, Suspect
from tests.clients import date_fields, signed_in, token_client
from tests.factories import make_case, make_user
from victims.models import Complainant

pytestmark = pytest.mark.django_db
SCRIPT = '<script>alert("x")</script> مرحبا עברית \u202ereversed\u202c 🙂'


@pytest.fixture
def officer_and_suspect(officer: User) -> tuple[Client, Suspect]:
    suspect = Suspect.objects.get(case=make_case(officer_in_charge=officer))
    client = signed_in(officer)
    return client, suspect


def _nfa(client: Client, suspect: Suspect, **data: str) -> str:
    url = f"/cases/{suspect.case_id}/suspects/{suspect.pk}/police-nfa/"
    return client.post(url, {"confirmed": "yes", "outcome_code": "15", **data}).content.decode()


def test_an_impossible_date_is_a_clear_error_and_keeps_what_was_typed(
    officer_and_suspect: tuple[Client, Suspect],
) -> None:
    client, suspect = officer_and_suspect
    page = _nfa(client, suspect, nfa_on_0="31", nfa_on_1="2", nfa_on_2="2024", reason="Reason kept")
    assert "govuk-error-summary" in page
    assert 'value="31"' in page
    assert "Reason kept" in page
    assert not PoliceNfa.objects.exists()


def test_words_for_a_date_and_an_oversized_reason_are_clear_errors(
    officer_and_suspect: tuple[Client, Suspect],
) -> None:
    client, suspect = officer_and_suspect
    words = _nfa(client, suspect, nfa_on_0="first", nfa_on_1="june", nfa_on_2="twenty", reason="R")
    assert "govuk-error-summary" in words
    oversized = _nfa(client, suspect, **date_fields("nfa_on", date(2024, 6, 1)), reason="x" * (LONG_TEXT + 1))
    assert too_long(LONG_TEXT) in oversized  # "Enter 20,000 characters or fewer."
    assert not PoliceNfa.objects.exists()


def test_script_and_right_to_left_text_are_stored_as_typed_and_shown_escaped(
    officer_and_suspect: tuple[Client, Suspect],
) -> None:
    client, suspect = officer_and_suspect
    _nfa(client, suspect, **date_fields("nfa_on", date(2024, 6, 1)), reason=SCRIPT)
    assert PoliceNfa.objects.get().reason == SCRIPT
    Suspect.objects.filter(pk=suspect.pk).update(name=SCRIPT)
    pages = {
        tab: client.get(f"/cases/{suspect.case_id}/{tab}").content.decode() for tab in ("", "timeline/", "suspects/")
    }
    for tab, page in pages.items():
        assert '<script>alert("x")' not in page, tab
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; مرحبا עברית" in pages["suspects/"]


HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    "typed",
    [
        {"nfa_on_0": HUGE, "nfa_on_1": "6", "nfa_on_2": "2024"},
        {"nfa_on_0": "1", "nfa_on_1": HUGE, "nfa_on_2": "2024"},
        {"nfa_on_0": "1", "nfa_on_1": "6", "nfa_on_2": HUGE},
        {"nfa_on_0": "1", "nfa_on_1": "6", "nfa_on_2": "9" * 5_000},
        {"nfa_on_0": "-1", "nfa_on_1": "6", "nfa_on_2": "2024"},
        {"nfa_on_0": "1", "nfa_on_1": "6", "nfa_on_2": "2\x00024"},
        {"nfa_on_0": "\u0661", "nfa_on_1": "6", "nfa_on_2": "2024"},  # an Arabic-Indic digit one
    ],
    ids=["huge day", "huge month", "huge year", "5000-digit year", "negative day", "NUL byte", "non-ASCII digit"],
)
def test_an_out_of_range_number_in_a_date_is_a_field_error(
    officer_and_suspect: tuple[Client, Suspect], typed: dict[str, str]
) -> None:
    client, suspect = officer_and_suspect
    url = f"/cases/{suspect.case_id}/suspects/{suspect.pk}/police-nfa/"
    response = client.post(url, {"confirmed": "yes", "outcome_code": "15", "reason": "Reason kept", **typed})
    assert response.status_code == 200
    assert "Date of the decision must be a real date" in response.content.decode()
    assert not PoliceNfa.objects.exists()


def test_a_huge_date_of_birth_on_the_complainant_form_is_a_field_error(
    officer_and_suspect: tuple[Client, Suspect],
) -> None:
    client, suspect = officer_and_suspect
    response = client.post(
        f"/cases/{suspect.case_id}/complainants/new/",
        {"name": "Jane Example", "date_of_birth_0": "1", "date_of_birth_1": "1", "date_of_birth_2": HUGE,
         "enhanced_rights": "yes", "vulnerable": "no", "intimidated": "yes"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Date of birth must be a real date" in response.content.decode()
    assert not Complainant.objects.exists()


@pytest.fixture
def api(db: None) -> Client:
    user = make_user(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")
    return token_client(user)


@pytest.mark.parametrize(
    "body",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"actions": ' + "[" * 50 + "]" * 50 + "}",
        '{"a": ' + '{"a": ' * 5_000 + "1" + "}" * 5_000 + "}",
        '{"n": ' + "9" * 5_000 + "}",
        '{"pad": "' + "x" * (3 * 1024 * 1024) + '"}',
    ],
    ids=["100,000 nested arrays", "50 nested arrays", "5,000 nested objects", "5,000 digits", "3 MiB"],
)
def test_a_deeply_nested_or_oversized_json_body_is_a_400(api: Client, body: str) -> None:
    response = api.post("/api/v1/action-plans/", body, content_type="application/json")
    assert response.status_code == 400
    assert isinstance(response.json()["detail"], str)


@pytest.mark.parametrize("charset", ["bz2_codec", "no-such-charset"])
def test_a_json_body_in_a_compressing_or_unknown_charset_is_a_400(api: Client, charset: str) -> None:
    response = api.generic("POST", "/api/v1/action-plans/", b"{}", content_type=f"application/json; charset={charset}")
    assert response.status_code == 400
    if charset == "bz2_codec":  # a charset Python does not know is ignored by Django: the body is read as UTF-8
        assert "charset" in response.json()["detail"]


def test_nested_brackets_inside_strings_are_text(api: Client) -> None:
    response = api.post("/api/v1/action-plans/", json.dumps({"plan": "[" * 1_000}), content_type="application/json")
    assert response.status_code == 400
    assert "nested" not in response.content.decode()  # refused for its fields, not for nesting


@override_settings(ALLOWED_HOSTS=["rasso.example.gov.uk"], DEBUG=False)
@pytest.mark.parametrize("path", ["/", "/sign-in/", "/cases/", "/api/v1/cases/", "/no-such-page/"])
def test_a_disallowed_host_is_a_400(path: str, user_of: Callable[..., User]) -> None:
    for client in (Client(raise_request_exception=False), signed_in(user_of(Role.INVESTIGATOR))):
        client.raise_request_exception = False
        response = client.get(path, HTTP_HOST="evil.example")
        assert response.status_code == 400, path
        if path.startswith("/api/"):
            assert response.json() == {"detail": "Bad request."}
        else:
            assert "Sorry, there is a problem with the request" in response.content.decode()
    assert Client().get("/healthz", HTTP_HOST="rasso.example.gov.uk").status_code == 200
