"""A unit head's morning: the team workload shows a new referral with no prosecutor; they allocate the case from the
allocation page, the workload table moves it to the prosecutor, they sort by open referrals and download the table
as CSV, which holds what the page shows. The workload page is checked with axe."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from accounts.roles import Role
from tests.browser.conftest import assert_accessible
from tests.factories import make_case, make_user, referred_suspect

AREA = "Yorkshire and Humberside"


def test_a_unit_head_allocates_a_case_sees_the_workload_change_and_downloads_it(
    page: Page, live_server: LiveServer, sign_in: Callable[..., User]
) -> None:
    sign_in(Role.UNIT_HEAD, cps_area=AREA)
    make_user(Role.PROSECUTOR, cps_area=AREA, first_name="Ann", last_name="Example")
    officer = make_user(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    case = make_case(officer_in_charge=officer)
    referred_suspect(case, officer=officer, received_on=timezone.localdate() - timedelta(days=3))

    page.get_by_role("link", name="Workload").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Team workload")
    expect(page.get_by_role("row", name="Ann Example")).to_contain_text("0 0 0 0 None")
    expect(page.get_by_role("row", name="Not allocated").get_by_role("cell").nth(1)).to_have_text("1")
    expect(page.get_by_text("Oldest referral with no one")).to_contain_text(case.urn)
    assert_accessible(page)

    page.goto(f"{live_server.url}/cases/{case.pk}/allocate/")
    page.get_by_label("Prosecutor").select_option(label="Ann Example")
    page.get_by_label("Reason").fill("Balancing the team's workload")
    page.get_by_role("button", name="Allocate").click()
    expect(page.get_by_text(f"Case {case.urn} allocated")).to_be_visible()

    page.get_by_role("link", name="Workload").first.click()
    ann_row = page.get_by_role("row", name="Ann Example")
    expect(ann_row.get_by_role("cell").first).to_have_text("1")
    expect(ann_row).to_contain_text(case.urn)
    expect(page.get_by_role("row", name="Not allocated").get_by_role("cell").nth(1)).to_have_text("0")

    table = page.get_by_role("table", name="Work by prosecutor")
    table.get_by_role("columnheader", name="Open referrals").get_by_role("link").click()
    expect(table.get_by_role("columnheader", name="Open referrals")).to_have_attribute("aria-sort", "ascending")
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV team workload").click()
    assert download.value.suggested_filename.startswith("workload-")
    path = download.value.path()
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert rows[0][:3] == ["Prosecutor", "Unit", "Open referrals"]
    assert rows[1][:3] == ["Ann Example", AREA, "1"]
    assert rows[1][7] == case.urn
    assert rows[-1][:3] == ["Not allocated", "", "0"]
