"""The GOV.UK error pattern in Chromium: each form, submitted with nothing filled in, shows the error summary, and each
of its links takes focus to its field (a date's first box, a group's first radio or checkbox), which shows its error
message beside it and is described by it. One form of each kind of field the service uses: text (sign-in, second
factor), radios and checkboxes (open a case, the complainant's details), dates and a textarea (police NFA), a select
(the case list's filters), the add-another formset (an action plan) and a file upload (journey import). Everything on
each page (phase banner, back link, Exit this page) is inside a landmark.

Besides the errors: a required choice with only one option comes chosen (an officer's force is served by one Area),
the Threshold Test's conditions are revealed only when that test is chosen (and all show without JavaScript), and the
stage strip is in the GOV.UK font."""

import re
from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from accounts.roles import Role
from cases.models import Referral
from tests.browser.conftest import (
    assert_accessible,
    assert_error_summary_links_focus_their_fields,
    assert_everything_in_a_landmark,
    enter_password,
)
from tests.clients import signed_in
from tests.factories import make_case, make_user, referred_suspect
from victims.identity import add_complainant


def _submit_empty(page: Page, button: str) -> None:
    page.get_by_role("button", name=button, exact=True).click()
    expect(page).to_have_title(re.compile(r"^Error: "))


def _shows_its_errors(page: Page) -> None:
    assert_error_summary_links_focus_their_fields(page)
    assert_everything_in_a_landmark(page)
    assert_accessible(page)


def test_sign_in_and_the_second_factor(page: Page, live_server: LiveServer) -> None:
    user = make_user(Role.INVESTIGATOR)
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    page.goto(f"{live_server.url}/sign-in/")
    assert_everything_in_a_landmark(page)
    _submit_empty(page, "Sign in")
    expect(page.locator(".govuk-error-summary a")).to_have_count(2)
    _shows_its_errors(page)

    enter_password(page, live_server, user)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
    _submit_empty(page, "Continue")
    _shows_its_errors(page)
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a correct code")
    _shows_its_errors(page)


def test_police_forms(page: Page, live_server: LiveServer, sign_in: Callable[..., User]) -> None:
    officer = sign_in(Role.INVESTIGATOR)
    case = make_case(officer_in_charge=officer)
    suspect = case.suspects.get()
    complainant = add_complainant(actor=officer, case=case, name="Rosamund Achterberg-Ilori")

    page.goto(f"{live_server.url}/cases/new/")  # text, radios, dates and checkboxes
    # West Yorkshire Police is served by one Area: it comes chosen.
    expect(page.get_by_label("Yorkshire and Humberside")).to_be_checked()
    expect(page.locator('input[name="cps_area"]')).to_have_count(1)
    _submit_empty(page, "Continue")
    for field in ("#id_urn", "#id_reported_on_0", "#id_offences_0"):
        expect(page.locator(f'.govuk-error-summary a[href="{field}"]')).to_have_count(1)
    expect(page.locator('.govuk-error-summary a[href="#id_cps_area_0"]')).to_have_count(0)
    expect(page.get_by_label("Yorkshire and Humberside")).to_be_checked()
    _shows_its_errors(page)

    page.goto(f"{live_server.url}/cases/{case.pk}/suspects/{suspect.pk}/police-nfa/")  # a date and a textarea
    _submit_empty(page, "Continue")
    expect(page.locator('.govuk-error-summary a[href="#id_nfa_on_0"]')).to_have_count(1)
    for box in range(3):
        expect(page.locator(f"#id_nfa_on_{box}")).to_have_class(re.compile(r"\bgovuk-input--error\b"))
    _shows_its_errors(page)

    page.goto(f"{live_server.url}/cases/{case.pk}/complainants/{complainant.pk}/identity/")  # radios
    expect(page.get_by_role("link", name="Emergency Exit this page")).to_be_visible()
    _submit_empty(page, "Show the details")
    expect(page.locator('.govuk-error-summary a[href="#id_reason_0"]')).to_have_count(1)
    _shows_its_errors(page)

    page.goto(f"{live_server.url}/cases/?police_force=999999")  # a select, refused
    expect(page.locator('.govuk-error-summary a[href="#id_police_force"]')).to_have_count(1)
    _shows_its_errors(page)


def test_an_action_plan_with_nothing_filled_in(
    page: Page, live_server: LiveServer, sign_in: Callable[..., User]
) -> None:
    today = timezone.localdate()
    officer = make_user(Role.INVESTIGATOR)
    case = make_case(officer_in_charge=officer, reported_on=today - timedelta(days=90))
    referral = Referral.objects.get(
        suspect=referred_suspect(case, officer=officer, received_on=today - timedelta(days=40))
    )
    sign_in(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")
    page.goto(f"{live_server.url}/cases/{case.pk}/referrals/{referral.pk}/action-plan/")
    # "Add another action" adds a row: nothing is in error yet.
    page.get_by_role("button", name="Add another action").click()
    expect(page.get_by_role("heading", name="Action 2")).to_be_visible()
    expect(page.locator(".govuk-error-summary, .govuk-error-message, .govuk-form-group--error")).to_have_count(0)
    _submit_empty(page, "Set the action plan")
    for field in ("#id_set_on_0", "#id_actions-0-request", "#id_actions-0-due_on_0"):
        expect(page.locator(f'.govuk-error-summary a[href="{field}"]')).to_have_count(1)
    _shows_its_errors(page)


def test_a_journey_file_upload_with_no_file(page: Page, live_server: LiveServer, sign_in: Callable[..., User]) -> None:
    sign_in(Role.ADMINISTRATOR)
    page.goto(f"{live_server.url}/scorecards/import/")
    _submit_empty(page, "Import the file")
    expect(page.locator('.govuk-error-summary a[href="#id_file"]')).to_have_count(1)
    expect(page.locator("#id_file")).to_have_class(re.compile(r"\bgovuk-file-upload--error\b"))
    _shows_its_errors(page)


def _decision_page(officer: User) -> str:
    today = timezone.localdate()
    case = make_case(officer_in_charge=officer, reported_on=today - timedelta(days=90))
    referral = Referral.objects.get(
        suspect=referred_suspect(case, officer=officer, received_on=today - timedelta(days=10))
    )
    return f"/cases/{case.pk}/referrals/{referral.pk}/decision/"


def test_the_threshold_conditions_are_revealed_only_when_the_threshold_test_is_chosen(
    page: Page, live_server: LiveServer, sign_in: Callable[..., User]
) -> None:
    address = _decision_page(make_user(Role.INVESTIGATOR))
    sign_in(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")
    page.goto(f"{live_server.url}{address}")
    condition = page.locator('input[name="threshold_bail_objection"]')
    expect(condition).to_be_hidden()
    page.get_by_label("Threshold Test", exact=True).check()
    expect(condition).to_be_visible()
    expect(page.get_by_label("Threshold Test", exact=True)).to_have_attribute("aria-expanded", "true")
    page.get_by_label("Full Code Test", exact=True).check()
    expect(condition).to_be_hidden()
    assert_accessible(page)

    page.get_by_label("Threshold Test", exact=True).check()
    _submit_empty(page, "Continue")  # shown again with its errors, the chosen test's questions still showing
    expect(condition).to_be_visible()
    _shows_its_errors(page)


def test_without_javascript_every_question_shows(browser: Browser, live_server: LiveServer) -> None:
    prosecutor = make_user(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")
    address = _decision_page(make_user(Role.INVESTIGATOR))
    context = browser.new_context(java_script_enabled=False)
    try:
        client = signed_in(prosecutor)
        context.add_cookies(
            [{"name": name, "value": morsel.value, "url": live_server.url} for name, morsel in client.cookies.items()]
        )
        no_script = context.new_page()
        no_script.goto(f"{live_server.url}{address}")
        expect(no_script.get_by_role("heading", level=1)).to_contain_text("Record the charging decision")
        expect(no_script.locator('input[name="threshold_bail_objection"]')).to_be_visible()
    finally:
        context.close()


def test_the_stage_strip_is_in_the_govuk_font(
    page: Page, live_server: LiveServer, sign_in: Callable[..., User]
) -> None:
    officer = sign_in(Role.INVESTIGATOR)
    case = make_case(officer_in_charge=officer)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    stage = page.locator(".app-stage-strip__stage").first
    expect(stage).to_be_visible()
    assert stage.evaluate("node => getComputedStyle(node).fontFamily").startswith('"GDS Transport"')
