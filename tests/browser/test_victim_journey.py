"""A victim liaison officer records a complainant's communication wishes and ISVA, drafts and sends the point-of-charge
letter on time, and sees the NFA letter for the other suspect flagged as late. Every page visited is checked with
axe, and no page shows the complainant's name until the officer asks for it with a reason."""

from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from accounts.roles import Role
from cases.models import Case, Suspect
from cases.services.precharge import refer_for_charging_decision
from tests.browser.conftest import assert_accessible, type_date
from tests.factories import full_code_decision, make_case, make_user, suspect_with_facts
from victims.identity import add_complainant

AREA = "Yorkshire and Humberside"
NAME = "Rosamund Achterberg-Ilori"


def _decide(suspect: Suspect, outcome: str, days_ago: int, officer: User, prosecutor: User) -> None:
    today = timezone.localdate()
    referral = refer_for_charging_decision(
        actor=officer, suspect=suspect, received_on=today - timedelta(days=days_ago + 20)
    )
    full_code_decision(
        prosecutor=prosecutor, referral=referral, outcome=outcome, decided_on=today - timedelta(days=days_ago)
    )


def _case_with_two_decisions() -> Case:
    """Complainant A; Suspect 2 not prosecuted ten days ago (the letter is late), Suspect 1 charged today."""
    officer = make_user(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    prosecutor = make_user(Role.PROSECUTOR, cps_area=AREA)
    case = make_case(officer_in_charge=officer, reported_on=timezone.localdate() - timedelta(days=200))
    add_complainant(actor=officer, case=case, name=NAME)
    _decide(suspect_with_facts(case=case, label="Suspect 2"), "nfa_evidential", 10, officer, prosecutor)
    _decide(Suspect.objects.get(case=case, label="Suspect 1"), "charge", 0, officer, prosecutor)
    return case


def test_liaison_officer_keeps_to_the_wishes_and_the_clock(
    page: Page, live_server: LiveServer, sign_in: Callable[..., User]
) -> None:
    case = _case_with_two_decisions()
    sign_in(Role.VICTIM_LIAISON_OFFICER, cps_area=AREA)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.get_by_role("navigation", name="Case sections").get_by_role("link", name="Complainants").click()
    expect(page.get_by_role("heading", name="Complainant A")).to_be_visible()
    expect(page.get_by_role("link", name="Emergency Exit this page")).to_be_visible()
    expect(page.get_by_text(NAME)).to_have_count(0)
    letters = page.get_by_role("table", name="Letters to Complainant A")
    nfa_row = letters.get_by_role("row").filter(has_text="No further action letter")
    expect(nfa_row.get_by_text("Late")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Change communication wishes of Complainant A").click()
    assert_accessible(page)
    page.get_by_label("Letter", exact=True).check()
    page.get_by_label("When it is safe to contact them").fill("Weekday mornings")
    type_date(page, "updated_on", timezone.localdate())
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Communication wishes of Complainant A recorded")).to_be_visible()

    page.get_by_role("link", name="Change ISVA of Complainant A").click()
    assert_accessible(page)
    page.get_by_label("ISVA", exact=True).check()
    page.get_by_label("Organisation").fill("Rape Crisis West Yorkshire")
    page.get_by_label("Contact").fill("Duty ISVA, 0113 000 0000")
    page.get_by_label("The complainant consents to sharing with the adviser").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Rape Crisis West Yorkshire")).to_be_visible()

    page.get_by_role("link", name="Point-of-charge letter").click()
    assert_accessible(page)
    page.get_by_role("button", name="Draft the letter").click()
    expect(page.locator(".app-letter")).to_contain_text(f"Dear {NAME},")
    assert_accessible(page)
    page.get_by_role("link", name="Record as sent").click()
    type_date(page, "sent_on", timezone.localdate())
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Letter recorded as sent")).to_be_visible()
    charge_row = (
        page.get_by_role("table", name="Letters to Complainant A")
        .get_by_role("row")
        .filter(has_text="Point-of-charge letter")
    )
    expect(charge_row.get_by_text("Sent on time")).to_be_visible()
    expect(page.get_by_text(NAME)).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Victim letters").click()
    expect(page.get_by_role("row").filter(has_text=case.urn).get_by_text("Late")).to_be_visible()
    assert_accessible(page)
