"""Downloaded workbooks opened as an analyst's tools open them: each sheet's rows of cell values."""

from __future__ import annotations

import io
from typing import Any

from odf import teletype
from odf.opendocument import load
from odf.table import Table, TableCell, TableRow
from openpyxl import load_workbook


def ods_sheets(content: bytes) -> dict[str, list[list[str]]]:
    document = load(io.BytesIO(content))
    return {
        table.getAttribute("name"): [
            [teletype.extractText(cell) for cell in row.getElementsByType(TableCell)]
            for row in table.getElementsByType(TableRow)
        ]
        for table in document.getElementsByType(Table)
    }


def xlsx_sheets(content: bytes) -> dict[str, list[list[Any]]]:
    workbook = load_workbook(io.BytesIO(content))
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook}
