"""An analyst chooses a quarter and an Area, reads a chart's figures as a table, and downloads the scorecard as CSV,
XLSX and ODS: the files open and hold the numbers the page shows."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import User
from accounts.roles import Role
from demo.history import journey_lines
from scorecards.journey_import import import_lines
from scorecards.periods import completed_quarters
from tests.browser.conftest import assert_accessible
from tests.spreadsheets import ods_sheets, xlsx_sheets

AREA = "Yorkshire and Humberside"


def _download(page: Page, name: str, folder: Path) -> bytes:
    with page.expect_download() as download:
        page.get_by_role("link", name=name).click()
    target = folder / download.value.suggested_filename
    download.value.save_as(target)
    return target.read_bytes()


def _row(rows: Sequence[Sequence[object]], measure_id: str) -> dict[str, object]:
    header = [str(cell) for cell in rows[0]]
    for row in rows[1:]:
        record = dict(zip(header, row, strict=True))
        if record["measure_id"] == measure_id and record["cps_area"] == AREA and not record["police_force"]:
            return record
    raise AssertionError(f"no {measure_id} row for {AREA}")


def test_an_analyst_reads_a_quarter_for_an_area_and_downloads_it(
    page: Page, sign_in: Callable[..., User], tmp_path: Path
) -> None:
    today = timezone.localdate()
    import_lines(list(journey_lines(cases=400, seed=7, today=today)))
    quarter = completed_quarters(today, 1)[0].label
    sign_in(Role.ANALYST)

    page.get_by_role("link", name="Scorecards").first.click()
    page.get_by_label("Period").select_option(label=quarter)
    page.get_by_label("Place").select_option(label=AREA)
    page.get_by_role("button", name="Show the scorecard").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{quarter}, {AREA}")
    assert_accessible(page)

    # The chart's figures as a table, opened from the keyboard.
    summary = page.locator("summary").filter(has_text="Show the trend as a table: Charge rate")
    summary.focus()
    page.keyboard.press("Enter")
    table = page.get_by_role("table", name="Charge rate by quarter")
    expect(table).to_be_visible()
    row = table.get_by_role("row", name=quarter)
    shown = row.get_by_role("cell").nth(0).inner_text()
    counted = row.get_by_role("cell").nth(1).inner_text()
    out_of = row.get_by_role("cell").nth(2).inner_text()
    assert shown.endswith("%")
    assert_accessible(page)

    rows = list(csv.DictReader(io.StringIO(_download(page, "CSV (scorecard export, version 1)", tmp_path).decode())))
    charge_rate = next(r for r in rows if r["measure_id"] == "charge_rate" and r["cps_area"] == AREA
                       and not r["police_force"])  # fmt: skip
    assert (charge_rate["period"], charge_rate["numerator"], charge_rate["denominator"]) == (quarter, counted, out_of)
    assert f"{float(charge_rate['value']):.1%}" == shown

    xlsx = _row(
        xlsx_sheets(_download(page, "Excel workbook (XLSX)", tmp_path))["Referrals and charging"], "charge_rate"
    )
    ods = _row(ods_sheets(_download(page, "OpenDocument spreadsheet (ODS)", tmp_path))["Referrals and charging"],
               "charge_rate")  # fmt: skip
    for workbook in (xlsx, ods):
        assert (str(workbook["numerator"]), str(workbook["denominator"])) == (counted, out_of)
        assert f"{float(str(workbook['value'])):.1%}" == shown
