"""A prosecutor records sending to the Crown Court, a PTPH with a not-guilty plea, a judge's direction, the readiness
checklist and a cracked trial with a late guilty plea; a unit head sets up an NFA scrutiny panel, draws a sample and
refers a decision back. Every page visited is checked with axe."""

from collections.abc import Callable
from datetime import date, timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from accounts.roles import Role
from cases.models import Case, Suspect
from cases.services.precharge import record_police_nfa
from tests.browser.conftest import assert_accessible, sign_out, type_date
from tests.factories import full_code_decision, make_case, make_user, referred_suspect

AREA = "Yorkshire and Humberside"
FORCE = "West Yorkshire Police"


def _charged_case(today: date) -> Case:
    officer = make_user(Role.INVESTIGATOR, police_force=FORCE)
    prosecutor = make_user(Role.PROSECUTOR, cps_area=AREA)
    case = make_case(officer_in_charge=officer, reported_on=today - timedelta(days=200))
    suspect = referred_suspect(case, officer=officer, received_on=today - timedelta(days=90))
    full_code_decision(
        prosecutor=prosecutor,
        referral=suspect.referrals.get(),
        outcome="charge",
        decided_on=today - timedelta(days=60),
    )
    return case


def _police_nfa_case(today: date) -> Case:
    officer = make_user(Role.INVESTIGATOR, police_force=FORCE)
    case = make_case(officer_in_charge=officer, reported_on=today - timedelta(days=100))
    suspect = Suspect.objects.get(case=case)
    record_police_nfa(
        actor=officer, suspect=suspect, nfa_on=today - timedelta(days=20), outcome_code="15", reason="No further lines"
    )
    return case


def _told(page: Page, message: str) -> None:
    expect(page.locator(".govuk-notification-banner__heading")).to_have_text(message)


def _hearing(page: Page, court: str, kind: str, held_on: date, plea: str) -> None:
    page.get_by_role("link", name="Record a hearing for Suspect 1").click()
    assert_accessible(page)
    page.get_by_label(court, exact=True).check()
    page.get_by_label("Name of the court").fill(f"Leeds {court}")
    page.get_by_label(kind, exact=True).check()
    type_date(page, "held_on", held_on)
    page.get_by_role("group", name="Plea entered").get_by_label(plea, exact=True).check()
    page.get_by_role("button", name="Continue").click()
    _told(page, "Hearing recorded")


def _prosecutor_takes_the_case_to_trial(page: Page, live_server: LiveServer, case: Case, today: date) -> None:
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.get_by_role("navigation", name="Case sections").get_by_role("link", name="Court").click()
    assert_accessible(page)
    page.get_by_role("link", name="Record that Suspect 1 was sent to the Crown Court").click()
    type_date(page, "sent_on", today - timedelta(days=50))
    page.get_by_label("The suspect is remanded in custody").check()
    page.get_by_role("button", name="Continue").click()
    _told(page, "Suspect 1 sent to the Crown Court")
    expect(page.get_by_text("Remanded in custody")).to_be_visible()

    _hearing(page, "Crown Court", "Plea and trial preparation hearing", today - timedelta(days=30), "Not guilty")

    page.get_by_role("link", name="Record a judge's direction").click()
    assert_accessible(page)
    page.get_by_label("What the judge directed").fill("Serve the phone download on the defence")
    type_date(page, "set_on", today - timedelta(days=30))
    type_date(page, "due_on", today - timedelta(days=10))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("cell", name="Overdue Record compliance")).to_be_visible()

    page.get_by_role("link", name="List a trial of Suspect 1").click()
    type_date(page, "listed_for", today)
    page.get_by_role("button", name="Continue").click()
    readiness = page.get_by_role("list", name=f"Readiness for the trial on {today:%-d %B %Y}")
    expect(readiness.get_by_text("Missing")).to_have_count(8)
    page.get_by_role("link", name=f"Update readiness for the trial on {today:%-d %B %Y}").click()
    assert_accessible(page)
    for box in page.get_by_role("group", name="Done").get_by_role("checkbox").all():
        box.check()
    page.get_by_role("button", name="Continue").click()
    expect(readiness.get_by_text("Missing")).to_have_count(0)

    _hearing(page, "Crown Court", "Trial", today, "Guilty")
    page.get_by_role("link", name=f"Record what happened at the trial on {today:%-d %B %Y}").click()
    page.get_by_label("Cracked (did not go ahead and was not relisted)").check()
    page.get_by_label("Why").fill("Late guilty plea on the morning of trial")
    page.get_by_role("button", name="Continue").click()
    _told(page, "Trial outcome recorded")

    page.get_by_role("link", name="record the outcome for Suspect 1").click()
    assert_accessible(page)
    page.get_by_label("Guilty plea", exact=True).check()
    page.get_by_label("At which hearing").select_option(label=f"Trial (Crown Court) on {today:%-d %B %Y}")
    type_date(page, "completed_on", today)
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Yes, record the outcome for suspect 1").click()
    _told(page, "Outcome for Suspect 1 recorded")
    hearings = page.get_by_role("table", name="Hearings of Suspect 1")
    expect(hearings.get_by_role("row")).to_have_count(3)
    expect(page.get_by_text("Guilty plea at Trial (Crown Court)")).to_be_visible()
    assert_accessible(page)


def _unit_head_refers_a_decision_back(page: Page, nfa_case: Case, today: date) -> None:
    page.get_by_role("link", name="NFA scrutiny").click()
    assert_accessible(page)
    type_date(page, "meets_on", today)
    page.get_by_label(FORCE, exact=True).check()
    page.get_by_label("Members, by role").fill("Police – detective inspector\nCPS – senior prosecutor\nISVA service")
    page.get_by_role("button", name="Set up the panel").click()
    _told(page, "Panel set up")
    assert_accessible(page)
    type_date(page, "period_from", today - timedelta(days=90))
    type_date(page, "period_to", today)
    page.get_by_role("button", name="Draw the sample").click()
    expect(page.get_by_role("heading", name="Panel pack")).to_be_visible()
    expect(page.get_by_text(nfa_case.urn)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Record the panel's finding on case 1").click()
    assert_accessible(page)
    page.get_by_label("Refer back for further review").check()
    page.get_by_label("No further action was taken too early").check()
    page.get_by_label("Learning points").fill("The digital download was not awaited")
    type_date(page, "recorded_on", today)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Referring Suspect 1 back reopens the police's review of the case.")).to_be_visible()
    page.get_by_role("button", name="Yes, record the panel's finding").click()
    _told(page, "Finding recorded")
    expect(page.locator(".govuk-tag", has_text="Refer back for further review")).to_be_visible()
    assert_accessible(page)


def test_prosecution_to_a_cracked_trial_and_an_nfa_referred_back(
    page: Page, live_server: LiveServer, sign_in: Callable[..., User]
) -> None:
    today = timezone.localdate()
    case = _charged_case(today)
    nfa_case = _police_nfa_case(today)
    sign_in(Role.PROSECUTOR, cps_area=AREA)
    _prosecutor_takes_the_case_to_trial(page, live_server, case, today)
    sign_out(page)

    sign_in(Role.UNIT_HEAD, cps_area=AREA)
    _unit_head_refers_a_decision_back(page, nfa_case, today)
    page.goto(f"{live_server.url}/cases/{nfa_case.pk}/timeline/")
    expect(page.get_by_text("NFA scrutiny panel referred Suspect 1 back for further review")).to_be_visible()
