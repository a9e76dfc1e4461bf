"""An administrator (the role, not a superuser) changes a deadline in a real browser, by keyboard: early advice from
21 days to 14. A value out of bounds is refused with the error summary taking focus and nothing typed lost; the check
page says how many open items will move before anything changes; once confirmed, the open request's due date on the
case's page has moved for the prosecutor. Every page is axe-clean and reflows at 320 px."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from accounts.roles import Role
from tests.browser.administration_steps import heading, press, type_into
from tests.browser.conftest import assert_accessible, assert_error_summary_links_focus_their_fields, sign_out
from tests.factories import make_case, make_user, referred_suspect


def test_an_administrator_changes_a_deadline_and_the_open_due_date_moves(
    page: Page, live_server: LiveServer, sign_in: Callable[..., User]
) -> None:
    today = timezone.localdate()
    officer = make_user(Role.INVESTIGATOR)
    case = make_case(officer_in_charge=officer)
    referred_suspect(case, officer=officer, received_on=today, early_advice=True)
    case_page = f"{live_server.url}{reverse('cases:detail', args=[case.pk])}"

    sign_in(Role.PROSECUTOR)
    page.goto(case_page)
    expect(page.get_by_text(f"due {today + timedelta(days=21):%-d %B %Y}")).to_be_visible()
    sign_out(page)

    administrator = sign_in(Role.ADMINISTRATOR)
    assert not administrator.is_superuser
    page.goto(f"{live_server.url}{reverse('administration:deadlines')}")
    heading(page, "Deadlines")
    page.get_by_role("link", name="Change early advice returned within").focus()
    page.keyboard.press("Enter")
    heading(page, "Early advice returned within")
    expect(page.get_by_text("This is a published target")).to_be_visible()

    type_into(page, "New value, in days", "120")
    type_into(page, "Why is it changing?", "The new operating model")
    press(page, "Continue")
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The value must be between 1 and 90 days")
    expect(page.get_by_label("Why is it changing?")).to_have_value("The new operating model")
    assert_error_summary_links_focus_their_fields(page)
    assert_accessible(page)

    type_into(page, "New value, in days", "14")
    press(page, "Continue")
    heading(page, "Check the change before it is made")
    expect(page.get_by_role("listitem").filter(has_text="1 open early advice request")).to_be_visible()
    press(page, "Change the deadline")
    heading(page, "Deadlines")
    expect(page.get_by_text("1 open early advice request moved to the new deadline.")).to_be_visible()
    expect(page.get_by_text("Changed by")).to_contain_text("The new operating model")
    sign_out(page)

    sign_in(Role.PROSECUTOR)
    page.goto(case_page)
    expect(page.get_by_text(f"due {today + timedelta(days=14):%-d %B %Y}")).to_be_visible()
