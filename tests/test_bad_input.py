"""Bad input on the forms: too long, impossible dates, wrong types, script and right-to-left text. Each gives a clear
error with what was typed kept, or is stored as typed and shown escaped on the pages that show it."""

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client

from accounts.models import User
from accounts.roles import Role
from cases.forms import LONG_TEXT
from cases.models import PoliceNfa, Suspect
from tests.clients import date_fields, sign_in
from tests.factories import make_case

pytestmark = pytest.mark.django_db
SCRIPT = '<script>alert("x")</script> مرحبا עברית \u202ereversed\u202c 🙂'


@pytest.fixture
def officer_and_suspect(user_of: Callable[..., User]) -> tuple[Client, Suspect]:
    officer = user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    suspect = Suspect.objects.get(case=make_case(officer_in_charge=officer))
    client = Client()
    sign_in(client, officer)
    return client, suspect


def _nfa(client: Client, suspect: Suspect, **data: str) -> str:
    url = f"/cases/{suspect.case_id}/suspects/{suspect.pk}/police-nfa/"
    return client.post(url, {"confirmed": "yes", **data}).content.decode()


def test_an_impossible_date_is_a_clear_error_and_keeps_what_was_typed(officer_and_suspect: tuple) -> None:
    client, suspect = officer_and_suspect
    page = _nfa(client, suspect, nfa_on_0="31", nfa_on_1="2", nfa_on_2="2024", reason="Reason kept")
    assert "govuk-error-summary" in page
    assert 'value="31"' in page
    assert "Reason kept" in page
    assert not PoliceNfa.objects.exists()


def test_words_for_a_date_and_an_oversized_reason_are_clear_errors(officer_and_suspect: tuple) -> None:
    client, suspect = officer_and_suspect
    words = _nfa(client, suspect, nfa_on_0="first", nfa_on_1="june", nfa_on_2="twenty", reason="R")
    assert "govuk-error-summary" in words
    oversized = _nfa(client, suspect, **date_fields("nfa_on", date(2024, 6, 1)), reason="x" * (LONG_TEXT + 1))
    assert "at most 20000 characters" in oversized
    assert not PoliceNfa.objects.exists()


def test_script_and_right_to_left_text_are_stored_as_typed_and_shown_escaped(officer_and_suspect: tuple) -> None:
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
