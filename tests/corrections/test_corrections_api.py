"""Corrections through the API: the same service as the pages, PATCH /api/v1/corrections/<records>/<id>/ with the
details and the reason. A role that may not correct the record is a 403, a record outside the user's scope a 404,
a missing reason or a correction that would break the journey a 400 that says why, and nothing changes."""

import json
from datetime import date
from typing import Any

import pytest
from django.test import Client

from accounts.roles import Role
from cases.models import ChargingDecision, Hearing
from corrections.models import Correction
from tests.clients import signed_in
from tests.corrections.journey import AREA, REASON, Journey
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _patch(client: Client, path: str, data: dict[str, Any]) -> Any:
    return client.patch(path, json.dumps(data), content_type="application/json")


def test_a_prosecutor_corrects_a_hearing_date_and_is_answered_with_the_correction(journey: Journey) -> None:
    path = f"/api/v1/corrections/hearings/{journey.hearing.pk}/"
    response = _patch(signed_in(journey.prosecutor), path, {"held_on": "2025-04-28", "correction_reason": REASON})
    assert response.status_code == 200, response.content
    answer = response.json()
    assert answer["record"] == "hearing"
    assert answer["record_id"] == journey.hearing.pk
    assert answer["fields"] == ["Date of the hearing"]
    assert answer["reason"] == REASON
    assert answer["made_by"] == journey.prosecutor.pk
    assert Hearing.objects.get(pk=journey.hearing.pk).held_on == date(2025, 4, 28)
    assert Hearing.history.filter(id=journey.hearing.pk).count() == 2  # type: ignore[attr-defined]


def test_the_police_correct_a_referral_and_its_deadline_follows(journey: Journey) -> None:
    path = f"/api/v1/corrections/referrals/{journey.referral.pk}/"
    response = _patch(signed_in(journey.officer), path, {"received_on": "2025-02-20", "correction_reason": "Misdated"})
    assert response.status_code == 200, response.content
    journey.referral.refresh_from_db()
    assert journey.referral.due_on == date(2025, 3, 20)


def test_another_role_is_refused_and_nothing_changes(journey: Journey) -> None:
    hearing = f"/api/v1/corrections/hearings/{journey.hearing.pk}/"
    nfa = f"/api/v1/corrections/police-nfas/{journey.nfa.pk}/"
    officer, prosecutor = signed_in(journey.officer), signed_in(journey.prosecutor)
    assert _patch(officer, hearing, {"held_on": "2025-04-28", "correction_reason": REASON}).status_code == 403
    assert _patch(prosecutor, nfa, {"outcome_code": "16", "correction_reason": REASON}).status_code == 403
    vlo = signed_in(make_user(Role.VICTIM_LIAISON_OFFICER, cps_area=AREA))
    assert _patch(vlo, hearing, {"held_on": "2025-04-28", "correction_reason": REASON}).status_code == 403
    assert not Correction.objects.exists()


def test_outside_the_users_scope_the_record_is_not_found(journey: Journey) -> None:
    elsewhere = signed_in(make_user(Role.PROSECUTOR, cps_area="London South"))
    path = f"/api/v1/corrections/hearings/{journey.hearing.pk}/"
    assert _patch(elsewhere, path, {"held_on": "2025-04-28", "correction_reason": REASON}).status_code == 404
    analyst = signed_in(make_user(Role.ANALYST, cps_area=AREA))
    assert _patch(analyst, path, {"held_on": "2025-04-28", "correction_reason": REASON}).status_code == 404
    assert not Correction.objects.exists()


def test_without_a_reason_the_reason_is_refused(journey: Journey) -> None:
    path = f"/api/v1/corrections/hearings/{journey.hearing.pk}/"
    response = _patch(signed_in(journey.prosecutor), path, {"held_on": "2025-04-28"})
    assert response.status_code == 400
    assert "correction_reason" in response.json()
    blank = _patch(signed_in(journey.prosecutor), path, {"held_on": "2025-04-28", "correction_reason": "  "})
    assert blank.status_code == 400
    assert "correction_reason" in blank.json()
    assert not Correction.objects.exists()


BREAKS = [
    (
        "charging-decisions",
        "decision",
        {"decided_on": "2025-02-27"},
        {"decided_on": ["The date must be on or after the referral (1 March 2025)."]},
    ),
    (
        "hearings",
        "hearing",
        {"held_on": "2025-03-19"},
        {"held_on": ["The date must be on or after the charge (20 March 2025)."]},
    ),
]


@pytest.mark.parametrize(("records", "record", "data", "refusal"), BREAKS, ids=[b[0] for b in BREAKS])
def test_a_correction_that_would_break_the_journey_is_a_400_that_says_why(
    journey: Journey, records: str, record: str, data: dict[str, str], refusal: dict[str, list[str]]
) -> None:
    target = getattr(journey, record)
    kept = type(target).history.filter(id=target.pk).count()
    path = f"/api/v1/corrections/{records}/{target.pk}/"
    response = _patch(signed_in(journey.head), path, {**data, "correction_reason": REASON})
    assert response.status_code == 400
    assert response.json() == refusal
    assert type(target).history.filter(id=target.pk).count() == kept, "nothing changed"
    assert ChargingDecision.objects.get(pk=journey.decision.pk).decided_on == date(2025, 3, 20)
    assert Hearing.objects.get(pk=journey.hearing.pk).held_on == date(2025, 4, 29)
    assert not Correction.objects.exists()


def test_a_correction_is_only_patched(journey: Journey) -> None:
    client = signed_in(journey.prosecutor)
    path = f"/api/v1/corrections/hearings/{journey.hearing.pk}/"
    assert client.get(path).status_code == 405
    assert client.delete(path).status_code == 405
    assert Hearing.objects.filter(pk=journey.hearing.pk).exists()
