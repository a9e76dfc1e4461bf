"""Every page so far, rendered in Chromium: it works by keyboard and has no serious or critical axe violation."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from accounts.roles import STAFF_ROLES, Role
from tests.browser.conftest import assert_accessible
from tests.factories import make_case


def test_sign_in_page_is_accessible_and_reports_a_wrong_password(page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/sign-in/?next=/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert_accessible(page)

    page.get_by_label("Username").fill("nobody")
    page.get_by_label("Password").fill("wrong-password-entirely")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_title("Error: Sign in – RASSO case-journey tracker")
    expect(page.get_by_role("alert")).to_contain_text("Enter a correct username and password")
    expect(page.get_by_label("Username")).to_have_value("nobody")
    assert_accessible(page)


def test_skip_link_is_the_first_thing_the_keyboard_reaches(page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/sign-in/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/sign-in/#main-content")


@pytest.mark.parametrize("role", STAFF_ROLES)  # complainants and ISVAs: tests/browser/test_own_view_journey.py
def test_home_page_for_each_role(role: Role, page: Page, sign_in: Callable[..., User]) -> None:
    user = sign_in(role)
    expect(page.get_by_role("heading", level=1)).to_have_text(user.get_role_display())
    expect(page.get_by_role("region", name="Service information")).to_contain_text(user.organisation_name)
    assert_accessible(page)


def test_case_pages_and_notifications(page: Page, live_server: LiveServer, sign_in: Callable[..., User]) -> None:
    user = sign_in(Role.INVESTIGATOR)
    case = make_case(officer_in_charge=user)
    page.get_by_role("link", name="Cases").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cases")
    assert_accessible(page)
    page.get_by_role("link", name=case.urn).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(case.urn)
    expect(page.get_by_role("heading", name="Suspect 1")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Notifications").click()
    expect(page.get_by_text("You have no notifications.")).to_be_visible()
    assert_accessible(page)


def test_404_page_for_a_case_out_of_scope(page: Page, live_server: LiveServer, sign_in: Callable[..., User]) -> None:
    elsewhere = make_case(police_force="Kent Police")
    sign_in(Role.INVESTIGATOR)
    response = page.goto(f"{live_server.url}/cases/{elsewhere.pk}/")
    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_accessible(page)


def test_403_page_for_a_role_without_case_records(
    page: Page, live_server: LiveServer, sign_in: Callable[..., User]
) -> None:
    sign_in(Role.ANALYST)
    response = page.goto(f"{live_server.url}/cases/")
    assert response is not None
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have permission to see this page")
    assert_accessible(page)


@pytest.mark.urls("tests.browser.error_urls")
def test_500_page(page: Page, live_server: LiveServer, sign_in: Callable[..., User]) -> None:
    sign_in(Role.PROSECUTOR)
    response = page.goto(f"{live_server.url}/test-failure/")
    assert response is not None
    assert response.status == 500
    expect(page.get_by_role("heading", level=1)).to_have_text("Sorry, there is a problem with the service")
    assert_accessible(page)
