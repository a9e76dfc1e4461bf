"""The spreadsheet downloads built on downloads/tables.py (case lists, workload, JOIM agendas, scrutiny packs, the
logs): the XLSX's cells are typed from their values (dates as dates, whole numbers as whole numbers, yes or no as
booleans) or from the formats a caller names, with the header frozen and the columns sized, while the CSV of the
same rows is exactly what it was and text that a spreadsheet would run stays text."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from openpyxl import load_workbook

from accounts.models import User
from accounts.roles import Role
from audit.models import Export, Purpose
from downloads import workbooks
from downloads.tables import Download, csv_download, xlsx_download

pytestmark = pytest.mark.django_db
HEADERS = ["URN", "Reported", "Last read", "Days overdue", "Enhanced rights", "Owner", "Note", "Share"]
ROW = ["13AA0000001", date(2024, 4, 1), datetime(2024, 7, 3, 9, 30, tzinfo=UTC), 1234, True, None, "=SUM(A1)", 0.25]


def _download(user: User) -> Download:
    request = RequestFactory().get("/dashboards/workload/download")
    request.user = user
    return Download(request, "Team workload", Purpose.CASE_MANAGEMENT)


@pytest.fixture
def head(user_of: Callable[..., User]) -> User:
    return user_of(Role.UNIT_HEAD, cps_area="Yorkshire and Humberside")


def test_the_xlsx_cells_are_typed_and_the_sheet_reads_as_a_table(head: User) -> None:
    response = xlsx_download(_download(head), filename="workload.xlsx", sheet="Workload", headers=HEADERS,
                             rows=[ROW], formats={"Share": workbooks.PERCENT})  # fmt: skip
    sheet = load_workbook(io.BytesIO(response.content))["Workload"]
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.b for cell in sheet[1]), "the header is bold"
    cells = dict(zip(HEADERS, sheet[2], strict=True))
    assert (cells["URN"].value, cells["URN"].data_type) == ("13AA0000001", "s")
    assert (cells["Reported"].value.date(), cells["Reported"].data_type) == (date(2024, 4, 1), "d")
    assert cells["Reported"].number_format == "d mmm yyyy"
    last_read = cells["Last read"]
    assert (last_read.value, last_read.number_format) == (datetime(2024, 7, 3, 10, 30), "d mmm yyyy hh:mm"), "UK time"
    assert (cells["Days overdue"].value, cells["Days overdue"].number_format) == (1234, "#,##0")
    assert (cells["Enhanced rights"].value, cells["Enhanced rights"].data_type) == (True, "b")
    assert cells["Owner"].value is None
    assert (cells["Note"].value, cells["Note"].data_type) == ("=SUM(A1)", "s"), "a string cell, never a formula"
    assert (cells["Share"].value, cells["Share"].number_format) == (0.25, "0.0%")
    assert sheet.column_dimensions["A"].width >= len("13AA0000001")
    assert sheet.column_dimensions["E"].width >= len("Enhanced rights")
    assert Export.objects.get().filename == "workload.xlsx", "the download is in the export log"


def test_every_row_of_a_long_download_is_written(head: User) -> None:
    rows = (
        [f"13AA{n:07d}", date(2024, 4, 1), None, n, False, "", "", None] for n in range(workbooks.MEASURED_ROWS + 50)
    )
    response = xlsx_download(_download(head), filename="all.xlsx", sheet="Cases", headers=HEADERS, rows=rows)
    sheet = load_workbook(io.BytesIO(response.content))["Cases"]
    assert sheet.max_row == workbooks.MEASURED_ROWS + 51
    assert sheet.cell(sheet.max_row, 4).value == workbooks.MEASURED_ROWS + 49


def test_the_csv_of_the_same_rows_is_unchanged(head: User) -> None:
    response: HttpResponse = csv_download(_download(head), filename="workload.csv", headers=HEADERS, rows=[ROW])
    assert (
        response.content
        == (
            "\ufeffURN,Reported,Last read,Days overdue,Enhanced rights,Owner,Note,Share\r\n"
            "13AA0000001,2024-04-01,2024-07-03T09:30:00+00:00,1234,True,,'=SUM(A1),0.25\r\n"
        ).encode()
    )
