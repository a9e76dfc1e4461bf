"""Court and scrutiny API: the same services and scoping as the pages."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
import time_machine

from accounts.models import PoliceForce, User
from accounts.roles import Role
from cases.models import Suspect
from cases.services.precharge import record_police_nfa
from tests.clients import post_json, signed_in
from tests.factories import full_code_decision, make_case, referred_suspect

pytestmark = pytest.mark.django_db

AREA = "Yorkshire and Humberside"


def test_court_journey_through_the_api(user_of: Callable[..., User]) -> None:
    officer = user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    prosecutor = user_of(Role.PROSECUTOR, cps_area=AREA)
    case = make_case(officer_in_charge=officer, reported_on=date(2025, 10, 1))
    with time_machine.travel(date(2026, 3, 2), tick=False):
        suspect = referred_suspect(case, officer=officer, received_on=date(2026, 2, 1))
        full_code_decision(
            prosecutor=prosecutor, referral=suspect.referrals.get(), outcome="charge", decided_on=date(2026, 3, 2)
        )
    cps = signed_in(prosecutor)
    sent = post_json(
        cps, "/api/v1/prosecutions/", {"suspect": suspect.pk, "sent_on": "2026-03-04", "remanded_in_custody": True}
    )
    assert (sent.status_code, sent.json()["custody_time_limit_on"]) == (201, "2026-09-02")
    for held_on, kind, plea in (("2026-04-10", "ptph", "not_guilty"), ("2026-03-03", "first", None)):
        body = {
            "suspect": suspect.pk,
            "court": "crown" if kind == "ptph" else "magistrates",
            "court_name": "Leeds Crown Court" if kind == "ptph" else "Leeds Magistrates' Court",
            "kind": kind,
            "held_on": held_on,
        }
        assert post_json(cps, "/api/v1/hearings/", body | ({"plea": plea} if plea else {})).status_code == 201
    hearings = cps.get(f"/api/v1/hearings/?suspect={suspect.pk}").json()["results"]
    assert [(h["number"], h["kind"], h["plea"]) for h in hearings] == [(1, "first", None), (2, "ptph", "not_guilty")]
    trial = post_json(cps, "/api/v1/trials/", {"suspect": suspect.pk, "listed_for": "2026-08-03"}).json()
    items = [check["item"] for check in trial["readiness"]]
    ready = post_json(cps, f"/api/v1/trials/{trial['id']}/readiness/", {"done": items[:2]}).json()
    assert [check["done"] for check in ready["readiness"]][:3] == [True, True, False]
    direction = post_json(
        cps,
        "/api/v1/judge-directions/",
        {"case": case.pk, "direction": "Serve the download", "set_on": "2026-04-10", "due_on": "2026-04-24"},
    ).json()
    complied = post_json(cps, f"/api/v1/judge-directions/{direction['id']}/complied/", {"complied_on": "2026-04-20"})
    assert complied.json()["on_time"] is True
    outsider = signed_in(user_of(Role.PROSECUTOR, cps_area="North East"))
    assert outsider.get(f"/api/v1/trials/{trial['id']}/").status_code == 404
    refused = post_json(
        outsider,
        "/api/v1/hearings/",
        {
            "suspect": suspect.pk,
            "court": "crown",
            "court_name": "Leeds Crown Court",
            "kind": "trial",
            "held_on": "2026-08-03",
        },
    )
    assert refused.status_code == 400
    assert "suspect" in refused.json()


def test_scrutiny_through_the_api(user_of: Callable[..., User]) -> None:
    officer = user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    unit_head = user_of(Role.UNIT_HEAD, cps_area=AREA)
    case = make_case(officer_in_charge=officer, reported_on=date(2026, 1, 5))
    suspect = Suspect.objects.get(case=case)
    suspect.name = "Peregrine Ashdown-Mbeki"
    suspect.save()
    nfa_on = date.today() - timedelta(days=10)
    record_police_nfa(actor=officer, suspect=suspect, nfa_on=nfa_on, outcome_code="15", reason="Peregrine denies it")
    head = signed_in(unit_head)
    force = PoliceForce.objects.get(name="West Yorkshire Police")
    panel = post_json(
        head,
        "/api/v1/scrutiny-panels/",
        {"meets_on": str(date.today()), "forces": [force.pk], "members": "Police\nCPS"},
    )
    assert panel.status_code == 201, panel.json()
    sample = post_json(
        head,
        f"/api/v1/scrutiny-panels/{panel.json()['id']}/samples/",
        {"period_from": str(nfa_on), "period_to": str(date.today()), "per_force": 6, "seed": 3},
    ).json()
    assert [d["suspect"] for d in sample["decisions"]] == [suspect.pk]
    member = signed_in(user_of(Role.PANEL_MEMBER, cps_area=AREA))
    entries = member.get(f"/api/v1/scrutiny-samples/{sample['id']}/pack/")
    assert entries.json()[0]["reasons"] == "Suspect 1 denies it"
    assert "Peregrine" not in entries.content.decode()
    decision = sample["decisions"][0]["id"]
    assert (
        post_json(
            member,
            f"/api/v1/scrutiny-decisions/{decision}/finding/",
            {"verdict": "appropriate", "recorded_on": str(date.today())},
        ).status_code
        == 403
    )
    finding = post_json(
        head,
        f"/api/v1/scrutiny-decisions/{decision}/finding/",
        {"verdict": "refer_back", "refer_back_reason": "could_be_built", "recorded_on": str(date.today())},
    )
    assert finding.status_code == 201, finding.json()
    suspect.refresh_from_db()
    assert suspect.status == "with_police"
    assert (
        signed_in(user_of(Role.UNIT_HEAD, cps_area="North East"))
        .get(f"/api/v1/scrutiny-samples/{sample['id']}/pack/")
        .status_code
        == 404
    )
