"""A suspect's whole journey, from an early-advice request to the sentence, with the police and the prosecutor each
in their own browser: early advice given with an action plan, the police's answer notified to the prosecutor, a
second plan, a charging referral, the charge, sending, a PTPH listed ahead (its date mistyped, then corrected with a
reason seen in the change history), the trial, the conviction and the sentence. The stage strip is read at each step
and every page visited is checked with axe."""

from datetime import date, timedelta

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from accounts.roles import Role
from cases.models import Case
from tests.browser.conftest import assert_accessible, enter_code, enter_password, type_date
from tests.clients import app_code
from tests.factories import make_case, make_user

AREA = "Yorkshire and Humberside"
FORCE = "West Yorkshire Police"


def _signed_in(page: Page, live_server: LiveServer, user: User) -> Page:
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    enter_password(page, live_server, user)
    enter_code(page, app_code(device))
    page.wait_for_url(f"{live_server.url}/")
    return page


def _case_page(page: Page, live_server: LiveServer, case: Case) -> None:
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    assert_accessible(page)


def _strip_shows(page: Page, live_server: LiveServer, case: Case, current: str, done: list[str]) -> None:
    """The stage strip on the case page: the current stage, and the stages done before it."""
    _case_page(page, live_server, case)
    strip = page.get_by_role("list", name="Stages for Suspect 1")
    expect(strip.locator("[aria-current=step]")).to_have_text(f"Current: {current}")
    for stage in done:
        expect(strip.get_by_text(f"Done: {stage}", exact=True)).to_be_visible()


def _fill_action(page: Page, request: str, due: date) -> None:
    page.locator("#id_actions-0-request").fill(request)
    page.locator("#id_actions-0-line_of_enquiry").fill("Corroboration of the account")
    page.locator("#id_actions-0-proportionality").fill("Goes directly to consent")
    type_date(page, "actions-0-due_on", due)


def _before_charge(police: Page, cps: Page, live_server: LiveServer, case: Case, today: date) -> None:
    _case_page(police, live_server, case)
    police.get_by_role("link", name="Request early advice for Suspect 1").click()
    type_date(police, "requested_on", today - timedelta(days=150))
    police.get_by_label("Questions for the prosecutor").fill("Which lines of enquiry before a charging file?")
    police.get_by_role("button", name="Continue").click()
    expect(police.get_by_text("Early advice requested for Suspect 1")).to_be_visible()

    # The prosecutor's advice is a plan of enquiries: both in one step.
    _case_page(cps, live_server, case)
    cps.get_by_role("link", name="Give early advice with an action plan for Suspect 1").click()
    assert_accessible(cps)
    type_date(cps, "answered_on", today - timedelta(days=140))
    cps.get_by_label("Advice", exact=True).fill("Download the phone before anything else.")
    _fill_action(cps, "Download the complainant's phone messages", today - timedelta(days=130))
    cps.get_by_role("button", name="Set the action plan").click()
    expect(cps.get_by_text("Early advice and Plan 1 set for Suspect 1")).to_be_visible()
    assert_accessible(cps)
    _strip_shows(cps, live_server, case, "Action plan with police", ["Early advice requested", "Early advice given"])

    # The police answer; the prosecutor is told, and the file waits with the police after the advice.
    police.goto(f"{live_server.url}/")
    police.get_by_role("link", name="Actions due").click()
    police.get_by_role("link", name="Action 1: Download the complainant's phone messages").click()
    assert_accessible(police)
    type_date(police, "answered_on", today - timedelta(days=131))
    police.get_by_label("Response").fill("Downloaded; the messages are exhibited.")
    police.get_by_role("button", name="Continue").click()
    _strip_shows(police, live_server, case, "Early advice given", ["Early advice requested"])

    cps.goto(f"{live_server.url}/")
    cps.get_by_role("link", name=f"Case {case.urn}: the police answered action 1 of Plan 1 for Suspect 1").click()
    assert_accessible(cps)
    cps.get_by_role("link", name="Set an action plan for Suspect 1").click()
    type_date(cps, "set_on", today - timedelta(days=120))
    _fill_action(cps, "CCTV from the taxi rank", today - timedelta(days=110))
    cps.get_by_role("button", name="Set the action plan").click()
    expect(cps.get_by_text("Plan 2 set for Suspect 1")).to_be_visible()
    _strip_shows(cps, live_server, case, "Action plan with police", ["Early advice given"])


def _referral_and_charge(police: Page, cps: Page, live_server: LiveServer, case: Case, today: date) -> None:
    """With the second plan outstanding, the police refer for a charging decision; the charge closes the plan."""
    _case_page(police, live_server, case)
    police.get_by_role("link", name="Refer for a charging decision for Suspect 1").click()
    type_date(police, "received_on", today - timedelta(days=100))
    police.get_by_role("button", name="Continue").click()
    expect(police.get_by_text("Suspect 1 referred for a charging decision")).to_be_visible()

    _case_page(cps, live_server, case)
    cps.get_by_role("link", name="Record the charging decision for Suspect 1").click()
    cps.get_by_label("Full Code Test").check()
    cps.get_by_label("Charge", exact=True).check()
    cps.get_by_role("group", name="Offences charged").get_by_label("Rape", exact=True).check()
    cps.get_by_label("Evidential stage: reasons").fill("Consistent account; the messages support it.")
    cps.get_by_label("Public interest stage: reasons").fill("Serious offence.")
    cps.get_by_label("Requested from police").check()
    cps.get_by_label("Why").fill("Previous allegation; PNC requested.")
    cps.get_by_label("The suspect's conduct before, during and after the offence").fill("Planned; messages after.")
    type_date(cps, "decided_on", today - timedelta(days=90))
    cps.get_by_role("button", name="Continue").click()
    expect(cps.get_by_text("Charging decision recorded for Suspect 1")).to_be_visible()
    _strip_shows(cps, live_server, case, "Charged", [])


def _court(cps: Page) -> None:
    cps.get_by_role("navigation", name="Case sections").get_by_role("link", name="Court").click()
    assert_accessible(cps)


def _to_trial(cps: Page, live_server: LiveServer, case: Case, today: date, prosecutor: User) -> None:
    _case_page(cps, live_server, case)
    cps.get_by_role("link", name="Record sending to the Crown Court for Suspect 1").click()
    type_date(cps, "sent_on", today - timedelta(days=89))
    cps.get_by_role("button", name="Continue").click()
    _strip_shows(cps, live_server, case, "Sent to the Crown Court: awaiting PTPH", ["Charged"])

    # The PTPH is listed ahead: its date typed a year out by mistake.
    held_on = today - timedelta(days=60)
    mistyped = held_on.replace(year=held_on.year + 1)
    _court(cps)
    cps.get_by_role("link", name="Record a hearing for Suspect 1").click()
    cps.get_by_label("Crown Court", exact=True).check()
    cps.get_by_label("Name of the court").fill("Leeds Crown Court")
    cps.get_by_label("Plea and trial preparation hearing", exact=True).check()
    type_date(cps, "held_on", mistyped)
    cps.get_by_role("button", name="Continue").click()
    expect(cps.locator(".govuk-notification-banner__heading")).to_have_text("Hearing recorded")
    hearings = cps.get_by_role("table", name="Hearings of Suspect 1")
    expect(hearings).to_contain_text("Listed")
    expect(hearings).to_contain_text("Leeds Crown Court")
    assert_accessible(cps)
    _strip_shows(cps, live_server, case, "Sent to the Crown Court: awaiting PTPH", ["Charged"])

    _correct_the_hearing_date(cps, live_server, case, mistyped=mistyped, held_on=held_on, prosecutor=prosecutor)

    _court(cps)
    cps.get_by_role("link", name="Record what happened at hearing 1 of Suspect 1").click()
    assert_accessible(cps)
    cps.get_by_label("What happened").fill("Not guilty plea; trial fixed.")
    cps.get_by_role("group", name="Plea entered").get_by_label("Not guilty", exact=True).check()
    cps.get_by_role("button", name="Continue").click()
    _strip_shows(cps, live_server, case, "Awaiting trial", ["Charged", "Sent to the Crown Court: awaiting PTPH"])

    trial_on = today - timedelta(days=10)
    _court(cps)
    cps.get_by_role("link", name="List a trial of Suspect 1").click()
    type_date(cps, "listed_for", trial_on)
    cps.get_by_role("button", name="Continue").click()
    _court(cps)
    cps.get_by_role("link", name=f"Record what happened at the trial on {trial_on:%-d %B %Y}").click()
    assert_accessible(cps)
    cps.get_by_label("Effective", exact=True).check()
    cps.get_by_role("button", name="Continue").click()
    _strip_shows(cps, live_server, case, "At trial", ["Awaiting trial"])


def _correct_the_hearing_date(
    cps: Page, live_server: LiveServer, case: Case, *, mistyped: date, held_on: date, prosecutor: User
) -> None:
    """A mistyped hearing date corrected with a reason, the reason seen in the case's change history."""
    _court(cps)
    cps.get_by_role("link", name="Correct hearing 1 of Suspect 1").click()
    assert_accessible(cps)
    expect(cps.locator("#id_held_on_2")).to_have_value(str(mistyped.year))
    type_date(cps, "held_on", held_on)
    cps.get_by_label("Reason for the correction").fill("Year mistyped: the PTPH was held this year")
    cps.get_by_role("button", name="Continue").click()
    changes = cps.get_by_role("table", name="What will change")
    expect(changes).to_contain_text(f"{mistyped:%-d %B %Y}")
    expect(changes).to_contain_text(f"{held_on:%-d %B %Y}")
    assert_accessible(cps)
    cps.get_by_role("button", name="Save the correction").click()
    expect(cps.get_by_role("table", name="Hearings of Suspect 1")).not_to_contain_text("Listed")
    # The unit head reads the case's change history: who, when, what and why.
    browser = cps.context.browser
    assert browser is not None
    head = _signed_in(browser.new_context().new_page(), live_server, make_user(Role.UNIT_HEAD, cps_area=AREA))
    head.goto(f"{live_server.url}/cases/{case.pk}/history/")
    assert_accessible(head)
    correction = head.get_by_role("row").filter(has_text="Year mistyped: the PTPH was held this year").first
    expect(correction.get_by_role("cell").nth(3)).to_have_text("Date")
    expect(correction).to_contain_text(prosecutor.get_full_name())


def _verdict_and_sentence(cps: Page, live_server: LiveServer, case: Case, today: date) -> None:
    _court(cps)
    cps.get_by_role("link", name="record the outcome for Suspect 1").click()
    assert_accessible(cps)
    cps.get_by_label("Convicted after trial").check()
    type_date(cps, "completed_on", today - timedelta(days=9))
    cps.get_by_role("button", name="Continue").click()
    expect(cps.get_by_role("button", name="Yes, record the outcome for suspect 1")).to_be_visible()
    assert_accessible(cps)  # the interruption before a final outcome
    cps.get_by_role("button", name="Yes, record the outcome for suspect 1").click()
    _strip_shows(cps, live_server, case, "Convicted: awaiting sentence", ["At trial"])

    _court(cps)
    cps.get_by_role("link", name="record the sentence for Suspect 1").click()
    assert_accessible(cps)
    cps.get_by_label("Sentence", exact=True).fill("9 years' imprisonment")
    type_date(cps, "sentenced_on", today)
    cps.get_by_role("button", name="Continue").click()
    cps.get_by_role("button", name="Yes, record the sentence for suspect 1").click()
    _strip_shows(
        cps, live_server, case, "Sentenced", ["Charged", "Awaiting trial", "At trial", "Convicted: awaiting sentence"]
    )


def test_a_suspect_from_early_advice_to_the_sentence(page: Page, browser: Browser, live_server: LiveServer) -> None:
    today = timezone.localdate()
    officer = make_user(Role.INVESTIGATOR, police_force=FORCE)
    prosecutor = make_user(Role.PROSECUTOR, cps_area=AREA)
    case = make_case(
        officer_in_charge=officer, allocated_prosecutor=prosecutor, reported_on=today - timedelta(days=200)
    )  # the police's answers go to the allocated prosecutor
    police = _signed_in(page, live_server, officer)
    cps = _signed_in(browser.new_context().new_page(), live_server, prosecutor)

    _before_charge(police, cps, live_server, case, today)
    _referral_and_charge(police, cps, live_server, case, today)
    _to_trial(cps, live_server, case, today, prosecutor)
    _verdict_and_sentence(cps, live_server, case, today)
