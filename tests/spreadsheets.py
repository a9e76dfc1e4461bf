"""Downloaded workbooks opened as an analyst's tools open them: each sheet's rows of cell values, typed as the
spreadsheet reads them (numbers, dates and booleans, not their text), and each ODS cell's value type and number
format, written as Excel writes number formats so that the two formats can be checked alike."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from odf import teletype
from odf.element import Element
from odf.namespaces import NUMBERNS, STYLENS
from odf.opendocument import OpenDocument, load
from odf.table import Table, TableCell, TableRow
from openpyxl import load_workbook


@dataclass(frozen=True)
class OdsCell:
    value_type: str  # office:value-type: "float", "percentage", "date", "boolean", "string", or "" when empty
    value: Any
    text: str  # what the cell shows
    number_format: str  # its data style, as an Excel number format ("0.0%", "#,##0", "d mmm yyyy"), or ""


def _value(cell: Element) -> Any:
    kind = cell.getAttribute("valuetype") or ""
    if kind in ("float", "percentage", "currency"):
        raw = cell.getAttribute("value")
        return int(raw) if re.fullmatch(r"-?\d+", raw) else float(raw)
    if kind == "date":
        raw = cell.getAttribute("datevalue")
        return datetime.fromisoformat(raw) if "T" in raw else date.fromisoformat(raw)
    if kind == "boolean":
        return cell.getAttribute("booleanvalue") == "true"
    if kind == "string":
        return teletype.extractText(cell)
    return None


def _format_code(style: Element) -> str:
    """An ODF data style (number:number-style and its kin) written as the Excel number format it stands for."""
    code = ""
    for part in style.childNodes:
        name = part.qname
        if name == (NUMBERNS, "number"):
            decimals = int(part.getAttribute("decimalplaces") or 0)
            code += ("#,##0" if part.getAttribute("grouping") == "true" else "0") + (
                "." + "0" * decimals if decimals else ""
            )
        elif name == (NUMBERNS, "text"):
            text = teletype.extractText(part)
            code += text if not text.strip().isalpha() else text.replace(text.strip(), f'"{text.strip()}"')
        elif name == (NUMBERNS, "day"):
            code += "dd" if part.getAttribute("style") == "long" else "d"
        elif name == (NUMBERNS, "month"):
            code += ("mmm" if part.getAttribute("textual") == "true" else "m") + (
                "m" if part.getAttribute("style") == "long" else ""
            )
        elif name == (NUMBERNS, "year"):
            code += "yyyy" if part.getAttribute("style") == "long" else "yy"
        elif name == (NUMBERNS, "hours"):
            code += "hh" if part.getAttribute("style") == "long" else "h"
        elif name == (NUMBERNS, "minutes"):
            code += "mm" if part.getAttribute("style") == "long" else "m"
        elif name == (NUMBERNS, "boolean"):
            code += "BOOLEAN"
    return code


def _number_formats(document: OpenDocument) -> dict[str, str]:
    """Each cell style's number format, by the cell style's name."""
    styles = [*document.automaticstyles.childNodes, *document.styles.childNodes]
    data = {s.getAttribute("name"): _format_code(s) for s in styles if s.qname[0] == NUMBERNS}
    return {
        s.getAttribute("name"): data.get(s.getAttribute("datastylename") or "", "")
        for s in styles
        if s.qname == (STYLENS, "style")
    }


def ods_cells(content: bytes) -> dict[str, list[list[OdsCell]]]:
    document = load(io.BytesIO(content))
    formats = _number_formats(document)
    return {
        table.getAttribute("name"): [
            [
                OdsCell(
                    cell.getAttribute("valuetype") or "",
                    _value(cell),
                    teletype.extractText(cell),
                    formats.get(cell.getAttribute("stylename") or "", ""),
                )
                for cell in row.getElementsByType(TableCell)
            ]
            for row in table.getElementsByType(TableRow)
        ]
        for table in document.getElementsByType(Table)
    }


def ods_sheets(content: bytes) -> dict[str, list[list[Any]]]:
    """Each sheet's rows of values: numbers (whole ones as int, as openpyxl reads them), dates, booleans, text, or
    None for an empty cell."""
    return {title: [[cell.value for cell in row] for row in rows] for title, rows in ods_cells(content).items()}


def xlsx_sheets(content: bytes) -> dict[str, list[list[Any]]]:
    workbook = load_workbook(io.BytesIO(content))
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook}
