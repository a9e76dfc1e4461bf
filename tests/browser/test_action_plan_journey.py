"""A prosecutor sets an action plan of two actions (with "Add another action"); the unit head sees it overdue at
28 days; the police answer both actions from their list of actions due; the unit head's list is then clear. Every
page visited is checked with axe."""

from collections.abc import Callable
from datetime import date, timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from accounts.roles import Role
from accounts.second_factor import issue_recovery_codes
from tests.browser.conftest import assert_accessible, enter_code, enter_password, sign_out, type_date
from tests.factories import make_case, referred_suspect

AREA = "Yorkshire and Humberside"
FORCE = "West Yorkshire Police"


def _fill_action(page: Page, n: int, request: str, due: date) -> None:
    page.locator(f"#id_actions-{n}-request").fill(request)
    page.locator(f"#id_actions-{n}-line_of_enquiry").fill("Corroboration of the account")
    page.locator(f"#id_actions-{n}-proportionality").fill("Goes directly to consent")
    type_date(page, f"actions-{n}-due_on", due)


def _prosecutor_sets_the_plan(page: Page, live_server: LiveServer, case_id: int, today: date) -> None:
    page.goto(f"{live_server.url}/cases/{case_id}/")
    page.get_by_role("navigation", name="Case sections").get_by_role("link", name="Action plans").click()
    assert_accessible(page)
    page.get_by_role("link", name="Set an action plan for Suspect 1").click()
    assert_accessible(page)
    type_date(page, "set_on", today - timedelta(days=30))
    _fill_action(page, 0, "Download the complainant's phone messages", today - timedelta(days=2))
    page.get_by_role("button", name="Add another action").click()
    expect(page.get_by_role("heading", name="Action 2")).to_be_visible()
    expect(page.locator("#id_actions-0-request")).to_have_value("Download the complainant's phone messages")
    assert_accessible(page)
    _fill_action(page, 1, "CCTV from the taxi rank", today + timedelta(days=5))
    page.get_by_role("button", name="Set the action plan").click()
    expect(page.get_by_text("Plan 1 set for Suspect 1")).to_be_visible()
    tasks = page.get_by_role("list", name="Actions of Plan 1 for Suspect 1")
    expect(tasks.locator(".govuk-task-list__item")).to_have_count(2)
    expect(tasks).to_contain_text("overdue by 2 days")
    assert_accessible(page)


def _unit_head_overdue_list(page: Page) -> None:
    page.get_by_role("link", name="Action plans").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overdue action plans")
    assert_accessible(page)


def _police_answer(page: Page, number: int, request: str, response: str, today: date) -> None:
    page.get_by_role("link", name="Actions due").click()
    assert_accessible(page)
    page.get_by_role("link", name=f"Action {number}: {request}").click()
    assert_accessible(page)
    type_date(page, "answered_on", today)
    page.get_by_label("Response").fill(response)
    page.get_by_label("Exhibit reference").fill("PD/1")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text(f"Action {number} answered")).to_be_visible()


def test_plan_set_overdue_answered_and_cleared(
    page: Page, live_server: LiveServer, sign_in: Callable[..., User]
) -> None:
    today = timezone.localdate()
    officer = sign_in(Role.INVESTIGATOR, police_force=FORCE)
    case = make_case(officer_in_charge=officer, reported_on=today - timedelta(days=90))
    referred_suspect(case, officer=officer, received_on=today - timedelta(days=40))
    sign_out(page)

    sign_in(Role.PROSECUTOR, cps_area=AREA)
    _prosecutor_sets_the_plan(page, live_server, case.pk, today)
    sign_out(page)

    sign_in(Role.UNIT_HEAD, cps_area=AREA)
    _unit_head_overdue_list(page)
    past_28 = page.get_by_role("table", name="Past the 28-day review")
    expect(past_28.get_by_role("link", name=case.urn)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("1 overdue plan, highest review level first.")
    sign_out(page)

    # Back within the same 30 seconds, the app's code would be the one already used: a recovery code instead.
    enter_password(page, live_server, officer)
    enter_code(page, issue_recovery_codes(officer)[0])
    _police_answer(page, 1, "Download the complainant's phone messages", "Messages downloaded", today)
    _police_answer(page, 2, "CCTV from the taxi rank", "No CCTV retained", today)
    expect(page.get_by_role("list", name="Actions of Plan 1 for Suspect 1")).to_contain_text("Messages downloaded")
    page.get_by_role("link", name="Actions due").click()
    expect(page.get_by_text("No action plan is waiting for you.")).to_be_visible()
    sign_out(page)

    sign_in(Role.UNIT_HEAD, cps_area=AREA)
    _unit_head_overdue_list(page)
    expect(page.get_by_text("No open action plan has passed a review point.")).to_be_visible()
    expect(page.get_by_role("link", name=case.urn)).to_have_count(0)
