"""Typed workbook cells, written the same way to XLSX and ODS: a rate is a percentage (the cell holds the exact
fraction, shown as 73.2%), a count a whole number, days a number of days, a date a date, yes or no a boolean. Every
sheet has its header row frozen and bold, and columns as wide as what they hold, so that a download reads as a table
in a briefing and still sorts, filters and pivots as numbers.

Text is always a string cell, never a formula, so a name beginning with = is shown and not run (the CSV writer
prefixes it instead: downloads/tables.py). Empty text and None are empty cells."""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from odf import number
from odf.config import ConfigItem, ConfigItemMapEntry, ConfigItemMapIndexed, ConfigItemMapNamed, ConfigItemSet
from odf.element import Element
from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import Style, TableCellProperties, TableColumnProperties, TextProperties
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import P
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

MEASURED_ROWS = 200  # columns are sized from the header and the first rows, so a long download is never held twice
NARROWEST, WIDEST = 8, 60  # characters
CM_PER_CHARACTER = 0.21  # of the default 10 point font, for ODS column widths


def _date_shown(value: date) -> str:
    return f"{value.day} {value:%b %Y}"


@dataclass(frozen=True)
class Format:
    """How a kind of value is written: Excel's number format, ODS's value type and data style, and the text a
    spreadsheet shows for it (written into ODS cells, and used to size the columns)."""

    name: str
    xlsx: str
    ods_type: str
    shown: Callable[[Any], str]
    ods_style: Callable[[str], Element | None]


def _number_style(name: str, decimals: int, suffix: str = "") -> Element:
    style = number.NumberStyle(name=name)
    style.addElement(number.Number(decimalplaces=decimals, minintegerdigits=1, grouping="true"))
    if suffix:
        style.addElement(number.Text(text=suffix))
    return style


def _percentage_style(name: str) -> Element:
    style = number.PercentageStyle(name=name)
    style.addElement(number.Number(decimalplaces=1, minintegerdigits=1))
    style.addElement(number.Text(text="%"))
    return style


def _date_style(name: str, *, with_time: bool = False) -> Element:
    style = number.DateStyle(name=name)
    parts: list[Element] = [number.Day(), number.Text(text=" "), number.Month(textual="true"), number.Text(text=" "),
                            number.Year(style="long")]  # fmt: skip
    if with_time:
        parts += [
            number.Text(text=" "),
            number.Hours(style="long"),
            number.Text(text=":"),
            number.Minutes(style="long"),
        ]
    for part in parts:
        style.addElement(part)
    return style


def _boolean_style(name: str) -> Element:
    style = number.BooleanStyle(name=name)
    style.addElement(number.Boolean())
    return style


TEXT = Format("text", "General", "string", str, lambda name: None)
INTEGER = Format("integer", "#,##0", "float", lambda v: f"{v:,.0f}", lambda name: _number_style(name, 0))
DECIMAL = Format("decimal", "#,##0.00", "float", lambda v: f"{v:,.2f}", lambda name: _number_style(name, 2))
PERCENT = Format("percent", "0.0%", "percentage", lambda v: f"{v:.1%}", _percentage_style)
DAYS = Format("days", '#,##0.0 "days"', "float", lambda v: f"{v:,.1f} days",
              lambda name: _number_style(name, 1, " days"))  # fmt: skip
DATE = Format("date", "d mmm yyyy", "date", _date_shown, _date_style)
DATETIME = Format("datetime", "d mmm yyyy hh:mm", "date", lambda v: f"{_date_shown(v)} {v:%H:%M}",
                  lambda name: _date_style(name, with_time=True))  # fmt: skip
BOOLEAN = Format("boolean", "General", "boolean", lambda v: "TRUE" if v else "FALSE", _boolean_style)


@dataclass(frozen=True)
class Cell:
    """A value with its own format (where a column's rows differ, as a scorecard's value column does), or a heading
    written in bold within a sheet; and every value as it is written, once typed."""

    value: Any
    format: Format | None = None
    heading: bool = False


@dataclass(frozen=True)
class Sheet:
    """A table: its header row, its rows (plain values, or Cells), and the formats of columns whose values alone do
    not say how they read (a fraction that is a percentage, a number of days), by header."""

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]
    formats: Mapping[str, Format] = field(default_factory=dict)


# The format a value's type gives it; the first match wins, as a bool is an int and a datetime a date.
BY_TYPE = ((bool, BOOLEAN), (datetime, DATETIME), (date, DATE), (int, INTEGER), (float, DECIMAL), (Decimal, DECIMAL))


def typed(value: Any, column: Format | None = None) -> Cell:
    """A value as it is written: empty, or with the format its column or its own type gives it. Text is always
    text, whatever its column says. Aware times are written as UK local times (spreadsheets have no time zones)."""
    heading = False
    if isinstance(value, Cell):
        column, heading, value = value.format or column, value.heading, value.value
    if value is None or value == "":
        return Cell(None, None, heading)
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, str) or column is TEXT or not isinstance(value, tuple(kind for kind, _ in BY_TYPE)):
        return Cell(str(value), TEXT, heading)
    return Cell(value, column or next(fmt for kind, fmt in BY_TYPE if isinstance(value, kind)), heading)


def _shown(cell: Cell) -> str:
    return "" if cell.format is None else cell.format.shown(cell.value)


def _rows(sheet: Sheet) -> tuple[list[list[Cell]], Iterator[list[Cell]]]:
    """The first rows, read to size the columns, and an iterator over every row, typed."""
    columns = [sheet.formats.get(header) for header in sheet.headers]
    rows = ([typed(value, column) for value, column in itertools.zip_longest(row, columns)] for row in sheet.rows)
    measured = list(itertools.islice(rows, MEASURED_ROWS))
    return measured, itertools.chain(measured, rows)


def _widths(headers: Sequence[str], measured: list[list[Cell]]) -> list[int]:
    """Each column as wide as its header or its longest measured value, within bounds; headings within a sheet
    are left to overflow."""
    widths = [len(header) for header in headers]
    for row in measured:
        for index, cell in enumerate(row[: len(widths)]):
            if not cell.heading:
                widths[index] = max(widths[index], len(_shown(cell)))
    return [min(max(width + 2, NARROWEST), WIDEST) for width in widths]


def _xlsx_cell(worksheet: Any, cell: Cell) -> WriteOnlyCell:
    written = WriteOnlyCell(worksheet, value=cell.value)
    if cell.format is TEXT:
        written.data_type = "s"  # never a formula
    elif cell.format is not None:
        written.number_format = cell.format.xlsx
    if cell.heading:
        written.font = Font(bold=True)
    if cell.format is TEXT and len(cell.value) > WIDEST:
        written.alignment = Alignment(wrap_text=True, vertical="top")
    return written


def _xlsx_sheet(workbook: Workbook, sheet: Sheet) -> None:
    """A sheet of a write-only workbook: sized and frozen before its first row is written, as write-only needs."""
    worksheet = workbook.create_sheet(sheet.title)
    measured, rows = _rows(sheet)
    for index, width in enumerate(_widths(sheet.headers, measured), start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = width
    worksheet.freeze_panes = "A2"
    worksheet.append([_xlsx_cell(worksheet, Cell(header, TEXT, heading=True)) for header in sheet.headers])
    for row in rows:
        worksheet.append([_xlsx_cell(worksheet, cell) for cell in row])


def xlsx(sheets: Iterable[Sheet], *, created: datetime | None = None) -> bytes:
    """A workbook of the sheets; ``created`` fixes its creation time, so the same figures give the same file."""
    workbook = Workbook(write_only=True)
    workbook.properties.creator = "RASSO case-journey tracker"
    if created is not None:
        workbook.properties.created = created.replace(tzinfo=None)
    for sheet in sheets:
        _xlsx_sheet(workbook, sheet)
    content = io.BytesIO()
    workbook.save(content)
    return content.getvalue()


class _OdsStyles:
    """The ODS document's automatic styles, each added once when first used."""

    def __init__(self, document: OpenDocumentSpreadsheet) -> None:
        self.document = document
        self.added: dict[str, Style] = {}

    def _add(self, name: str, make: Callable[[], Element]) -> Style:
        if name not in self.added:
            self.added[name] = make()
            self.document.automaticstyles.addElement(self.added[name])
        return self.added[name]

    def cell(self, cell: Cell) -> Style | None:
        """The cell style of a format (its data style) and weight, or None for plain text."""
        if cell.format in (None, TEXT) and not cell.heading:
            return None
        fmt = cell.format or TEXT
        name = f"ce-{fmt.name}{'-heading' if cell.heading else ''}"

        def make() -> Style:
            data = fmt.ods_style(f"N-{fmt.name}")
            if data is not None:
                self._add(f"N-{fmt.name}", lambda: data)
            style = Style(name=name, family="table-cell")
            if data is not None:
                style.setAttribute("datastylename", f"N-{fmt.name}")
            if cell.heading:
                style.addElement(TextProperties(fontweight="bold"))
            if fmt is TEXT:
                style.addElement(TableCellProperties(wrapoption="wrap", verticalalign="top"))
            return style

        return self._add(name, make)

    def column(self, width: int) -> Style:
        def make() -> Style:
            style = Style(name=f"co-{width}", family="table-column")
            style.addElement(TableColumnProperties(columnwidth=f"{width * CM_PER_CHARACTER:.2f}cm"))
            return style

        return self._add(f"co-{width}", make)


def _ods_cell(styles: _OdsStyles, cell: Cell) -> TableCell:
    if cell.format is None:
        return TableCell()
    attributes: dict[str, Any] = {"valuetype": cell.format.ods_type}
    if cell.format.ods_type in ("float", "percentage"):
        attributes["value"] = cell.value
    elif cell.format.ods_type == "date":
        attributes["datevalue"] = cell.value.isoformat()
    elif cell.format.ods_type == "boolean":
        attributes["booleanvalue"] = "true" if cell.value else "false"
    style = styles.cell(cell)
    if style is not None:
        attributes["stylename"] = style
    written = TableCell(**attributes)
    written.addElement(P(text=_shown(cell)))
    return written


def _frozen_header(titles: list[str]) -> Element:
    """The view settings that freeze each table's first row, as LibreOffice and Excel read them from settings.xml."""
    tables = ConfigItemMapNamed(name="Tables")
    for title in titles:
        entry = ConfigItemMapEntry(name=title)
        for name, kind, value in (("VerticalSplitMode", "short", "2"), ("VerticalSplitPosition", "int", "1"),
                                  ("HorizontalSplitMode", "short", "0"), ("ActiveSplitRange", "short", "2"),
                                  ("PositionTop", "int", "0"), ("PositionBottom", "int", "1")):  # fmt: skip
            item = ConfigItem(name=name, type=kind)
            item.addText(value)
            entry.addElement(item)
        tables.addElement(entry)
    view = ConfigItemMapEntry()
    view_id = ConfigItem(name="ViewId", type="string")
    view_id.addText("view1")
    view.addElement(view_id)
    view.addElement(tables)
    views = ConfigItemMapIndexed(name="Views")
    views.addElement(view)
    settings = ConfigItemSet(name="ooo:view-settings")
    settings.addElement(views)
    return settings


def ods(sheets: Iterable[Sheet]) -> bytes:
    """A spreadsheet of the sheets, each a table with typed cells, sized columns and its first row frozen."""
    document = OpenDocumentSpreadsheet()
    styles = _OdsStyles(document)
    titles = []
    for sheet in sheets:
        titles.append(sheet.title)
        table = Table(name=sheet.title)
        measured, rows = _rows(sheet)
        for width in _widths(sheet.headers, measured):
            table.addElement(TableColumn(stylename=styles.column(width)))
        for values in itertools.chain([[Cell(header, TEXT, heading=True) for header in sheet.headers]], rows):
            row = TableRow()
            for cell in values:
                row.addElement(_ods_cell(styles, cell))
            table.addElement(row)
        document.spreadsheet.addElement(table)
    document.settings.addElement(_frozen_header(titles))
    content = io.BytesIO()
    document.write(content)
    return content.getvalue()
