"""In a browser: the language switch in the footer, pressed from the keyboard, gives a victim liaison officer their
home page in Welsh, which is axe-clean and reflows at 320 px; a panel member's home page, listing their panel and its
pack, is axe-clean too."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from accounts.models import PoliceForce, User
from accounts.roles import Role
from scrutiny.services import create_panel
from tests.browser.conftest import assert_accessible, assert_reflows
from tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_footer_switch_gives_the_home_page_in_welsh(page: Page, sign_in: Callable[..., User]) -> None:
    sign_in(Role.VICTIM_LIAISON_OFFICER, cps_area="Cymru-Wales")
    expect(page.locator("html")).to_have_attribute("lang", "en-gb")
    assert_accessible(page)

    cymraeg = page.locator("footer .app-language-switch").get_by_role("button", name="Cymraeg")
    cymraeg.focus()
    page.keyboard.press("Enter")

    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.get_by_role("heading", name="Hysbysiadau")).to_be_visible()
    expect(page.locator("footer").get_by_text("Cymraeg")).to_have_attribute("aria-current", "true")
    assert_accessible(page)
    assert_reflows(page)

    page.locator("footer .app-language-switch").get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en-gb")
    expect(page.get_by_role("heading", name="Notifications")).to_be_visible()


def test_a_panel_members_home_page_with_its_panels_is_accessible(page: Page, sign_in: Callable[..., User]) -> None:
    create_panel(
        actor=make_user(Role.UNIT_HEAD, cps_area="Cymru-Wales"),
        meets_on=date(2099, 7, 15),
        forces=PoliceForce.objects.filter(name="South Wales Police"),
        members="Police – detective inspector\nCPS – senior prosecutor",
    )
    sign_in(Role.PANEL_MEMBER, cps_area="Cymru-Wales")
    expect(page.get_by_role("heading", name="Scrutiny panels")).to_be_visible()
    expect(page.get_by_text("Your panel next meets on 15 July 2099.")).to_be_visible()
    assert_accessible(page)
    assert_reflows(page)
