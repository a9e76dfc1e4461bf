"""Reflow (WCAG 1.4.10) and text spacing (1.4.12) on the pages whose tables are widest: at 320 CSS pixels a wide
table scrolls inside a labelled, focusable container and the page does not; at 640 (200% zoom) with WCAG's text
spacing nothing scrolls sideways. The stage strip says in words and shape, not colour alone, which stages are done."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from accounts.roles import STAFF_ROLES, Role
from tests.browser.conftest import assert_accessible, assert_reflows, enter_code, enter_password
from tests.clients import app_code
from tests.world import World, build_world
from victims.identity import read_identity
from victims.models import Complainant, IdentityReadReason


@pytest.fixture
def world() -> World:
    """Two of every record, and complainants' details read for every reason, so that every table has rows."""
    world = build_world(into=build_world())
    liaison = world.people[Role.VICTIM_LIAISON_OFFICER]
    complainant = Complainant.objects.get(pk=world.ids["complainant_pk"])
    for reason in IdentityReadReason.values:
        read_identity(actor=liaison, complainant=complainant, reason=reason, via="page")
    return world


def _sign_in_as(page: Page, live_server: LiveServer, user: User) -> None:
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    enter_password(page, live_server, user)
    enter_code(page, app_code(device))
    page.wait_for_url(f"{live_server.url}/")


def _check(page: Page) -> None:
    assert_reflows(page)
    assert_accessible(page)


@pytest.mark.parametrize("role", STAFF_ROLES)  # complainants and ISVAs: tests/browser/test_own_view_journey.py
def test_home_page_reflows(role: Role, page: Page, live_server: LiveServer, world: World) -> None:
    user = world.people[role]
    _sign_in_as(page, live_server, user)
    expect(page.get_by_role("heading", level=1)).to_have_text(user.get_role_display())
    _check(page)


# Pages whose tables were wider than 320 pixels, each as a role that sees them full (the case's pages by its id).
PAGES = {
    "case list": (Role.PROSECUTOR, "/cases/", "Cases"),
    "court tab": (Role.PROSECUTOR, "/cases/{case}/court/", "{urn}"),
    "complainants tab": (Role.PROSECUTOR, "/cases/{case}/complainants/", "{urn}"),
    "change history": (Role.UNIT_HEAD, "/cases/{case}/history/", "{urn}"),
    "overdue plans": (Role.UNIT_HEAD, "/action-plans/overdue/", "Overdue action plans"),
    "aged cases": (Role.UNIT_HEAD, "/action-plans/aged/", "Aged cases"),
    "access log": (Role.UNIT_HEAD, "/administration/access-log/", "Identity access log"),
    "scorecards": (Role.UNIT_HEAD, "/scorecards/", "Scorecards"),
    "victim letters": (Role.VICTIM_LIAISON_OFFICER, "/letters/", "Victim letters to send"),
}


@pytest.mark.parametrize("name", PAGES)
def test_page_reflows(name: str, page: Page, live_server: LiveServer, world: World) -> None:
    role, path, heading = PAGES[name]
    case = world.case
    _sign_in_as(page, live_server, world.people[role])
    page.goto(f"{live_server.url}{path.format(case=case.pk)}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading.format(urn=case.urn))
    expect(page.get_by_role("table").first).to_be_visible()
    _check(page)


def test_a_wide_table_scrolls_in_a_labelled_focusable_region(
    page: Page, live_server: LiveServer, world: World
) -> None:
    _sign_in_as(page, live_server, world.people[Role.UNIT_HEAD])
    page.goto(f"{live_server.url}/administration/access-log/")
    page.set_viewport_size({"width": 320, "height": 640})
    region = page.get_by_role("region", name="Reads of complainants' details, latest first")
    expect(region).to_have_attribute("tabindex", "0")
    expect(region.get_by_role("table", name="Reads of complainants' details, latest first")).to_be_visible()
    region.focus()
    expect(region).to_be_focused()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_stage_strip_says_done_current_and_to_come_in_words(page: Page, live_server: LiveServer, world: World) -> None:
    _sign_in_as(page, live_server, world.people[Role.PROSECUTOR])
    page.goto(f"{live_server.url}/cases/{world.case.pk}/")
    strip = page.get_by_role("list", name="Stages for Suspect 2")
    stages = strip.get_by_role("listitem")
    texts = [stage.evaluate(_SEEN_TEXT) for stage in stages.all()]
    current = strip.locator("[aria-current=step]")
    expect(current).to_have_count(1)
    index = texts.index(current.evaluate(_SEEN_TEXT))
    assert index > 0, texts
    assert all(text.startswith("Done") for text in texts[:index]), texts
    assert texts[index].startswith("Current"), texts
    assert all(text.startswith("To come") for text in texts[index + 1 :]), texts
    shapes = {}
    for text, stage in zip(texts, stages.all(), strict=True):
        style = stage.evaluate("el => getComputedStyle(el)")
        background = stage.evaluate(
            "el => { for (let e = el; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;"
            " if (c !== 'rgba(0, 0, 0, 0)') return c; } return 'rgb(255, 255, 255)'; }"
        )
        assert _contrast(style["borderTopColor"], background) >= 3, (text, style["borderTopColor"], background)
        shapes[text.split()[0]] = (style["borderTopStyle"], style["borderTopWidth"])
    # done, current and to come differ in the shape of their border, not only in its colour
    assert len(set(shapes.values())) == 3, shapes
    assert "GDS Transport" in strip.evaluate("el => getComputedStyle(el).fontFamily"), "in the service's typeface"
    _check(page)


# An element's text as seen: without what is visually hidden for screen readers.
_SEEN_TEXT = """
el => {
  const copy = el.cloneNode(true);
  copy.querySelectorAll(".govuk-visually-hidden").forEach((hidden) => hidden.remove());
  return copy.textContent.replace(/\\s+/g, " ").trim();
}
"""


def _contrast(one: str, other: str) -> float:
    """WCAG contrast ratio of two CSS rgb() colours."""

    def luminance(colour: str) -> float:
        channels = [int(part) / 255 for part in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
