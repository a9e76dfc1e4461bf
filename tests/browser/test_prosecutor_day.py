"""A prosecutor's day: their home page says what is due today; they find a case by the URN as it is read out over
the phone (with spaces, in lower case) and land on it; the start of a URN gives the list of the cases it begins,
with what each is waiting for. Every page visited is checked with axe."""

from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from accounts.roles import Role
from cases.models import Suspect
from cases.services.precharge import refer_for_charging_decision
from deadlines import settings as deadlines
from tests.browser.conftest import assert_accessible
from tests.factories import make_case, make_user


def test_a_prosecutor_sees_what_is_due_today_and_finds_a_case_by_urn_typed_with_spaces(
    page: Page, live_server: LiveServer, sign_in: Callable[..., User]
) -> None:
    prosecutor = sign_in(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")
    officer = make_user(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    today = timezone.localdate()
    case = make_case(officer_in_charge=officer, allocated_prosecutor=prosecutor)
    other = make_case(officer_in_charge=officer)
    received = today - timedelta(days=deadlines().charging_decision_days)
    referral = refer_for_charging_decision(actor=officer, suspect=Suspect.objects.get(case=case), received_on=received)
    assert referral.due_on == today

    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Due today (1)")).to_be_visible()
    due_today = page.get_by_role("table", name="Due today, soonest first")
    expect(due_today.get_by_role("row", name=case.urn)).to_contain_text("Charging decision")
    assert_accessible(page)

    page.get_by_role("link", name="Cases").first.click()
    assert_accessible(page)
    spaced = f"{case.urn[:2]} {case.urn[2:4].lower()} {case.urn[4:]}"
    page.get_by_label("Search cases").fill(spaced)
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(case.urn)
    assert page.url == f"{live_server.url}/cases/{case.pk}/"

    page.goto(f"{live_server.url}/cases/")
    page.get_by_label("Search cases").fill(case.urn[:9].lower())
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("status")).to_have_text(f"1 case found for {case.urn[:9]}.")
    row = page.get_by_role("row", name=case.urn)
    expect(row).to_contain_text("Suspect 1: Referred for a charging decision")
    expect(row).to_contain_text(f"Charging decision due {today.day} {today:%B %Y} Due today")
    expect(row).to_contain_text(prosecutor.get_full_name())
    expect(page.get_by_role("link", name=other.urn)).to_have_count(0)
    assert_accessible(page)
