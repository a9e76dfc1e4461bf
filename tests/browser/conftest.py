"""Browser tests: Playwright driving Debian's Chromium against a live server, with axe on every page."""

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from accounts.models import User
from accounts.roles import Role
from tests.clients import app_code
from tests.factories import PASSWORD, make_user

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = ("serious", "critical")
_axe = Axe()


def assert_accessible(page: Page) -> None:
    """No serious or critical WCAG 2.2 AA violation on the page as it stands."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}, "resultTypes": ["violations"]})
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, "\n".join(
        f"{v['impact']}: {v['id']} – {v['help']} at {[n['target'] for n in v['nodes']]}" for v in blocking
    )


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


def enter_password(page: Page, live_server: Any, user: User) -> None:
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def enter_code(page: Page, code: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Continue").click()


@pytest.fixture
def sign_in(page: Page, live_server: Any) -> Callable[..., User]:
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
