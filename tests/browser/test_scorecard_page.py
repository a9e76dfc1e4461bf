"""The scorecard page at a phone's width (320 CSS pixels) and at 200% zoom: nothing scrolls sideways, no chart's
labels or figures overlap one another or their bars, the page is axe-clean, and a keyboard user reaches each section
from the contents list. The figures are the hand-worked journeys of tests/scorecards/test_scorecard_measures.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from accounts.roles import Role
from scorecards.journey_import import import_lines
from scorecards.measures import MEASURES
from tests.browser.conftest import assert_accessible
from tests.scorecards.test_scorecard_measures import history

CHOICE = "?period=2024-25+Q1&place=national&breakdown=suspect_sex"
SECTIONS = [
    ("Download this scorecard", "download"),
    ("By suspect: sex", "breakdown"),
    ("From report to conviction", "report-to-conviction"),
    ("Referrals and charging", "group-referrals-and-charging"),
    ("Action plans and PRFI", "group-action-plans-and-prfi"),
    ("Court", "group-court"),
    ("Victims", "group-victims"),
    ("Police NFAs by Home Office outcome", "police-nfa-outcomes"),
    ("Published scorecards", "published"),
]
# The focused element's text when it is in the contents list.
IN_CONTENTS_JS = (
    "document.activeElement.closest('nav.app-contents-list') ? document.activeElement.textContent.trim() : ''"
)
# Every chart's quarter labels, figures and bars as drawn, and each pair of them whose boxes overlap.
_CHART_OVERLAPS_JS = """
() => {
  const charts = [...document.querySelectorAll("ol.app-bars")];
  const overlaps = [];
  let drawn = 0;
  for (const chart of charts) {
    const parts = [...chart.querySelectorAll(".app-bars__label, .app-bars__value, .app-bars__svg")].map((el) => ({
      what: `${el.getAttribute("class")} "${el.textContent.trim()}"`,
      box: el.getBoundingClientRect(),
    }));
    drawn += parts.filter(({ box }) => box.width > 0 && box.height > 0).length;
    for (let i = 0; i < parts.length; i++) {
      for (let j = i + 1; j < parts.length; j++) {
        const [a, b] = [parts[i].box, parts[j].box];
        const apart = a.right <= b.left + 0.5 || b.right <= a.left + 0.5 ||
          a.bottom <= b.top + 0.5 || b.bottom <= a.top + 0.5;
        if (!apart) overlaps.push(`${chart.closest("section").id}: ${parts[i].what} on ${parts[j].what}`);
      }
    }
  }
  return { charts: charts.length, drawn, overlaps };
}
"""


def _open_the_scorecard(page: Page, live_server: LiveServer, sign_in: Callable[..., User]) -> None:
    import_lines(history())
    sign_in(Role.ANALYST)
    page.goto(f"{live_server.url}/scorecards/{CHOICE}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("2024-25 Q1, England and Wales")


def _assert_chart_labels_apart(page: Page) -> None:
    found: dict[str, Any] = page.evaluate(_CHART_OVERLAPS_JS)
    assert found["charts"] == len(MEASURES), found  # a chart for every measure on the page
    assert found["drawn"] == found["charts"] * 8 * 3, "a quarter's label, figure or bar is not drawn"
    assert not found["overlaps"], found["overlaps"]


def test_the_scorecard_at_320_pixels(page: Page, live_server: LiveServer, sign_in: Callable[..., User]) -> None:
    _open_the_scorecard(page, live_server, sign_in)
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    _assert_chart_labels_apart(page)
    # Each chart's figures as a table too, for a screen reader (inside "Show the trend as a table").
    expect(page.get_by_role("table", name="Charge rate by quarter", include_hidden=True)).to_have_count(1)
    assert_accessible(page)


def test_the_scorecard_at_200_percent_zoom(
    page: Page, browser: Browser, live_server: LiveServer, sign_in: Callable[..., User]
) -> None:
    _open_the_scorecard(page, live_server, sign_in)
    _assert_chart_labels_apart(page)  # at the desktop width first: labels beside their bars
    # A 1280-pixel window at 200%: 640 CSS pixels, two device pixels to each.
    zoomed = browser.new_context(
        viewport={"width": 640, "height": 800}, device_scale_factor=2, storage_state=page.context.storage_state()
    )
    try:
        at_200 = zoomed.new_page()
        at_200.goto(f"{live_server.url}/scorecards/{CHOICE}")
        expect(at_200.get_by_role("heading", level=1)).to_contain_text("2024-25 Q1, England and Wales")
        assert at_200.evaluate("document.documentElement.scrollWidth") <= 640
        _assert_chart_labels_apart(at_200)
        assert_accessible(at_200)
    finally:
        zoomed.close()


def test_the_contents_list_by_keyboard(page: Page, live_server: LiveServer, sign_in: Callable[..., User]) -> None:
    _open_the_scorecard(page, live_server, sign_in)
    contents = page.get_by_role("navigation", name="Contents")
    expect(contents.get_by_role("link")).to_have_text([title for title, _ in SECTIONS])
    # From the top of the page, Tab reaches every contents link in turn.
    page.locator("body").focus()
    reached: list[str] = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(IN_CONTENTS_JS)
        if focused:
            reached.append(focused)
        if len(reached) == len(SECTIONS):
            break
    assert reached == [title for title, _ in SECTIONS]
    # Enter on a link goes to its section.
    contents.get_by_role("link", name="Court", exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/scorecards/{CHOICE}#group-court")
    expect(page.get_by_role("heading", level=2, name="Court", exact=True)).to_be_in_viewport()
    assert_accessible(page)
