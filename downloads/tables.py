"""CSV and XLSX responses for a table of rows, with spreadsheet formula injection neutralised in both formats, and the
attachment every download is sent as.

A text cell that begins with =, +, - or @ (or a tab or carriage return) is a formula to a spreadsheet. In CSV it is
prefixed with an apostrophe, which spreadsheets read as "this is text"; in XLSX every text cell is written with the
string type, so nothing in it is ever run."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralised(value: Any) -> Any:
    """The CSV form of a cell: text that a spreadsheet would run is prefixed so that it is shown, not run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def attachment(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, no_store=True, private=True)
    return response


def csv_download(*, filename: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> HttpResponse:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([neutralised(cell.isoformat() if isinstance(cell, date) else cell) for cell in row])
    # A byte-order mark, so that spreadsheets open the UTF-8 correctly.
    return attachment(text.getvalue().encode("utf-8-sig"), filename=filename, content_type="text/csv; charset=utf-8")


def xlsx_cell(worksheet: Any, value: Any) -> WriteOnlyCell:
    """A cell of a write-only sheet: text is always a string (never a formula), dates show as dates."""
    cell = WriteOnlyCell(worksheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def xlsx_download(*, filename: str, sheet: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> HttpResponse:
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    worksheet.append(list(headers))
    for row in rows:
        worksheet.append([xlsx_cell(worksheet, value) for value in row])
    content = io.BytesIO()
    workbook.save(content)
    return attachment(content.getvalue(), filename=filename, content_type=XLSX)
