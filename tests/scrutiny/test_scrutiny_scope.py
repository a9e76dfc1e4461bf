"""NFA scrutiny stays inside the panel's CPS Area. The Metropolitan Police Service is served by London North and
London South, and CPS Direct serves every force: a panel's sample, pack, decisions and findings hold only cases of the
panel's Area, whatever forces it covers; a sampled decision on another Area's case (stored before the rule) is a 404
everywhere, and no finding or referral back can be written on it."""

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import PoliceForce, User
from accounts.roles import Role
from cases.models import Suspect
from cases.services.precharge import record_police_nfa, refer_for_charging_decision
from cases.transitions import SuspectStatus
from scrutiny.models import Finding, Panel, Sample, SampledDecision, Verdict
from scrutiny.services import create_panel, draw_sample, record_finding
from tests.clients import date_fields, post_json, signed_in, token_client
from tests.factories import full_code_decision, make_case, make_user

pytestmark = pytest.mark.django_db

MET = "Metropolitan Police Service"
NORTH = "London North"
SOUTH = "London South"
DIRECT = "CPS Direct"
PERIOD = (date(2026, 4, 1), date(2026, 6, 30))
IN_PERIOD = date(2026, 5, 4)


def police_nfa(force: str, area: str, on: date = IN_PERIOD) -> Suspect:
    """A case of the force allocated to the Area, its suspect dropped by the police on ``on``."""
    officer = make_user(Role.INVESTIGATOR, police_force=force)
    case = make_case(police_force=force, cps_area=area, officer_in_charge=officer, reported_on=date(2026, 1, 5))
    suspect = Suspect.objects.get(case=case)
    with time_machine.travel(on, tick=False):
        record_police_nfa(
            actor=officer, suspect=suspect, nfa_on=on, outcome_code="15", reason="No further lines of enquiry"
        )
    return suspect


def cps_nfa(force: str, area: str, on: date = IN_PERIOD) -> Suspect:
    """A case of the force allocated to the Area, its suspect not charged by the Area's prosecutor on ``on``."""
    officer = make_user(Role.INVESTIGATOR, police_force=force)
    prosecutor = make_user(Role.PROSECUTOR, cps_area=area)
    case = make_case(police_force=force, cps_area=area, officer_in_charge=officer, reported_on=date(2026, 1, 5))
    suspect = Suspect.objects.get(case=case)
    with time_machine.travel(on, tick=False):
        referral = refer_for_charging_decision(actor=officer, suspect=suspect, received_on=on - timedelta(days=20))
        full_code_decision(prosecutor=prosecutor, referral=referral, outcome="nfa_evidential", decided_on=on)
    return suspect


def panel_of(head: User, *forces: str) -> Panel:
    return create_panel(
        actor=head,
        meets_on=date(2026, 7, 15),
        forces=PoliceForce.objects.filter(name__in=forces),
        members="Police – detective inspector\nCPS – senior prosecutor",
    )


def sampled_suspects(sample: Sample) -> set[int]:
    return set(SampledDecision.objects.filter(sample=sample).values_list("suspect_id", flat=True))


def api(user: User) -> Client:
    return token_client(user)


def test_a_london_south_panel_for_the_met_samples_only_london_south_cases(user_of: Callable[..., User]) -> None:
    south = {police_nfa(MET, SOUTH).pk, police_nfa(MET, SOUTH).pk, cps_nfa(MET, SOUTH).pk}
    north = {police_nfa(MET, NORTH).pk, police_nfa(MET, NORTH).pk, cps_nfa(MET, NORTH).pk}
    head = user_of(Role.UNIT_HEAD, cps_area=SOUTH)
    panel = panel_of(head, MET)

    sample = draw_sample(actor=head, panel=panel, period_from=PERIOD[0], period_to=PERIOD[1], per_force=50, seed=1)

    assert sampled_suspects(sample) == south
    assert not sampled_suspects(sample) & north


def test_a_london_south_panel_draws_nothing_from_london_north_alone(user_of: Callable[..., User]) -> None:
    police_nfa(MET, NORTH)
    head = user_of(Role.UNIT_HEAD, cps_area=SOUTH)
    panel = panel_of(head, MET)
    refused = signed_in(head).post(
        reverse("scrutiny:panel", args=[panel.pk]),
        {**date_fields("period_from", PERIOD[0]), **date_fields("period_to", PERIOD[1]), "per_force": "6"},
    )
    assert refused.status_code == 200
    assert "There are no NFA decisions" in refused.content.decode()
    assert not Sample.objects.filter(panel=panel).exists()


def test_a_cps_direct_panel_samples_no_other_areas_nfa(user_of: Callable[..., User]) -> None:
    """CPS Direct serves every force but holds no cases (the services refuse it as a case's Area): its panel finds
    no NFA decision of its own, whatever the Areas' NFAs on its forces."""
    police_nfa(MET, NORTH)
    police_nfa(MET, SOUTH)
    cps_nfa(MET, NORTH)
    police_nfa("West Yorkshire Police", "Yorkshire and Humberside")
    cps_nfa("West Yorkshire Police", "Yorkshire and Humberside")
    head = user_of(Role.UNIT_HEAD, cps_area=DIRECT)
    panel = panel_of(head, MET, "West Yorkshire Police")
    period = {"period_from": str(PERIOD[0]), "period_to": str(PERIOD[1]), "per_force": 50}

    with pytest.raises(ValidationError):
        draw_sample(actor=head, panel=panel, period_from=PERIOD[0], period_to=PERIOD[1], per_force=50, seed=2)
    page = signed_in(head).post(
        reverse("scrutiny:panel", args=[panel.pk]),
        {**date_fields("period_from", PERIOD[0]), **date_fields("period_to", PERIOD[1]), "per_force": "50"},
    )
    assert page.status_code == 200
    assert "There are no NFA decisions" in page.content.decode()
    refused = post_json(api(head), f"/api/v1/scrutiny-panels/{panel.pk}/samples/", period)
    assert refused.status_code == 400, refused.content
    assert not Sample.objects.filter(panel=panel).exists()


@dataclass
class Stale:
    """A London South panel's sample of one London South case (``own``), plus two decisions on London North Met cases
    sampled before the rule (written directly), a finding stored on the second."""

    head: User
    member: User
    sample: Sample
    own: Suspect
    outside: SampledDecision
    outside_with_finding: SampledDecision
    old_finding: Finding
    urns: list[str]


@pytest.fixture
def stale() -> Stale:
    head = make_user(Role.UNIT_HEAD, cps_area=SOUTH)
    own = police_nfa(MET, SOUTH)
    sample = draw_sample(
        actor=head, panel=panel_of(head, MET), period_from=PERIOD[0], period_to=PERIOD[1], per_force=6, seed=3
    )
    assert sampled_suspects(sample) == {own.pk}
    north, other = police_nfa(MET, NORTH), cps_nfa(MET, NORTH)
    outside = SampledDecision.objects.create(
        sample=sample, suspect=north, nfa_by="police", nfa_on=IN_PERIOD, police_force=north.police_force
    )
    outside_with_finding = SampledDecision.objects.create(
        sample=sample, suspect=other, nfa_by="cps", nfa_on=IN_PERIOD, police_force=other.police_force
    )
    old_finding = Finding.objects.create(
        decision=outside_with_finding, verdict=Verdict.APPROPRIATE, recorded_on=IN_PERIOD, recorded_by=head
    )
    return Stale(
        head=head,
        member=make_user(Role.PANEL_MEMBER, cps_area=SOUTH),
        sample=sample,
        own=own,
        outside=outside,
        outside_with_finding=outside_with_finding,
        old_finding=old_finding,
        urns=[north.case.urn, other.case.urn],
    )


@pytest.mark.parametrize("reader", ["head", "member"])
def test_an_old_sampled_decision_on_another_areas_case_is_in_no_pack(stale: Stale, reader: str) -> None:
    user, sample, own = getattr(stale, reader), stale.sample, stale.own
    page = signed_in(user)
    pack = page.get(reverse("scrutiny:pack", args=[sample.pk]))
    csv_text = page.get(reverse("scrutiny:pack-download", args=[sample.pk, "csv"])).content.decode("utf-8-sig")
    workbook = load_workbook(io.BytesIO(page.get(reverse("scrutiny:pack-download", args=[sample.pk, "xlsx"])).content))
    xlsx_text = " ".join(str(cell.value) for row in workbook.active.iter_rows() for cell in row)
    panel_page = page.get(reverse("scrutiny:panel", args=[sample.panel_id])).content.decode()
    client = api(user)
    api_pack = client.get(f"/api/v1/scrutiny-samples/{sample.pk}/pack/")
    api_sample = client.get(f"/api/v1/scrutiny-samples/{sample.pk}/")
    api_samples = client.get("/api/v1/scrutiny-samples/")
    api_decisions = client.get("/api/v1/scrutiny-decisions/")
    api_filtered = client.get(f"/api/v1/scrutiny-decisions/?sample={sample.pk}")
    api_findings = client.get("/api/v1/scrutiny-findings/")
    assert pack.status_code == api_pack.status_code == api_sample.status_code == 200

    for produced in (pack.content.decode(), csv_text, xlsx_text, api_pack.content.decode()):
        assert own.case.urn in produced
        for urn in stale.urns:
            assert urn not in produced
    assert "1 case," in panel_page
    assert [entry["urn"] for entry in api_pack.json()] == [own.case.urn]
    assert [d["suspect"] for d in api_sample.json()["decisions"]] == [own.pk]
    assert [d["suspect"] for s in api_samples.json()["results"] for d in s["decisions"]] == [own.pk]
    assert [d["suspect"] for d in api_decisions.json()["results"]] == [own.pk]
    assert [d["suspect"] for d in api_filtered.json()["results"]] == [own.pk]
    assert api_findings.json()["results"] == []
    for decision in (stale.outside, stale.outside_with_finding):
        assert client.get(f"/api/v1/scrutiny-decisions/{decision.pk}/").status_code == 404
    assert client.get(f"/api/v1/scrutiny-findings/{stale.old_finding.pk}/").status_code == 404


def test_no_finding_nor_referral_back_on_an_old_decision_on_another_areas_case(stale: Stale) -> None:
    head, decision = stale.head, stale.outside
    today = date.today()
    refer_back = {"verdict": "refer_back", "refer_back_reason": "too_early", "confirmed": "yes"}
    page = signed_in(head)
    address = reverse("scrutiny:finding", args=[decision.pk])

    assert page.get(address).status_code == 404
    assert page.post(address, {**refer_back, **date_fields("recorded_on", today)}).status_code == 404
    answer = post_json(
        api(head),
        f"/api/v1/scrutiny-decisions/{decision.pk}/finding/",
        {"verdict": "refer_back", "refer_back_reason": "too_early", "recorded_on": str(today)},
    )
    assert answer.status_code == 404, answer.content
    with pytest.raises(Http404):
        record_finding(
            actor=head, decision=decision, verdict="refer_back", refer_back_reason="too_early", recorded_on=today
        )

    assert not Finding.objects.filter(decision=decision).exists()
    suspect = Suspect.objects.get(pk=decision.suspect_id)
    assert suspect.status == SuspectStatus.POLICE_NFA
    assert not suspect.case.timeline.filter(verb="referred_back_for_review").exists()


def test_the_own_case_in_the_same_sample_still_takes_its_finding(stale: Stale) -> None:
    own = SampledDecision.objects.get(sample=stale.sample, suspect=stale.own)
    answer = post_json(
        api(stale.head),
        f"/api/v1/scrutiny-decisions/{own.pk}/finding/",
        {"verdict": "refer_back", "refer_back_reason": "too_early", "recorded_on": str(date.today())},
    )
    assert answer.status_code == 201, answer.content
    assert Suspect.objects.get(pk=own.suspect_id).status == SuspectStatus.WITH_POLICE
