"""CSV and XLSX responses for a table of rows, with spreadsheet formula injection neutralised in both formats, and the
attachment every download is sent as.

A text cell that begins with =, +, - or @, or with their full-width forms (U+FF1D, U+FF0B, U+FF0D, U+FF20, which
spreadsheets read as the same), or with a tab or carriage return, is a formula to a spreadsheet. In CSV it is prefixed
with an apostrophe, which spreadsheets read as "this is text"; in XLSX every text cell is written with the string
type, so nothing in it is ever run. An XLSX download's cells are typed (downloads/workbooks.py): dates as dates,
whole numbers as whole numbers, yes or no as booleans, with the header row frozen and the columns sized. Every
download is written to the export log (audit) as it is sent.

The rows are read as the file is written, from the read replica when one is usable (operations/replica.py): a
download of every case in a unit is the kind of long read that should not weigh on the primary."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from audit.exports import record_export
from audit.models import Purpose
from downloads import workbooks
from operations.replica import replica_reads

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")  # the last four: full-width
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralised(value: Any) -> Any:
    """The CSV form of a cell: text that a spreadsheet would run is prefixed so that it is shown, not run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


@dataclass(frozen=True)
class Download:
    """What is being downloaded, by whom and why: written to the export log as the file is sent."""

    request: HttpRequest
    what: str
    purpose: Purpose


def attachment(download: Download, content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    via = "api" if download.request.path_info.startswith("/api/") else "page"
    record_export(user=download.request.user, what=download.what, filename=filename, purpose=download.purpose, via=via)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, no_store=True, private=True)
    return response


def csv_download(
    download: Download, *, filename: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(headers)
    with replica_reads():
        for row in rows:
            writer.writerow([neutralised(cell.isoformat() if isinstance(cell, date) else cell) for cell in row])
    # A byte-order mark, so that spreadsheets open the UTF-8 correctly.
    content = text.getvalue().encode("utf-8-sig")
    return attachment(download, content, filename=filename, content_type="text/csv; charset=utf-8")


def xlsx_download(
    download: Download,
    *,
    filename: str,
    sheet: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    formats: Mapping[str, workbooks.Format] | None = None,
) -> HttpResponse:
    """``formats`` names, by header, the columns whose values alone do not say how they read (a fraction that is a
    percentage, a number of days); every other column is typed from its values."""
    with replica_reads():
        content = workbooks.xlsx([workbooks.Sheet(sheet, headers, rows, formats or {})])
    return attachment(download, content, filename=filename, content_type=XLSX)
