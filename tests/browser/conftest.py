"""Browser tests: Playwright driving Debian's Chromium against a live server, with axe on every page."""

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from accounts.roles import Role
from tests.clients import app_code
from tests.factories import PASSWORD, make_user

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = ("serious", "critical")
_axe = Axe()
# What Chromium says when the document axe is reading is replaced by the next one under it.
_DOCUMENT_REPLACED = ("reading 'documentElement'", "Execution context was destroyed")


def _run_axe(page: Page, options: dict[str, Any]) -> Any:
    """axe over the page once it has loaded. A click's navigation may not have begun when the click returns; when
    the old document is replaced while axe reads it, axe runs again over the new one, as a person would look again."""
    page.wait_for_load_state("load")
    try:
        return _axe.run(page, options=options)
    except PlaywrightError as error:
        if not any(sign in str(error) for sign in _DOCUMENT_REPLACED):
            raise
        page.wait_for_load_state("load")
        return _axe.run(page, options=options)


def _govuk_known_issue(violation: dict[str, Any]) -> bool:
    """GOV.UK Frontend's radios mark an option that reveals questions ``aria-expanded``, which ARIA does not allow on a
    radio; the Design System keeps it on purpose, since screen readers announce it (alphagov/govuk-frontend#979)."""
    return violation["id"] == "aria-allowed-attr" and all(
        "govuk-radios__input" in node["html"] and "aria-expanded" in node["html"] for node in violation["nodes"]
    )


def assert_accessible(page: Page) -> None:
    """No serious or critical WCAG 2.2 AA violation on the page as it stands, and the page reflows at 320 and 640
    CSS pixels (``assert_reflows``): axe alone does not find sideways scrolling."""
    results = _run_axe(page, {"runOnly": {"type": "tag", "values": WCAG_22_AA}, "resultTypes": ["violations"]})
    blocking = [
        v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS and not _govuk_known_issue(v)
    ]
    assert not blocking, "\n".join(
        f"{v['impact']}: {v['id']} – {v['help']} at {[n['target'] for n in v['nodes']]}" for v in blocking
    )
    assert_reflows(page)


# Where focus is after a link of the error summary is followed, and what describes that field: the ids its
# aria-describedby (and its fieldsets') name that do not exist, and the error messages beside it that describe it.
_FOCUSED_FIELD_JS = """
() => {
  const field = document.activeElement;
  const named = [];
  for (let node = field; node; node = node.parentElement) {
    if (node === field || node.tagName === "FIELDSET") {
      named.push(...(node.getAttribute("aria-describedby") || "").split(/\\s+/).filter(Boolean));
    }
  }
  const group = field.closest(".govuk-form-group--error");
  const shown = (group ? [...group.querySelectorAll(".govuk-error-message")] : [])
    .filter((message) => message.checkVisibility() && message.getBoundingClientRect().height > 0);
  return {
    id: field.id,
    tag: field.tagName.toLowerCase(),
    missing: named.filter((id) => !document.getElementById(id)),
    shown: shown.length,
    messages: shown.filter((message) => named.includes(message.id))
      .flatMap((message) => message.textContent.split("Error:").map((text) => text.trim()).filter(Boolean)),
  };
}
"""


def assert_error_summary_links_focus_their_fields(page: Page) -> None:
    """The page shows an error summary, and each of its links, followed, moves focus to its field (a date's first
    box, a group's first radio or checkbox), which shows the same error message beside it, is described by that
    message, and names in its aria-describedby (and its fieldset's) only ids that exist."""
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    links = summary.locator(".govuk-error-summary__list a")
    assert links.count(), f"{page.url}: the error summary links to no field"
    for n in range(links.count()):
        link = links.nth(n)
        text, href = link.inner_text().strip(), link.get_attribute("href") or ""
        where = f"{page.url}: the error summary's {text!r} ({href})"
        assert href.startswith("#"), f"{where} goes to another page"
        assert len(href) > 1, f"{where} goes nowhere"
        link.click()
        field = page.evaluate(_FOCUSED_FIELD_JS)
        assert field["id"] == href[1:], f"{where} left focus on <{field['tag']} id={field['id']!r}>"
        assert field["tag"] in ("input", "select", "textarea"), f"{where} focused a {field['tag']}, not a field"
        assert not field["missing"], f"{where}: the field is described by ids that do not exist: {field['missing']}"
        assert field["shown"], f"{where}: no error message is shown beside the field"
        assert any(text.endswith(message) for message in field["messages"]), (
            f"{where}: the field is not described by that message (only by {field['messages']})"
        )


def assert_everything_in_a_landmark(page: Page) -> None:
    """axe's best-practice rule "region": everything on the page but the skip link is inside a landmark."""
    only_region = {"runOnly": {"type": "rule", "values": ["region"]}, "resultTypes": ["violations"]}
    results = _run_axe(page, only_region)
    outside = [node["target"] for violation in results.response["violations"] for node in violation["nodes"]]
    assert not outside, f"{page.url}: content outside any landmark: {outside}"


def type_date(page: Page, field: str, day: date) -> None:
    """Fill a GOV.UK date input's day, month and year boxes."""
    page.locator(f"#id_{field}_0").fill(str(day.day))
    page.locator(f"#id_{field}_1").fill(str(day.month))
    page.locator(f"#id_{field}_2").fill(str(day.year))


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")


@pytest.fixture(autouse=True)
def _no_content_security_policy_violations(page: Page) -> Iterator[None]:
    """Every browser test fails if the browser blocked anything under the content security policy."""
    blocked: list[str] = []
    page.on(
        "console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None
    )
    yield
    assert not blocked, blocked


def enter_password(page: Page, live_server: LiveServer, user: User) -> None:
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def enter_code(page: Page, code: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Continue").click()


@pytest.fixture
def sign_in(page: Page, live_server: LiveServer) -> Callable[..., User]:
    """Sign in through the real sign-in pages (password, then the app's code) as a new user of the given role, whose
    app is already set up; returns the user."""

    def as_role(role: Role, **organisation: str) -> User:
        user = make_user(role, **organisation)
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
        enter_password(page, live_server, user)
        enter_code(page, app_code(device))
        page.wait_for_url(f"{live_server.url}/")
        return user

    return as_role


# Reflow (WCAG 1.4.10) and text spacing (1.4.12): at 320 CSS pixels wide nothing makes the page scroll sideways except
# a wide table in a labelled, keyboard-focusable scroll container (tests/service/test_table_markup.py: every table
# has one); at 640 (200% zoom) with WCAG's text spacing nothing scrolls sideways at all, not even inside such a
# container.
REFLOW_WIDTH = 320
ZOOMED_WIDTH = 640
TEXT_SPACING_CSS = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""
# Every element wider than the viewport, outermost first, that is not inside a scroll container; every scroll
# container that is unlabelled, unfocusable, not scrollable or itself too wide; and every container that scrolls.
_OVERFLOW_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const name = (el) => {
    const caption = el.querySelector("caption");
    const text = (caption ? caption.textContent : el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 60);
    return `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${
      el.classList.length ? "." + [...el.classList].join(".") : ""}> "${text}"`;
  };
  const label = (el) => {
    const ids = (el.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean);
    const byIds = ids.map((id) => (document.getElementById(id) || {}).textContent || "").join(" ");
    return ((el.getAttribute("aria-label") || "") + byIds).trim();
  };
  const scrollers = [...document.querySelectorAll('[role="region"][tabindex="0"]')];
  const badScrollers = [];
  for (const box of scrollers) {
    const overflow = getComputedStyle(box).overflowX;
    if (!label(box)) badScrollers.push(`${name(box)} has no accessible name`);
    if (!["auto", "scroll"].includes(overflow)) badScrollers.push(`${name(box)} does not scroll (${overflow})`);
    if (box.getBoundingClientRect().right > width + 1) badScrollers.push(`${name(box)} is wider than the page`);
  }
  const tooWide = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.right <= width + 1 || (box.width === 0 && box.height === 0)) continue;
    // inside a box that clips it (an SVG's text; a table in its scroll container): it widens nothing
    const position = getComputedStyle(el).position;
    const clippedBy = (clip) =>
      clip !== el && clip.contains(el) &&
      (!["absolute", "fixed"].includes(position) || (el.offsetParent && clip.contains(el.offsetParent)));
    if (scrollers.some(clippedBy)) continue;
    let clipped = false;
    for (let up = el.parentElement; up && up !== document.body && !clipped; up = up.parentElement) {
      clipped = ["hidden", "clip"].includes(getComputedStyle(up).overflowX) &&
        up.getBoundingClientRect().right <= width + 1 && clippedBy(up);
    }
    if (clipped) continue;
    if (tooWide.some((outer) => outer.contains(el))) continue;
    tooWide.push(el);
  }
  return {
    width,
    scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
    tooWide: tooWide.map((el) => `${name(el)} ${Math.round(el.getBoundingClientRect().right)}px`),
    badScrollers,
    scrolling: scrollers.filter((box) => box.scrollWidth > box.clientWidth + 1)
      .map((box) => `${name(box)} ${box.scrollWidth}px in ${box.clientWidth}px`),
  };
}
"""
_ADD_TEXT_SPACING_JS = """
(css) => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  window.__wcagTextSpacing = sheet;
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
"""
_REMOVE_TEXT_SPACING_JS = """
() => { document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== window.__wcagTextSpacing); }
"""


def page_overflow(page: Page, width: int, *, text_spacing: bool = False) -> dict[str, Any]:
    """What overflows the page at ``width`` CSS pixels (with WCAG's text spacing if asked), the viewport then put
    back as it was."""
    viewport = page.viewport_size
    page.set_viewport_size({"width": width, "height": 800})
    try:
        if text_spacing:
            page.evaluate(_ADD_TEXT_SPACING_JS, TEXT_SPACING_CSS)
        overflow: dict[str, Any] = page.evaluate(_OVERFLOW_JS)
    finally:
        if text_spacing:
            page.evaluate(_REMOVE_TEXT_SPACING_JS)
        if viewport:
            page.set_viewport_size(viewport)
    return overflow


def assert_reflows(page: Page) -> None:
    """The page reflows: at 320 px it scrolls sideways only inside labelled, focusable table scroll containers, and
    at 640 px with WCAG text spacing nothing scrolls sideways."""
    narrow = page_overflow(page, REFLOW_WIDTH)
    where = f"{page.url} at {REFLOW_WIDTH}px"
    assert not narrow["tooWide"], f"{where}: wider than the page and not in a table scroll container: {narrow}"
    assert not narrow["badScrollers"], f"{where}: {narrow['badScrollers']}"
    assert narrow["scrollWidth"] <= narrow["width"], f"{where}: the page scrolls sideways: {narrow}"
    zoomed = page_overflow(page, ZOOMED_WIDTH, text_spacing=True)
    where = f"{page.url} at {ZOOMED_WIDTH}px with WCAG text spacing"
    assert not zoomed["tooWide"], f"{where}: wider than the page: {zoomed}"
    assert not zoomed["scrolling"], f"{where}: a table scrolls sideways, so does not fit: {zoomed}"
    assert zoomed["scrollWidth"] <= zoomed["width"], f"{where}: the page scrolls sideways: {zoomed}"
