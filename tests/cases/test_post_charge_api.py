"""The API after charge: the sentence next to the outcome (409 for a move the table refuses), and a hearing listed
ahead at its named court, recorded as held once its date has come."""

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from accounts.models import User
from cases.models import Prosecution, Suspect
from cases.services.court import record_sending
from tests.clients import post_json, signed_in
from tests.factories import full_code_decision, make_case, referred_suspect

pytestmark = pytest.mark.django_db


@pytest.fixture
def prosecution(officer: User, prosecutor: User) -> Prosecution:
    case = make_case(officer_in_charge=officer, reported_on=timezone.localdate() - timedelta(days=300))
    suspect = referred_suspect(case, officer=officer, received_on=timezone.localdate() - timedelta(days=200))
    full_code_decision(
        prosecutor=prosecutor,
        referral=suspect.referrals.get(),
        outcome="charge",
        decided_on=timezone.localdate() - timedelta(150),
    )
    return record_sending(
        actor=prosecutor,
        suspect=suspect,
        sent_on=timezone.localdate() - timedelta(days=140),
        remanded_in_custody=False,
    )


def _status(prosecution: Prosecution) -> str:
    return Suspect.objects.get(pk=prosecution.suspect_id).status


def _day(days_ago: int) -> str:
    return str(timezone.localdate() - timedelta(days=days_ago))


def test_the_sentence_through_the_api(prosecution: Prosecution, prosecutor: User, officer: User) -> None:
    cps = signed_in(prosecutor)
    sentence = f"/api/v1/prosecutions/{prosecution.pk}/sentence/"
    early = post_json(cps, sentence, {"sentence": "Community order", "sentenced_on": _day(10)})
    assert early.status_code == 409
    assert (early.json()["event"], early.json()["status"]) == ("sentence", "awaiting_ptph")
    assert early.json()["detail"].startswith("You cannot record the sentence while the suspect is")
    outcome = f"/api/v1/prosecutions/{prosecution.pk}/outcome/"
    assert post_json(cps, outcome, {"result": "convicted_after_trial", "completed_on": _day(20)}).status_code == 201
    twice = post_json(cps, outcome, {"result": "acquitted", "completed_on": _day(20)})
    assert (twice.status_code, twice.json()["status"]) == (409, "convicted")

    assert post_json(signed_in(officer), sentence, {"sentence": "X", "sentenced_on": _day(10)}).status_code == 403
    before = post_json(cps, sentence, {"sentence": "Community order", "sentenced_on": _day(21)})
    assert before.status_code == 400
    assert before.json() == {
        "sentenced_on": [
            f"The date must be on or after the conviction ({timezone.localdate() - timedelta(days=20):%-d %B %Y})."
        ]
    }
    ahead = post_json(
        cps, sentence, {"sentence": "Community order", "sentenced_on": str(timezone.localdate() + timedelta(days=1))}
    )
    assert ahead.json() == {"sentenced_on": ["The date must be today or in the past."]}
    done = post_json(cps, sentence, {"sentence": "Community order", "sentenced_on": _day(10)})
    assert done.status_code == 201
    assert (done.json()["sentence"], done.json()["sentenced_on"]) == ("Community order", _day(10))
    assert cps.get(f"/api/v1/suspects/{prosecution.suspect_id}/").json()["status"] == "sentenced"
    again = post_json(cps, sentence, {"sentence": "Community order", "sentenced_on": _day(10)})
    assert (again.status_code, again.json()["status"]) == (409, "sentenced")


def test_a_hearing_listed_ahead_through_the_api(prosecution: Prosecution, prosecutor: User) -> None:
    cps = signed_in(prosecutor)
    ptph_on = timezone.localdate() + timedelta(days=14)
    body = {"suspect": prosecution.suspect_id, "court": "crown", "kind": "ptph", "held_on": str(ptph_on)}
    unnamed = post_json(cps, "/api/v1/hearings/", body)
    assert (unnamed.status_code, list(unnamed.json())) == (400, ["court_name"])
    body["court_name"] = "Snaresbrook Crown Court"
    with_plea = post_json(cps, "/api/v1/hearings/", body | {"plea": "guilty"})
    assert with_plea.json() == {
        "plea": [f"You can record the plea once the hearing has been held: it is listed for {ptph_on:%-d %B %Y}."]
    }
    listed = post_json(cps, "/api/v1/hearings/", body)
    assert listed.status_code == 201
    assert (listed.json()["court_name"], listed.json()["held_on"]) == ("Snaresbrook Crown Court", str(ptph_on))
    assert _status(prosecution) == "awaiting_ptph"
    held = f"/api/v1/hearings/{listed.json()['id']}/held/"
    early = post_json(cps, held, {"what_happened": "Trial fixed", "plea": "not_guilty"})
    assert early.status_code == 400
    assert early.json()["non_field_errors"] == [
        f"You can record what happened once the hearing has been held: it is listed for {ptph_on:%-d %B %Y}."
    ]
    with time_machine.travel(ptph_on, tick=False):
        cps = signed_in(prosecutor)
        recorded = post_json(cps, held, {"what_happened": "Trial fixed", "plea": "not_guilty"})
        assert recorded.status_code == 201
        assert (recorded.json()["plea"], recorded.json()["what_happened"]) == ("not_guilty", "Trial fixed")
        assert cps.get(f"/api/v1/suspects/{prosecution.suspect_id}/").json()["status"] == "awaiting_trial"


def test_a_hearing_is_listed_no_further_than_two_years_ahead(prosecution: Prosecution, prosecutor: User) -> None:
    latest: date = timezone.localdate() + timedelta(days=730)
    body = {"suspect": prosecution.suspect_id, "court": "crown", "court_name": "Leeds Crown Court", "kind": "trial"}
    far = post_json(signed_in(prosecutor), "/api/v1/hearings/", body | {"held_on": str(latest + timedelta(days=1))})
    assert far.json() == {
        "held_on": [
            f"The date must be on or before {latest:%-d %B %Y}: a hearing or trial is listed up to 730 days ahead."
        ]
    }
    listing = {"suspect": prosecution.suspect_id, "listed_for": str(latest + timedelta(days=1))}
    trial = post_json(signed_in(prosecutor), "/api/v1/trials/", listing)
    assert trial.json() == {"listed_for": far.json()["held_on"]}
