"""Each recorded thing's "Correct" link is shown where the record is, to the roles the corrections table lets correct
it and to no other, named for the record (GOV.UK's visually hidden text), and opens that record's correction page for
the role who sees it."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from tests.clients import signed_in
from tests.world import DAY, World, build_world

pytestmark = pytest.mark.django_db

CORRECT = re.compile(
    r'<a class="govuk-link" href="(?P<href>[^"]+)">'
    r'Correct<span class="govuk-visually-hidden">(?P<name>[^<]+)</span></a>'
)


def _links(client: Client, page: str, world: World) -> dict[str, str]:
    """The page's Correct links by their accessible name ("Correct hearing 1 of Suspect 4"): their addresses."""
    response = client.get(reverse(page, args=[world.case.pk]))
    assert response.status_code == 200, page
    return {f"Correct{match['name']}": match["href"] for match in CORRECT.finditer(response.content.decode())}


def _correction(name: str, world: World, parameter: str) -> str:
    return reverse(name, args=[world.case.pk, world.ids[parameter]])


def _opens(client: Client, address: str) -> None:
    assert client.get(address).status_code == 200, address


@pytest.fixture
def world() -> World:
    return build_world()


def test_a_prosecutor_sees_the_hearings_and_the_decisions_correct_links_and_not_the_polices(world: World) -> None:
    prosecutor = signed_in(world.people[Role.PROSECUTOR])
    hearing = _correction("corrections:hearing", world, "hearing_pk")
    decision = _correction("corrections:charging-decision", world, "decision_pk")

    court = _links(prosecutor, "cases:court", world)
    assert court["Correct hearing 1 of Suspect 4"] == hearing
    charging = _links(prosecutor, "cases:charging", world)
    assert charging["Correct the charging decision for Suspect 4"] == decision
    for address in (hearing, decision):
        _opens(prosecutor, address)

    assert not _links(prosecutor, "cases:suspects", world), "a police NFA is the police's to correct"
    assert not [name for name in _links(prosecutor, "cases:early-advice", world) if "referral" in name]


def test_an_investigator_sees_the_police_nfas_and_the_referrals_correct_links_and_not_the_cps(world: World) -> None:
    investigator = signed_in(world.people[Role.INVESTIGATOR])
    nfa = _correction("corrections:police-nfa", world, "nfa_pk")
    referral = _correction("corrections:referral", world, "referral_pk")

    suspects = _links(investigator, "cases:suspects", world)
    assert suspects[f"Correct the police NFA of {DAY:%-d %B %Y} for Suspect 5"] == nfa
    early_advice = _links(investigator, "cases:early-advice", world)
    assert early_advice[f"Correct the early advice referral for Suspect 1 received {DAY:%-d %B %Y}"] == referral
    for address in (nfa, referral):
        _opens(investigator, address)

    court = _links(investigator, "cases:court", world)
    assert not [address for address in court.values() if "/corrections/hearings/" in address]
    assert "Correct hearing 1 of Suspect 4" not in court
    charging = _links(investigator, "cases:charging", world)
    assert not [address for address in charging.values() if "/corrections/charging-decisions/" in address]
    assert not [name for name in early_advice if "the early advice for" in name], "advice is the CPS's to correct"
