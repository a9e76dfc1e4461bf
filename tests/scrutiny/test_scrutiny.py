"""NFA scrutiny panels: reproducible per-force samples of NFA decisions in a period, a pack with no complainant or
suspect name, findings whose referral back reopens the police's review, and who may see what."""

import io
from collections.abc import Callable
from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import PoliceForce, User
from accounts.roles import Role
from cases.models import Case, Suspect
from cases.services.precharge import record_police_nfa, refer_for_charging_decision
from cases.transitions import SuspectStatus
from scrutiny.models import Panel, SampledDecision
from scrutiny.services import create_panel, draw_sample, record_finding
from tests.clients import signed_in
from tests.factories import full_code_decision, make_case
from victims.identity import add_complainant

pytestmark = pytest.mark.django_db

AREA = "Yorkshire and Humberside"
FORCES = ("West Yorkshire Police", "Humberside Police")
PERIOD = (date(2026, 4, 1), date(2026, 6, 30))
SUSPECT_NAME = "Cuthbert Vandersteen-Abara"
COMPLAINANT_NAME = "Henrietta Quillfeather"


def _police_nfa(force: str, on: date, user_of: Callable[..., User], *, name: str = "") -> Suspect:
    officer = user_of(Role.INVESTIGATOR, police_force=force)
    case = make_case(police_force=force, officer_in_charge=officer, reported_on=date(2026, 1, 5))
    suspect = Suspect.objects.get(case=case)
    if name:
        suspect.name = name
        suspect.save()
    with time_machine.travel(on, tick=False):
        record_police_nfa(
            actor=officer,
            suspect=suspect,
            nfa_on=on,
            outcome_code="15",
            reason=f"{name or 'He'} denies; no further lines",
        )
    return suspect


def _cps_nfa(on: date, user_of: Callable[..., User]) -> Suspect:
    officer = user_of(Role.INVESTIGATOR, police_force=FORCES[0])
    prosecutor = user_of(Role.PROSECUTOR, cps_area=AREA)
    case: Case = make_case(officer_in_charge=officer, reported_on=date(2026, 1, 5))
    suspect = Suspect.objects.get(case=case)
    with time_machine.travel(on, tick=False):
        referral = refer_for_charging_decision(actor=officer, suspect=suspect, received_on=on - timedelta(days=20))
        full_code_decision(prosecutor=prosecutor, referral=referral, outcome="nfa_evidential", decided_on=on)
    return suspect


@pytest.fixture
def panel(unit_head: User) -> Panel:
    return create_panel(
        actor=unit_head,
        meets_on=date(2026, 7, 15),
        forces=PoliceForce.objects.filter(name__in=FORCES),
        members="Police – detective inspector\nCPS – senior prosecutor\nISVA service",
    )


def _sampled(sample_pk: int) -> list[int]:
    return list(SampledDecision.objects.filter(sample_id=sample_pk).values_list("suspect_id", flat=True))


def test_same_seed_same_sample_with_per_force_quotas_of_nfa_decisions_in_the_period(
    unit_head: User, panel: Panel, user_of: Callable[..., User]
) -> None:
    west = [_police_nfa(FORCES[0], date(2026, 4, 1) + timedelta(days=7 * n), user_of) for n in range(5)]
    west.append(_cps_nfa(date(2026, 6, 30), user_of))
    humberside = [_police_nfa(FORCES[1], date(2026, 5, 1), user_of) for _ in range(2)]
    _police_nfa(FORCES[0], date(2026, 3, 31), user_of)  # before the period
    _police_nfa(FORCES[0], date(2026, 7, 1), user_of)  # after it
    _police_nfa("Kent Police", date(2026, 5, 1), user_of)  # not one of the panel's forces

    first = draw_sample(actor=unit_head, panel=panel, period_from=PERIOD[0], period_to=PERIOD[1], per_force=3, seed=7)
    again = draw_sample(actor=unit_head, panel=panel, period_from=PERIOD[0], period_to=PERIOD[1], per_force=3, seed=7)
    other = draw_sample(actor=unit_head, panel=panel, period_from=PERIOD[0], period_to=PERIOD[1], per_force=3, seed=8)
    assert _sampled(first.pk) == _sampled(again.pk)
    assert _sampled(first.pk) != _sampled(other.pk)
    chosen = set(_sampled(first.pk))
    assert len(chosen & {s.pk for s in west}) == 3
    assert chosen & {s.pk for s in humberside} == {s.pk for s in humberside}, "a force with fewer gives all it has"
    assert len(chosen) == 5
    kinds = set(SampledDecision.objects.filter(sample=other).values_list("nfa_by", flat=True))
    assert kinds <= {"police", "cps"}


def test_the_pack_names_nobody(unit_head: User, panel: Panel, user_of: Callable[..., User]) -> None:
    suspect = _police_nfa(FORCES[0], date(2026, 5, 4), user_of, name=SUSPECT_NAME)
    officer = user_of(Role.INVESTIGATOR, police_force=FORCES[0])
    add_complainant(actor=officer, case=suspect.case, name=COMPLAINANT_NAME)
    sample = draw_sample(actor=unit_head, panel=panel, period_from=PERIOD[0], period_to=PERIOD[1], per_force=6)
    member = user_of(Role.PANEL_MEMBER, cps_area=AREA)
    page = signed_in(member).get(reverse("scrutiny:pack", args=[sample.pk])).content.decode()
    csv_text = (
        signed_in(member).get(reverse("scrutiny:pack-download", args=[sample.pk, "csv"])).content.decode("utf-8-sig")
    )
    sheet = load_workbook(
        io.BytesIO(signed_in(member).get(reverse("scrutiny:pack-download", args=[sample.pk, "xlsx"])).content)
    ).active
    xlsx_text = " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row)
    for produced in (page, csv_text, xlsx_text):
        assert "Suspect 1 denies; no further lines" in produced, "the reasons are there, with the name replaced"
        for part in (*SUSPECT_NAME.split(), *COMPLAINANT_NAME.split()):
            assert part not in produced
    assert signed_in(member).get(reverse("cases:detail", args=[suspect.case_id])).status_code == 404, "no case record"


def test_a_referral_back_reopens_police_review_on_the_timeline(
    unit_head: User, panel: Panel, user_of: Callable[..., User]
) -> None:
    suspect = _police_nfa(FORCES[0], date(2026, 5, 4), user_of)
    sample = draw_sample(actor=unit_head, panel=panel, period_from=PERIOD[0], period_to=PERIOD[1], per_force=6)
    decision = SampledDecision.objects.get(sample=sample)
    record_finding(
        actor=unit_head,
        decision=decision,
        verdict="refer_back",
        refer_back_reason="too_early",
        learning="Digital download not awaited",
        actions="Obtain the download – West Yorkshire Police DI",
        recorded_on=date.today(),
    )
    suspect.refresh_from_db()
    assert suspect.status == SuspectStatus.WITH_POLICE
    assert suspect.case.timeline.filter(verb="referred_back_for_review").exists()
    officer = user_of(Role.INVESTIGATOR, police_force=FORCES[0])
    # The police may take the case forward again, or take no further action again.
    record_police_nfa(actor=officer, suspect=suspect, nfa_on=date.today(), outcome_code="15", reason="Reviewed again")


def test_only_the_areas_unit_head_runs_the_panel(unit_head: User, panel: Panel, user_of: Callable[..., User]) -> None:
    _police_nfa(FORCES[0], date(2026, 5, 4), user_of)
    with pytest.raises(PermissionDenied):
        draw_sample(
            actor=user_of(Role.UNIT_HEAD, cps_area="North East"),
            panel=panel,
            period_from=PERIOD[0],
            period_to=PERIOD[1],
            per_force=6,
        )
    sample = draw_sample(actor=unit_head, panel=panel, period_from=PERIOD[0], period_to=PERIOD[1], per_force=6)
    member = user_of(Role.PANEL_MEMBER, cps_area=AREA)
    decision = SampledDecision.objects.get(sample=sample)
    assert signed_in(member).post(reverse("scrutiny:finding", args=[decision.pk]), {}).status_code == 403
    elsewhere = user_of(Role.PANEL_MEMBER, cps_area="North East")
    assert signed_in(elsewhere).get(reverse("scrutiny:pack", args=[sample.pk])).status_code == 404
    assert signed_in(user_of(Role.PROSECUTOR, cps_area=AREA)).get(reverse("scrutiny:panels")).status_code == 403
