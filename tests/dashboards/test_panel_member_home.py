"""A scrutiny panel member's home page lists their Area's panels and each panel's packs, with how many cases still
need the panel's finding: they are told the packs appear there. Another Area's panels and packs are not shown, and
the page's queries do not grow with the number of panels and packs."""

from collections.abc import Callable
from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import PoliceForce, User
from accounts.roles import Role
from cases.models import Suspect
from cases.services.precharge import record_police_nfa
from scrutiny.models import Panel, Sample, SampledDecision, Verdict
from scrutiny.services import create_panel, draw_sample, record_finding
from tests.clients import signed_in
from tests.factories import make_case, make_user
from tests.html_references import Element, parse

pytestmark = pytest.mark.django_db

FORCE = "West Yorkshire Police"
AREA = "Yorkshire and Humberside"
OTHER_FORCE = "Northumbria Police"
OTHER_AREA = "North East"
TODAY = date(2026, 7, 1)


def police_nfa(force: str, area: str) -> Suspect:
    officer = make_user(Role.INVESTIGATOR, police_force=force)
    case = make_case(police_force=force, cps_area=area, officer_in_charge=officer, reported_on=date(2026, 1, 5))
    suspect = Suspect.objects.get(case=case)
    with time_machine.travel(date(2026, 5, 4), tick=False):
        record_police_nfa(
            actor=officer, suspect=suspect, nfa_on=date(2026, 5, 4), outcome_code="15", reason="No lines of enquiry"
        )
    return suspect


def panel_with_pack(head: User, force: str, meets_on: date) -> tuple[Panel, Sample]:
    panel = create_panel(
        actor=head,
        meets_on=meets_on,
        forces=PoliceForce.objects.filter(name=force),
        members="Police – detective inspector\nCPS – senior prosecutor",
    )
    with time_machine.travel(date(2026, 6, 10), tick=False):
        sample = draw_sample(
            actor=head, panel=panel, period_from=date(2026, 4, 1), period_to=date(2026, 6, 30), per_force=10, seed=7
        )
    return panel, sample


def home(member: User) -> Element:
    with time_machine.travel(TODAY, tick=False):
        response = signed_in(member).get(reverse("dashboards:home"))
    assert response.status_code == 200
    return parse(response.content.decode())


def links(page: Element) -> set[str]:
    return {node.attrs["href"] for node in page.iter() if node.tag == "a" and "href" in node.attrs}


@pytest.fixture
def head(user_of: Callable[..., User]) -> User:
    return user_of(Role.UNIT_HEAD, cps_area=AREA)


def test_a_panel_member_sees_their_panels_and_packs_with_what_needs_a_finding(head: User) -> None:
    for _ in range(3):
        police_nfa(FORCE, AREA)
    panel, sample = panel_with_pack(head, FORCE, meets_on=date(2026, 7, 15))
    decided = SampledDecision.objects.filter(sample=sample).first()
    assert decided is not None
    record_finding(actor=head, decision=decided, verdict=Verdict.APPROPRIATE, recorded_on=date(2026, 6, 20))
    member = make_user(Role.PANEL_MEMBER, cps_area=AREA)

    page = home(member)

    text = " ".join(page.text_content().split())
    assert "Your panel next meets on 15 July 2026." in text
    assert "Panel meeting on 15 July 2026" in text
    assert AREA in text
    pack = next(
        node for node in page.iter() if node.tag == "li" and "Pack drawn on 10 June 2026" in node.text_content()
    )
    assert "3 cases" in pack.text_content()
    assert "2 need a finding" in pack.text_content()
    assert {
        reverse("scrutiny:panel", args=[panel.pk]),
        reverse("scrutiny:pack", args=[sample.pk]),
        reverse("scrutiny:pack-download", args=[sample.pk, "csv"]),
        reverse("scrutiny:pack-download", args=[sample.pk, "xlsx"]),
    } <= links(page)
    # Each link leads to the pack the member may open.
    assert signed_in(member).get(reverse("scrutiny:pack", args=[sample.pk])).status_code == 200


def test_another_areas_panels_and_packs_are_not_shown(head: User, user_of: Callable[..., User]) -> None:
    police_nfa(OTHER_FORCE, OTHER_AREA)
    other_head = user_of(Role.UNIT_HEAD, cps_area=OTHER_AREA)
    other_panel, other_sample = panel_with_pack(other_head, OTHER_FORCE, meets_on=date(2026, 7, 20))
    member = make_user(Role.PANEL_MEMBER, cps_area=AREA)

    page = home(member)

    text = " ".join(page.text_content().split())
    assert "Your Area has no scrutiny panels yet." in text
    assert "20 July 2026" not in text
    assert not {reverse("scrutiny:panel", args=[other_panel.pk]), reverse("scrutiny:pack", args=[other_sample.pk])} & (
        links(page)
    )


def test_the_home_pages_queries_do_not_grow_with_panels_and_packs(head: User) -> None:
    police_nfa(FORCE, AREA)
    member = make_user(Role.PANEL_MEMBER, cps_area=AREA)
    panel_with_pack(head, FORCE, meets_on=date(2026, 7, 15))
    client = signed_in(member)
    client.get(reverse("dashboards:home"))  # the session and the first page's one-off reads

    def queries() -> int:
        with time_machine.travel(TODAY, tick=False), CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("dashboards:home")).status_code == 200
        return len(captured)

    one = queries()
    for month in (8, 9, 10):
        _, sample = panel_with_pack(head, FORCE, meets_on=date(2026, month, 15))
        with time_machine.travel(date(2026, 6, 11), tick=False):
            draw_sample(
                actor=head,
                panel=sample.panel,
                period_from=date(2026, 4, 1),
                period_to=date(2026, 6, 30),
                per_force=10,
                seed=8,
            )
    assert Sample.objects.count() == 7
    assert queries() == one
