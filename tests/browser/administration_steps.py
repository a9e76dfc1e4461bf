"""The keyboard steps the administration pages' browser tests take: type into a field found by its label, follow a
link or press a button by focusing it and pressing Enter, and check a page's heading (and that it is axe-clean)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible


def type_into(page: Page, label: str, text: str) -> None:
    """Replace what the field holds with ``text``, typed."""
    page.get_by_label(label, exact=True).focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def follow(page: Page, name: str) -> None:
    page.get_by_role("link", name=name, exact=True).first.focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state("load")


def press(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state("load")


def heading(page: Page, text: str) -> None:
    """The page's main heading is ``text``, and the page is axe-clean."""
    expect(page.get_by_role("heading", level=1)).to_have_text(text)
    assert_accessible(page)
