"""An auditor finds both logs from the service navigation, filters the access log by keyboard (a date typed wrong is
shown in the GOV.UK error summary, each link going to its box), downloads what they filtered, and sees that download
in the export log; every page axe-clean and reflowing at 320 pixels."""

from collections.abc import Callable
from datetime import date

from playwright.sync_api import Page, expect

from accounts.models import User
from accounts.roles import Role
from tests.browser.conftest import assert_accessible, assert_error_summary_links_focus_their_fields, type_date
from tests.factories import make_case, make_user
from victims.identity import add_complainant, read_identity


def test_an_auditor_filters_the_access_log_and_finds_the_download_in_the_export_log(
    page: Page, sign_in: Callable[..., User]
) -> None:
    officer = make_user(Role.INVESTIGATOR, first_name="Tom", last_name="Reed")
    liaison = make_user(Role.VICTIM_LIAISON_OFFICER, first_name="Priya", last_name="Shah")
    complainant = add_complainant(actor=officer, case=make_case(officer_in_charge=officer), name="Jo Bloggs")
    read_identity(actor=liaison, complainant=complainant, reason="court", via="page")
    read_identity(actor=officer, complainant=complainant, reason="contact", via="page")
    sign_in(Role.AUDITOR)

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Access log").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Identity access log")
    assert_accessible(page)
    page.get_by_text("Filter the identity access log").click()
    page.get_by_label("Person").fill("priya")
    page.locator("#id_start_0").fill("31")
    page.locator("#id_start_1").fill("2")
    page.locator("#id_start_2").fill("2026")
    page.get_by_role("button", name="Apply filters").click()
    assert_error_summary_links_focus_their_fields(page)
    expect(page.get_by_label("Person")).to_have_value("priya")
    assert_accessible(page)

    type_date(page, "start", date(2026, 1, 1))
    page.keyboard.press("Enter")
    table = page.get_by_role("table", name="Reads of complainants' details, latest first")
    expect(table.get_by_role("row")).to_have_count(2)
    expect(table).to_contain_text("Priya Shah")
    expect(table).not_to_contain_text("Tom Reed")
    expect(page.locator("body")).not_to_contain_text("Jo Bloggs")
    assert_accessible(page)
    with page.expect_download() as downloading:
        page.get_by_role("link", name="CSV file of the identity access log").click()
    assert downloading.value.suggested_filename.startswith("identity-access-log-")

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Export log").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Export log")
    downloads = page.get_by_role("table", name="Downloads, latest first")
    expect(downloads).to_contain_text("Identity access log, filtered by person, start date")
    expect(downloads).to_contain_text("Audit: the access and export logs")
    assert_accessible(page)
