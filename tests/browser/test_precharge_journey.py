"""A police officer opens a case and asks for early advice; a prosecutor answers it and charges under the Full Code
Test; the timeline shows both. Every page visited is checked with axe."""

from collections.abc import Callable
from datetime import date, timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from accounts.roles import Role
from tests.browser.conftest import assert_accessible, sign_out, type_date


def _police_open_the_case_and_ask_for_advice(page: Page, today: date) -> None:
    page.get_by_role("link", name="Cases").first.click()
    page.get_by_role("link", name="Open a case").click()
    assert_accessible(page)

    # An impossible date is refused with the design system's message, and nothing typed is lost.
    page.get_by_label("URN").fill("13AB1234524")
    page.get_by_label("Yorkshire and Humberside").check()
    page.locator("#id_reported_on_0").fill("31")
    page.locator("#id_reported_on_1").fill("2")
    page.locator("#id_reported_on_2").fill("2025")
    page.get_by_label("Rape", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("Date reported to police must be a real date")
    expect(page.get_by_label("URN")).to_have_value("13AB1234524")
    assert_accessible(page)

    type_date(page, "reported_on", today - timedelta(days=60))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("13AB1234524")
    assert_accessible(page)

    page.get_by_role("link", name="Add a suspect").click()
    assert_accessible(page)
    page.get_by_label("Suspect's name").fill("Named Person")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Suspect added")).to_be_visible()

    page.get_by_role("link", name="Request early advice for Suspect 1").click()
    assert_accessible(page)
    type_date(page, "requested_on", today - timedelta(days=30))
    page.get_by_label("Questions for the prosecutor").fill("Which lines of enquiry before a charging file?")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Early advice requested for Suspect 1")).to_be_visible()
    expect(page.get_by_text("Named Person")).to_have_count(0)


def _open_the_case(page: Page, live_server: LiveServer) -> None:
    assert_accessible(page)  # the home page, with its queues
    page.goto(f"{live_server.url}/cases/")
    assert_accessible(page)
    page.get_by_role("link", name="13AB1234524").click()
    assert_accessible(page)


def _prosecutor_gives_advice(page: Page, today: date) -> None:
    page.get_by_role("link", name="Give early advice for Suspect 1").click()
    assert_accessible(page)
    type_date(page, "answered_on", today - timedelta(days=20))
    page.get_by_label("Advice", exact=True).fill("Obtain the phone download and refer.")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Early advice given for Suspect 1")).to_be_visible()


def _prosecutor_charges(page: Page, today: date) -> None:
    page.get_by_role("link", name="Record the charging decision for Suspect 1").click()
    assert_accessible(page)
    page.get_by_label("Full Code Test").check()
    page.get_by_label("Charge", exact=True).check()
    page.get_by_role("group", name="Offences charged").get_by_label("Rape", exact=True).check()
    page.get_by_label("Evidential stage: reasons").fill("Consistent account; digital evidence supports it.")
    page.get_by_label("Public interest stage: reasons").fill("Serious offence.")
    page.get_by_label("Requested from police").check()
    type_date(page, "decided_on", today)
    page.get_by_role("button", name="Continue").click()
    # Bad character rationale and the suspect's conduct are required: the service says so.
    expect(page.get_by_role("alert")).to_contain_text("required in every rape case")
    assert_accessible(page)
    page.get_by_label("Why").fill("Previous allegation; PNC requested.")
    page.get_by_label("The suspect's conduct before, during and after the offence").fill("Planned; messages after.")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Charging decision recorded for Suspect 1")).to_be_visible()
    expect(page.get_by_role("list", name="Stages for Suspect 1").locator("[aria-current=step]")).to_have_text(
        "Current: Charged"
    )
    assert_accessible(page)


def test_police_request_early_advice_and_prosecutor_charges(
    page: Page, live_server: LiveServer, sign_in: Callable[..., User]
) -> None:
    today = timezone.localdate()
    sign_in(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    _police_open_the_case_and_ask_for_advice(page, today)
    sign_out(page)

    sign_in(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")
    _open_the_case(page, live_server)
    _prosecutor_gives_advice(page, today)
    sign_out(page)

    sign_in(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    _open_the_case(page, live_server)
    page.get_by_role("link", name="Refer for a charging decision for Suspect 1").click()
    assert_accessible(page)
    type_date(page, "received_on", today - timedelta(days=10))
    page.get_by_role("button", name="Continue").click()
    sign_out(page)

    sign_in(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")
    _open_the_case(page, live_server)
    _prosecutor_charges(page, today)

    page.get_by_role("navigation", name="Case sections").get_by_role("link", name="Timeline").click()
    expect(page.get_by_text("Early advice requested for Suspect 1")).to_be_visible()
    expect(page.get_by_text("Suspect 1: Charge (Full Code Test)")).to_be_visible()
    assert_accessible(page)
    for tab in ("Suspects", "Early advice", "Charging"):
        page.get_by_role("navigation", name="Case sections").get_by_role("link", name=tab).click()
        assert_accessible(page)
    expect(page.get_by_text("Previous allegation; PNC requested.")).to_be_visible()
    page.get_by_role("navigation", name="Case sections").get_by_role("link", name="Timeline").click()
    page.get_by_label("Show events for").select_option("early_advice")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator(".moj-timeline__item")).to_have_count(2)
