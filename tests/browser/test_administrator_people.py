"""An administrator (the role, not a superuser) adds a person in a real browser, by keyboard: the person is sent an
invitation, follows its link signed out, sets a password and then their authenticator app, and is in; the used link
then says so. Every page is axe-clean and reflows at 320 px."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import CpsArea, User
from accounts.roles import Role
from tests.browser.administration_steps import press, type_into
from tests.browser.conftest import assert_accessible
from tests.clients import app_code
from tests.factories import make_user

AREA = "Yorkshire and Humberside"
PASSWORD = "corrugated-lanterns-by-the-weir"


def _choose(page: Page, label: str, option: str) -> None:
    """A drop-down by keyboard: focused, then its option chosen as arrow keys would (Chromium's closed select)."""
    select = page.get_by_label(label, exact=True)
    select.focus()
    select.select_option(label=option)


def test_an_administrator_adds_a_person_who_sets_up_their_sign_in(
    page: Page, live_server: LiveServer, sign_in: Callable[..., User], browser: Browser
) -> None:
    admin = sign_in(Role.ADMINISTRATOR)
    assert not admin.is_superuser
    page.goto(f"{live_server.url}/administration/people/")
    expect(page.get_by_role("heading", level=1)).to_have_text("People")
    assert_accessible(page)

    page.get_by_role("link", name="Add a person").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a person")
    assert_accessible(page)
    type_into(page, "First name", "Nia")
    type_into(page, "Last name", "Newcomer")
    type_into(page, "Email address", "nia.newcomer@example.gov.uk")
    _choose(page, "Role", "RASSO prosecutor")
    press(page, "Add and send invitation")
    expect(page.locator(".govuk-error-summary")).to_contain_text("A CPS role needs a CPS Area")
    expect(page.get_by_label("Email address", exact=True)).to_have_value("nia.newcomer@example.gov.uk")
    assert_accessible(page)
    _choose(page, "CPS Area", str(CpsArea.objects.get(name=AREA)))
    press(page, "Add and send invitation")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nia Newcomer")
    expect(page.get_by_text("Nia Newcomer was added and sent an invitation")).to_be_visible()
    assert_accessible(page)

    [email] = [message for message in mail.outbox if message.to == ["nia.newcomer@example.gov.uk"]]
    found = re.search(r"https?://\S+/account/invitation/[^/\s]+/", str(email.body))
    assert found, email.body
    link = live_server.url + urlsplit(found[0]).path

    theirs = browser.new_context().new_page()
    theirs.goto(link)
    expect(theirs.get_by_role("heading", level=1)).to_have_text("Set your password")
    assert_accessible(theirs)
    type_into(theirs, "Password", PASSWORD)
    type_into(theirs, "Type the password again", PASSWORD)
    press(theirs, "Set password and continue")
    expect(theirs.get_by_role("heading", level=1)).to_have_text("Set up an authenticator app")
    assert_accessible(theirs)
    person = User.objects.get(email="nia.newcomer@example.gov.uk")
    type_into(theirs, "Code", app_code(TOTPDevice.objects.get(user=person, confirmed=False)))
    press(theirs, "Continue")
    expect(theirs.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    assert_accessible(theirs)
    theirs.get_by_role("link", name="I have kept my codes").focus()
    theirs.keyboard.press("Enter")
    theirs.wait_for_url(f"{live_server.url}/")

    theirs.goto(link)
    expect(theirs.get_by_role("heading", level=1)).to_have_text("This invitation cannot be used")
    expect(theirs.get_by_text("This invitation has already been used")).to_be_visible()
    assert_accessible(theirs)

    page.reload()
    expect(page.get_by_text("Authenticator app set up")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Password set from the invitation")).to_have_count(1)


def test_an_administrator_changes_disables_and_resets_a_person(
    page: Page, live_server: LiveServer, sign_in: Callable[..., User]
) -> None:
    sign_in(Role.ADMINISTRATOR)
    person = make_user(Role.PROSECUTOR, cps_area=AREA, first_name="Pat", last_name="Prosecutor")
    TOTPDevice.objects.create(user=person, name="Authenticator app", confirmed=True)
    page.goto(f"{live_server.url}/administration/people/")
    type_into(page, "Name or email address", "pat")
    press(page, "Find")
    expect(page.get_by_role("caption")).to_have_text("1 person")
    page.get_by_role("link", name="Pat Prosecutor").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pat Prosecutor")
    assert_accessible(page)

    page.get_by_role("link", name="Change role and organisation").focus()
    page.keyboard.press("Enter")
    assert_accessible(page)
    _choose(page, "Role", "RASSO unit head")
    type_into(page, "Reason for the change", "Now heads the unit")
    press(page, "Save the change")
    expect(page.get_by_role("row").filter(has_text="Now heads the unit")).to_contain_text(
        "Role or organisation changed"
    )

    page.get_by_role("link", name="Reset their second factor (a lost phone)").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Reset Pat Prosecutor's second factor?")
    assert_accessible(page)
    type_into(page, "Reason for the change", "Lost their phone")
    press(page, "Yes, reset the second factor")
    expect(page.get_by_text("Not set up: they set up an app at their next sign-in")).to_be_visible()

    page.get_by_role("link", name="Disable Pat Prosecutor").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Disable Pat Prosecutor?")
    press(page, "Yes, disable")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter reason")
    assert_accessible(page)
    type_into(page, "Reason for the change", "Left the CPS")
    press(page, "Yes, disable")
    expect(page.get_by_role("row").filter(has_text="Left the CPS")).to_contain_text("Disabled")
    assert not User.objects.get(pk=person.pk).is_active
    assert_accessible(page)
