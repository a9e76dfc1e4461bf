"""An administrator (the role, not a superuser) keeps the service's reference data in a real browser, by keyboard:
from the administration home to the escalation ladder, where a level's days change and open action plans follow;
to the readiness checklist, where an item is added and moved up; to the disclosure rule, refused out of its bounds
with the error summary taking focus, then changed. Every page is axe-clean and reflows at 320 px."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from accounts.roles import Role
from actionplans.models import ReviewLevel
from cases.models import ReadinessItem
from scorecards.models import DisclosureRule
from tests.browser.administration_steps import follow, heading, press, type_into
from tests.browser.conftest import assert_accessible, assert_error_summary_links_focus_their_fields


def test_an_administrator_changes_the_ladder_the_checklist_and_the_disclosure_rule(
    page: Page, live_server: LiveServer, sign_in: Callable[..., User]
) -> None:
    administrator = sign_in(Role.ADMINISTRATOR)
    assert not administrator.is_superuser
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Administration").focus()
    page.keyboard.press("Enter")
    heading(page, "Administration")

    _change_the_ladder(page)
    follow(page, "Back")
    heading(page, "Administration")
    _add_and_move_an_item(page)
    follow(page, "Back")
    heading(page, "Administration")
    _change_the_disclosure_rule(page)


def _change_the_ladder(page: Page) -> None:
    follow(page, "Escalation ladder")
    heading(page, "Escalation ladder")
    follow(page, "Change the 28-day review")
    heading(page, "Change the 28-day review")
    type_into(page, "Days after the plan was set", "21")
    press(page, "Save the level")
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter reason for the change")
    expect(page.get_by_label("Days after the plan was set", exact=True)).to_have_value("21")
    assert_accessible(page)
    type_into(page, "Reason for the change", "Reviews come sooner in the new protocol")
    press(page, "Save the level")
    heading(page, "Escalation ladder")
    expect(page.get_by_text("0 open action plans now follow the 21-day review.")).to_be_visible()
    expect(page.get_by_text("Reason: Reviews come sooner in the new protocol")).to_be_visible()
    assert ReviewLevel.objects.filter(days=21).exists()


def _add_and_move_an_item(page: Page) -> None:
    follow(page, "Readiness checklist")
    heading(page, "Readiness checklist")
    follow(page, "Add an item")
    heading(page, "Add an item")
    type_into(page, "What must be ready", "Interpreter booked")
    type_into(page, "Reason for the change", "Trials adjourned for want of one")
    press(page, "Add the item")
    heading(page, "Readiness checklist")
    page.get_by_role("button", name="Move up").last.focus()
    expect(page.locator(":focus")).to_contain_text("Interpreter booked")
    page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    heading(page, "Readiness checklist")
    texts = list(ReadinessItem.objects.order_by("position", "id").values_list("text", flat=True))
    assert texts[-2] == "Interpreter booked"
    items = page.locator(".app-readiness-items > li")
    expect(items.nth(items.count() - 2)).to_contain_text("Interpreter booked")


def _change_the_disclosure_rule(page: Page) -> None:
    follow(page, "Disclosure rule")
    heading(page, "Disclosure rule")
    type_into(page, "Withhold counts below", "1")
    type_into(page, "Reason for the change", "Publish everything")
    press(page, "Change the rule")
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page.get_by_label("Reason for the change", exact=True)).to_have_value("Publish everything")
    assert_accessible(page)
    assert_error_summary_links_focus_their_fields(page)
    type_into(page, "Withhold counts below", "10")
    press(page, "Change the rule")
    expect(page.get_by_text("Counts from 1 to 9 are withheld", exact=False)).to_be_visible()
    assert_accessible(page)
    assert DisclosureRule.current().threshold == 10
