"""The pre-charge pages: GOV.UK date input, interruption before NFA and PRFI, scoping, constant query counts."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django import forms
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from cases.models import Case, PoliceNfa, Prfi, Suspect
from cases.services.precharge import refer_for_charging_decision, request_early_advice
from govuk.dates import GovukDateField
from govuk.forms import GovukFormMixin
from tests.clients import signed_in
from tests.factories import make_case, suspect_with_facts

pytestmark = pytest.mark.django_db


def _date(day: date) -> dict[str, str]:
    return {"_0": str(day.day), "_1": str(day.month), "_2": str(day.year)}


def _date_post(field: str, day: date) -> dict[str, str]:
    return {f"{field}{suffix}": value for suffix, value in _date(day).items()}


class DateForm(GovukFormMixin, forms.Form):
    reported_on = GovukDateField(label="Date reported")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (["31", "2", "2025"], "Date reported must be a real date"),
        (["1", "13", "2025"], "Date reported must be a real date"),
        (["", "3", "2025"], "Date reported must include a day"),
        (["1", "", ""], "Date reported must include a month and year"),
        (["x", "3", "2025"], "Date reported must be a real date"),
        (["1", "1", "{next_year}"], "Date reported must be today or in the past"),
        (["", "", ""], "Enter date reported"),
    ],
)
def test_date_input_refuses_what_is_not_a_real_past_date(typed: list[str], message: str) -> None:
    next_year = timezone.localdate().year + 1  # as the test runs: a suite can run past midnight on 31 December
    form = DateForm({f"reported_on_{i}": part.format(next_year=next_year) for i, part in enumerate(typed)})
    assert not form.is_valid()
    assert form.errors["reported_on"] == [message]


@pytest.fixture
def suspect(officer: User) -> Suspect:
    return Suspect.objects.get(case=make_case(officer_in_charge=officer))


def test_police_nfa_asks_for_confirmation_and_keeps_what_was_typed(officer: User, suspect: Suspect) -> None:
    client = signed_in(officer)
    url = f"/cases/{suspect.case_id}/suspects/{suspect.pk}/police-nfa/"
    data = {
        **_date_post("nfa_on", timezone.localdate()),
        "outcome_code": "16",
        "reason": "Complainant withdrew <b>support</b>",
    }
    first = client.post(url, data)
    assert first.status_code == 200
    assert b"Are you sure?" in first.content
    assert b'value="Complainant withdrew &lt;b&gt;support&lt;/b&gt;"' in first.content
    assert not PoliceNfa.objects.exists()
    confirmed = client.post(url, {**data, "confirmed": "yes"})
    assert confirmed["Location"] == f"/cases/{suspect.case_id}/"
    assert PoliceNfa.objects.get().reason == "Complainant withdrew <b>support</b>"


def test_no_go_back_shows_the_form_again_with_what_was_typed(officer: User, suspect: Suspect) -> None:
    client = signed_in(officer)
    url = f"/cases/{suspect.case_id}/suspects/{suspect.pk}/police-nfa/"
    data = {
        **_date_post("nfa_on", timezone.localdate()),
        "outcome_code": "16",
        "reason": "Complainant withdrew support",
    }
    interruption = client.post(url, data).content.decode()
    assert "Yes, record no further action for Suspect 1</button>" in interruption  # a label stays a label
    assert 'name="confirmed" value="no"' in interruption
    back = client.post(url, {**data, "confirmed": "no"})
    assert back.status_code == 200
    page = back.content.decode()
    assert "Are you sure?" not in page
    assert ">\nComplainant withdrew support</textarea>" in page
    assert not PoliceNfa.objects.exists()


def test_prfi_asks_for_confirmation(officer: User, suspect: Suspect, client_of: Callable[..., Client]) -> None:
    referral = refer_for_charging_decision(actor=officer, suspect=suspect, received_on=timezone.localdate())
    client = client_of(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")
    url = f"/cases/{suspect.case_id}/referrals/{referral.pk}/prfi/"
    data = {**_date_post("prfi_on", timezone.localdate()), "reason": "Awaiting phone download"}
    assert b"Are you sure?" in client.post(url, data).content
    assert not Prfi.objects.exists()
    client.post(url, {**data, "confirmed": "yes"})
    assert Prfi.objects.get().reason == "Awaiting phone download"


def test_a_refused_move_is_shown_in_the_error_summary(officer: User, suspect: Suspect) -> None:
    request_early_advice(actor=officer, suspect=suspect, requested_on=timezone.localdate(), questions="Q")
    client = signed_in(officer)
    url = f"/cases/{suspect.case_id}/suspects/{suspect.pk}/charging-referral/"
    response = client.post(url, _date_post("received_on", timezone.localdate()))
    assert response.status_code == 200
    assert "From here you can: give early advice" in response.content.decode()
    assert 'class="govuk-error-summary"' in response.content.decode()


def test_step_pages_of_another_forces_case_are_404(suspect: Suspect, client_of: Callable[..., Client]) -> None:
    kent = client_of(Role.INVESTIGATOR, police_force="Kent Police")
    for path in ("", "timeline/", "suspects/new/", f"suspects/{suspect.pk}/early-advice/"):
        assert kent.get(f"/cases/{suspect.case_id}/{path}").status_code == 404, path


def _populate(officer: User, count: int) -> Case:
    cases = [
        make_case(officer_in_charge=officer, reported_on=timezone.localdate() - timedelta(days=n + 40))
        for n in range(count)
    ]
    first = cases[0]
    suspect = Suspect.objects.get(case=first)
    for n in range(2, count + 1):
        suspect_with_facts(case=first, label=f"Suspect {n}")
    for other in first.suspects.all():
        request_early_advice(
            actor=officer, suspect=other, requested_on=timezone.localdate() - timedelta(days=5), questions="Q"
        )
    assert suspect.case.timeline.count() >= count
    return first


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "page",
    [
        "/cases/",
        "/cases/{case}/",
        "/cases/{case}/suspects/",
        "/cases/{case}/early-advice/",
        "/cases/{case}/charging/",
        "/cases/{case}/timeline/",
        "/",
    ],
)
def test_pages_run_the_same_number_of_queries_for_1_and_50_rows(
    page: str, user_of: Callable[..., User], client_of: Callable[..., Client]
) -> None:
    counts = []
    for size in (1, 50):
        Case.objects.all().delete()
        officer = user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
        case = _populate(officer, size)
        client = signed_in(officer)
        counts.append(_queries(client, page.format(case=case.pk)))
    assert counts[0] == counts[1], counts


def test_timeline_events_link_to_the_record_and_filter_by_stage(officer: User, suspect: Suspect) -> None:
    request_early_advice(actor=officer, suspect=suspect, requested_on=timezone.localdate(), questions="Q")
    client = signed_in(officer)
    page = client.get(f"/cases/{suspect.case_id}/timeline/?stage=early_advice").content.decode()
    assert f'href="/cases/{suspect.case_id}/early-advice/">Early advice requested for Suspect 1' in page
    assert "Suspect 1 added" not in page


def test_a_cps_nfa_decision_asks_for_confirmation_and_a_charge_does_not(
    officer: User, suspect: Suspect, client_of: Callable[..., Client]
) -> None:
    referral = refer_for_charging_decision(actor=officer, suspect=suspect, received_on=timezone.localdate())
    client = client_of(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")
    url = f"/cases/{suspect.case_id}/referrals/{referral.pk}/decision/"
    data = {
        **_date_post("decided_on", timezone.localdate()),
        "test": "full_code",
        "outcome": "nfa_evidential",
        "evidential_reasons": "No realistic prospect",
        "bad_character": "not_applicable",
        "bad_character_rationale": "None known",
        "disclosure_management_document": "in_progress",
        "suspect_conduct": "Denies",
    }
    assert b"Are you sure?" in client.post(url, data).content
    suspect.refresh_from_db()
    assert suspect.status == "referred"
    assert client.post(url, {**data, "confirmed": "yes"})["Location"] == f"/cases/{suspect.case_id}/"
    suspect.refresh_from_db()
    assert suspect.status == "decided"
