"""Input the services refuse whichever way it comes (page or API): dates of birth and dates reported outside plausible
bounds, CPS Direct as a case's Area, readiness items a trial does not have; and full-width formula characters
neutralised in downloads."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.models import CpsArea, PoliceForce, User
from audit.models import Purpose
from cases.limits import LONG_TEXT, OFFENCES_NOT_IN_USE, too_long
from cases.models import Case, Offence, Prfi, ReadinessItem, Trial
from cases.services.common import years_before
from cases.services.court import list_trial, update_readiness
from cases.services.precharge import prfi_referral
from cases.services.records import open_case
from downloads.tables import Download, csv_download, neutralised
from tests.clients import date_fields, post_json, signed_in
from tests.factories import make_case, referred_suspect, sent_to_crown_court
from victims.identity import add_complainant
from victims.models import Complainant

pytestmark = pytest.mark.django_db

FORCE = "West Yorkshire Police"
AREA = "Yorkshire and Humberside"


# Dates the service refuses: in the future, and more than 120 years ago, longer than anyone living (the last one only
# just). Those that depend on today are worked out as each test runs: a suite can run past midnight.
def _too_long_ago() -> date:
    return years_before(timezone.localdate(), 120) - timedelta(days=1)


IMPLAUSIBLE: dict[str, Callable[[], date]] = {
    "2099-01-01": lambda: date(2099, 1, 1),
    "9999-12-31": lambda: date(9999, 12, 31),
    "1800-01-01": lambda: date(1800, 1, 1),
    "tomorrow": lambda: timezone.localdate() + timedelta(days=1),
    "a day more than 120 years ago": _too_long_ago,
}
PLAUSIBLE: dict[str, Callable[[], date]] = {
    "today": timezone.localdate,
    "ten years ago": lambda: timezone.localdate() - timedelta(days=3650),
    "120 years ago": lambda: years_before(timezone.localdate(), 120),
}
# What the page's date boxes take (years from 1900, nothing in the future) that the service still refuses.
TYPABLE_BUT_TOO_LONG_AGO = date(1901, 6, 1)


@pytest.fixture
def case(officer: User) -> Case:
    return make_case(officer_in_charge=officer, reported_on=timezone.localdate() - timedelta(days=200))


def test_a_year_before_29_february_is_28_february() -> None:
    assert years_before(date(2024, 2, 29), 1) == date(2023, 2, 28)


# Dates of birth


@pytest.mark.parametrize("born", IMPLAUSIBLE)
def test_the_service_refuses_an_implausible_date_of_birth(officer: User, case: Case, born: str) -> None:
    with pytest.raises(ValidationError) as refused:
        add_complainant(actor=officer, case=case, date_of_birth=IMPLAUSIBLE[born]())
    assert list(refused.value.message_dict) == ["date_of_birth"]
    assert not Complainant.objects.exists()


@pytest.mark.parametrize("born", PLAUSIBLE)
def test_a_child_or_the_oldest_living_complainant_is_accepted(officer: User, case: Case, born: str) -> None:
    born_on = PLAUSIBLE[born]()
    add_complainant(actor=officer, case=case, date_of_birth=born_on)
    assert Complainant.objects.get().date_of_birth == born_on.isoformat()


@pytest.mark.parametrize("born", ["2099-01-01", "9999-12-31", "1800-01-01", "a day more than 120 years ago"])
def test_the_api_answers_400_for_an_implausible_date_of_birth(officer: User, case: Case, born: str) -> None:
    body = {"case": case.pk, "date_of_birth": str(IMPLAUSIBLE[born]())}
    response = post_json(signed_in(officer), "/api/v1/complainants/", body)
    assert response.status_code == 400, response.json()
    assert list(response.json()) == ["date_of_birth"]
    assert "date of birth" in response.json()["date_of_birth"][0]
    assert not Complainant.objects.exists()


def _complainant_page(client: Client, case: Case, born: date) -> Any:
    not_recorded = {
        name: "not_recorded"
        for name in ("age_band", "ethnicity", "disability", "religion_or_belief", "sexual_orientation",
                     "gender_reassignment", "marriage_or_civil_partnership", "pregnancy_or_maternity", "sex")
    }  # fmt: skip
    return client.post(
        reverse("victims:new-complainant", args=[case.pk]),
        {
            "enhanced_rights": "yes",
            "vulnerable": "no",
            "intimidated": "yes",
            **not_recorded,
            **date_fields("date_of_birth", born),
        },
    )


def test_the_page_shows_the_services_date_of_birth_error(officer: User, case: Case) -> None:
    client = signed_in(officer)
    refused = _complainant_page(client, case, TYPABLE_BUT_TOO_LONG_AGO)
    assert refused.status_code == 200
    assert list(refused.context["form"].errors) == ["date_of_birth"]
    assert "The date of birth must be on or after" in refused.content.decode()
    assert not Complainant.objects.exists()
    accepted = _complainant_page(client, case, date(2010, 4, 1))
    assert accepted.status_code == 302
    assert Complainant.objects.get().date_of_birth == "2010-04-01"


# The date a case was reported


def _opened(officer: User, **overrides: Any) -> Case:
    arguments: dict[str, Any] = {
        "actor": officer,
        "urn": "13AB1234524",
        "police_force": PoliceForce.objects.get(name=FORCE),
        "cps_area": CpsArea.objects.get(name=AREA),
        "reported_on": timezone.localdate() - timedelta(days=10),
        "offences": [Offence.objects.get(code="rape")],
        **overrides,
    }
    return open_case(**arguments)


@pytest.mark.parametrize("reported", IMPLAUSIBLE)
def test_the_service_refuses_an_implausible_date_reported(officer: User, reported: str) -> None:
    with pytest.raises(ValidationError) as refused:
        _opened(officer, reported_on=IMPLAUSIBLE[reported]())
    assert list(refused.value.message_dict) == ["reported_on"]
    assert not Case.objects.exists()


def test_a_non_recent_case_decades_old_is_accepted(officer: User) -> None:
    reported = years_before(timezone.localdate(), 50)
    case = _opened(officer, reported_on=reported, offence_date_from=years_before(timezone.localdate(), 119))
    assert (case.reported_on, case.offence_date_from) == (reported, years_before(timezone.localdate(), 119))


def test_the_service_refuses_an_offence_begun_too_long_ago(officer: User) -> None:
    with pytest.raises(ValidationError) as refused:
        _opened(officer, reported_on=years_before(timezone.localdate(), 50), offence_date_from=date(1800, 1, 1))
    assert list(refused.value.message_dict) == ["offence_date_from"]


def _case_json(**overrides: Any) -> dict[str, Any]:
    return {
        "urn": "13AB1234524",
        "police_force": PoliceForce.objects.get(name=FORCE).pk,
        "cps_area": CpsArea.objects.get(name=AREA).pk,
        "reported_on": str(timezone.localdate() - timedelta(days=10)),
        "offences": ["rape"],
        **overrides,
    }


@pytest.mark.parametrize("reported", ["1800-01-01", "a day more than 120 years ago", "9999-12-31"])
def test_the_api_answers_400_for_an_implausible_date_reported(officer: User, reported: str) -> None:
    response = post_json(signed_in(officer), "/api/v1/cases/", _case_json(reported_on=str(IMPLAUSIBLE[reported]())))
    assert response.status_code == 400, response.json()
    assert list(response.json()) == ["reported_on"]
    assert not Case.objects.exists()


def test_the_api_answers_400_for_an_offence_begun_in_1800(officer: User) -> None:
    body = _case_json(reported_on=str(years_before(timezone.localdate(), 50)), offence_date_from="1800-01-01")
    response = post_json(signed_in(officer), "/api/v1/cases/", body)
    assert response.status_code == 400, response.json()
    assert list(response.json()) == ["offence_date_from"]


def _open_case_page(client: Client, *, cps_area: CpsArea, reported: date) -> Any:
    return client.post(
        reverse("cases:open"),
        {
            "urn": "13AB1234524",
            "cps_area": cps_area.pk,
            "offences": [Offence.objects.get(code="rape").pk],
            **date_fields("reported_on", reported),
        },
    )


def test_the_page_shows_the_services_date_reported_error(officer: User) -> None:
    client = signed_in(officer)
    refused = _open_case_page(client, cps_area=CpsArea.objects.get(name=AREA), reported=TYPABLE_BUT_TOO_LONG_AGO)
    assert refused.status_code == 200
    assert list(refused.context["form"].errors) == ["reported_on"]
    assert "The date reported must be on or after" in refused.content.decode()
    assert not Case.objects.exists()
    accepted = _open_case_page(
        client, cps_area=CpsArea.objects.get(name=AREA), reported=years_before(timezone.localdate(), 40)
    )
    assert accepted.status_code == 302
    assert Case.objects.get().reported_on == years_before(timezone.localdate(), 40)


# CPS Direct is not a case's Area


def test_the_service_refuses_cps_direct_as_a_cases_area(officer: User) -> None:
    with pytest.raises(ValidationError) as refused:
        _opened(officer, cps_area=CpsArea.objects.get(is_cps_direct=True))
    assert list(refused.value.message_dict) == ["cps_area"]
    assert "CPS Direct" in refused.value.message_dict["cps_area"][0]
    assert not Case.objects.exists()


def test_the_api_answers_400_for_cps_direct_as_a_cases_area(officer: User) -> None:
    direct = CpsArea.objects.get(is_cps_direct=True)
    response = post_json(signed_in(officer), "/api/v1/cases/", _case_json(cps_area=direct.pk))
    assert response.status_code == 400, response.json()
    assert list(response.json()) == ["cps_area"]
    assert "CPS Direct" in response.json()["cps_area"][0]
    assert not Case.objects.exists()


def test_the_page_refuses_cps_direct_as_a_cases_area(officer: User) -> None:
    direct = CpsArea.objects.get(is_cps_direct=True)
    refused = _open_case_page(signed_in(officer), cps_area=direct, reported=timezone.localdate() - timedelta(days=10))
    assert refused.status_code == 200
    assert list(refused.context["form"].errors) == ["cps_area"]
    assert "CPS Direct" not in [str(choice[1]) for choice in refused.context["form"].fields["cps_area"].choices]
    assert not Case.objects.exists()


# Readiness items a trial does not have


@pytest.fixture
def trial(officer: User, prosecutor: User) -> Trial:
    suspect = sent_to_crown_court(officer=officer, prosecutor=prosecutor)
    trial = list_trial(actor=prosecutor, suspect=suspect, listed_for=timezone.localdate() + timedelta(days=30))
    # One item of the checklist that this trial does not have (as if added after it was listed).
    trial.readiness.latest("item_id").delete()
    return trial


def _not_on(trial: Trial) -> list[int]:
    """An item of the checklist that the trial does not have, and an id that is no item at all."""
    missing = ReadinessItem.objects.exclude(pk__in=trial.readiness.values("item_id"))
    return [missing.values_list("pk", flat=True)[0], 999_999]


def test_the_service_refuses_readiness_items_the_trial_does_not_have(prosecutor: User, trial: Trial) -> None:
    first = trial.readiness.order_by("item_id").first()
    assert first is not None
    for unknown in _not_on(trial):
        with pytest.raises(ValidationError) as refused:
            update_readiness(actor=prosecutor, trial=trial, done=[first.item_id, unknown])
        assert list(refused.value.message_dict) == ["done"]
        assert str(unknown) in refused.value.message_dict["done"][0]
    assert not trial.readiness.filter(done=True).exists(), "nothing ticked by a refused update"


def test_the_api_answers_400_for_readiness_items_the_trial_does_not_have(prosecutor: User, trial: Trial) -> None:
    client = signed_in(prosecutor)
    first = trial.readiness.order_by("item_id").first()
    assert first is not None
    for unknown in _not_on(trial):
        response = post_json(client, f"/api/v1/trials/{trial.pk}/readiness/", {"done": [first.item_id, unknown]})
        assert response.status_code == 400, response.json()
        assert list(response.json()) == ["done"]
    assert not trial.readiness.filter(done=True).exists()
    ticked = post_json(client, f"/api/v1/trials/{trial.pk}/readiness/", {"done": [first.item_id]})
    assert ticked.status_code == 201


def test_the_page_refuses_readiness_items_the_trial_does_not_have(prosecutor: User, trial: Trial) -> None:
    url = reverse("cases:readiness", args=[trial.suspect.case_id, trial.pk])
    for unknown in _not_on(trial):
        refused = signed_in(prosecutor).post(url, {"done": [unknown]})
        assert refused.status_code == 200
        assert list(refused.context["form"].errors) == ["done"]
    assert not trial.readiness.filter(done=True).exists()


# Full-width formula characters in downloads

FULL_WIDTH = ["\uff1d", "\uff0b", "\uff0d", "\uff20"]  # the full-width equals, plus, minus and at signs


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", *FULL_WIDTH], ids=ascii)
def test_a_cell_starting_with_a_formula_character_is_neutralised(start: str) -> None:
    assert (
        neutralised(f'{start}HYPERLINK("http://x.invalid","Click")')
        == f'\'{start}HYPERLINK("http://x.invalid","Click")'
    )


@pytest.mark.parametrize("text", ["Witness statement", "2026-01-01", "a=b", "\uff21"], ids=ascii)
def test_a_cell_that_is_only_text_is_left_alone(text: str) -> None:
    assert neutralised(text) == text


def test_the_table_csv_download_neutralises_full_width_formulas(officer: User) -> None:
    request = RequestFactory().get("/cases/download.csv")
    request.user = officer
    download = Download(request=request, what="a table", purpose=next(iter(Purpose)))
    rows = [[f"{start}1+1", "plain"] for start in FULL_WIDTH]
    response = csv_download(download, filename="table.csv", headers=["cell", "other"], rows=rows)
    read = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert read[1:] == [[f"'{start}1+1", "plain"] for start in FULL_WIDTH]


# Limits and choices: the page and the API refuse the same input with the same words (cases.limits)


@pytest.fixture
def retired_offence(db: None) -> Offence:
    return Offence.objects.create(
        code="retired", title="An offence no longer charged", statute="Repealed Act", disabled_on=timezone.localdate()
    )


def test_the_service_refuses_an_offence_not_in_use(officer: User, retired_offence: Offence) -> None:
    with pytest.raises(ValidationError) as refused:
        _opened(officer, offences=[retired_offence])
    assert refused.value.message_dict == {"offences": [OFFENCES_NOT_IN_USE]}
    assert not Case.objects.exists()


def test_the_page_and_the_api_refuse_an_offence_not_in_use_alike(officer: User, retired_offence: Offence) -> None:
    client = signed_in(officer)
    page = client.post(
        reverse("cases:open"),
        {
            "urn": "13AB1234524",
            "cps_area": CpsArea.objects.get(name=AREA).pk,
            "offences": [retired_offence.pk],
            **date_fields("reported_on", timezone.localdate() - timedelta(days=10)),
        },
    )
    assert page.status_code == 200
    assert page.context["form"].errors["offences"] == [OFFENCES_NOT_IN_USE]
    api = post_json(client, "/api/v1/cases/", _case_json(offences=[retired_offence.code]))
    assert api.status_code == 400, api.json()
    assert api.json() == {"offences": [OFFENCES_NOT_IN_USE]}
    assert not Case.objects.exists()


def test_the_api_refuses_charging_an_offence_not_in_use(
    officer: User, prosecutor: User, case: Case, retired_offence: Offence
) -> None:
    referral = referred_suspect(
        case, officer=officer, received_on=timezone.localdate() - timedelta(days=20)
    ).referrals.get()
    decision = {
        "test": "full_code",
        "outcome": "charge",
        "decided_on": str(timezone.localdate()),
        "bad_character": "not_applicable",
        "bad_character_rationale": "None known",
        "suspect_conduct": "Denies",
        "evidential_reasons": "Assessed",
        "public_interest_reasons": "Serious offence",
        "charged_offences": [retired_offence.code],
    }
    api = post_json(signed_in(prosecutor), f"/api/v1/referrals/{referral.pk}/decision/", decision)
    assert api.status_code == 400, api.json()
    assert api.json() == {"charged_offences": [OFFENCES_NOT_IN_USE]}


def test_the_page_and_the_api_refuse_an_over_long_prfi_reason_alike(
    officer: User, prosecutor: User, case: Case
) -> None:
    referral = referred_suspect(
        case, officer=officer, received_on=timezone.localdate() - timedelta(days=20)
    ).referrals.get()
    over_long = "x" * (LONG_TEXT + 1)
    client = signed_in(prosecutor)
    page = client.post(
        reverse("cases:prfi-referral", args=[case.pk, referral.pk]),
        {"confirmed": "yes", "reason": over_long, **date_fields("prfi_on", timezone.localdate())},
    )
    assert page.status_code == 200
    assert page.context["form"].errors["reason"] == [too_long(LONG_TEXT)]
    api = post_json(
        client, f"/api/v1/referrals/{referral.pk}/prfi/", {"prfi_on": str(timezone.localdate()), "reason": over_long}
    )
    assert api.status_code == 400, api.json()
    assert api.json() == {"reason": [too_long(LONG_TEXT)]}
    with pytest.raises(ValidationError) as refused:
        prfi_referral(actor=prosecutor, referral=referral, prfi_on=timezone.localdate(), reason=over_long)
    assert refused.value.message_dict == {"reason": [too_long(LONG_TEXT)]}
    assert not Prfi.objects.exists()
    # 20,000 characters exactly are taken, by the API as by the page.
    accepted = post_json(
        client,
        f"/api/v1/referrals/{referral.pk}/prfi/",
        {"prfi_on": str(timezone.localdate()), "reason": over_long[1:]},
    )
    assert accepted.status_code == 201, accepted.json()
