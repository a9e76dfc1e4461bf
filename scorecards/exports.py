"""A scorecard as files: the CSV export, version 1 (INTERCHANGE.md, exactly: its columns, its measures, its formats),
and XLSX and ODS workbooks with a sheet per measure group, a definitions sheet and a metadata sheet. Text that a
spreadsheet would run as a formula is neutralised in every format: prefixed in CSV, and always a string cell (never a
formula) in XLSX and ODS. Aggregates only: no URN, name or free text can reach these files."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any

from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P
from openpyxl import Workbook

from downloads.tables import neutralised, xlsx_cell
from scorecards.compute import Figure
from scorecards.measures import CONTRACT_IDS, MEASURES, VERSION, Group, Kind, Measure

HEADER = ("measure_id", "period", "cps_area", "police_force", "numerator", "denominator", "value", "suppressed")
GROUP_COLUMNS = ("measure_id", "measure", *HEADER[1:])
DEFINITION_COLUMNS = ("measure_id", "title", "group", "kind", "unit", "definition", "numerator", "denominator",
                      "reads", "in_version_1")  # fmt: skip
DECIMALS = 6


@dataclass(frozen=True)
class Row:
    measure_id: str
    period: str
    cps_area: str
    police_force: str
    numerator: int | None
    denominator: int | None
    value: float | None
    suppressed: bool

    def withheld(self) -> Row:
        """The row as the small-number rule publishes it: marked, with no numbers."""
        return replace(self, numerator=None, denominator=None, value=None, suppressed=True)


@dataclass(frozen=True)
class Scorecard:
    """What every format writes: the rows, the definitions they were computed under, and how they were made."""

    period: str
    computed_at: datetime
    rows: list[Row]
    definitions: list[dict[str, str]]
    published: bool = False
    external: bool = False
    rule: str = ""

    def version_label(self) -> str:
        if not self.published:
            return "Live figures, not published: for use inside the organisation"
        if self.external:
            return "Published snapshot, small numbers withheld: may be shared outside the organisation"
        return "Published snapshot, every figure: for use inside the organisation"

    def metadata(self) -> list[tuple[str, str]]:
        return [
            ("period", self.period),
            ("computed_at", self.computed_at.isoformat(timespec="seconds")),
            ("measures_version", VERSION),
            ("version", self.version_label()),
            ("suppression_rule", self.rule if self.external else "None applied: every figure is shown."),
            ("place", "National rows have no Area; Area rows no police force; force rows both."),
        ]

    def filename(self, extension: str) -> str:
        slug = self.period.lower().replace(" ", "-")
        kind = "published" if self.external else "internal"
        return f"rasso-scorecard-{slug}-{kind}.{extension}"


def definition(measure: Measure) -> dict[str, str]:
    return {
        "measure_id": measure.id,
        "title": measure.title,
        "group": measure.group.value,
        "kind": measure.kind.value,
        "unit": measure.unit,
        "definition": measure.definition,
        "numerator": measure.numerator,
        "denominator": measure.denominator,
        "reads": ", ".join(measure.reads),
        "in_version_1": "yes" if measure.in_contract else "no",
    }


def row_of(figure: Figure) -> Row:
    place = figure.place
    numerator = None if figure.numerator is None else round(figure.numerator)
    return Row(figure.measure.id, figure.period.label, place.area_name, place.force_name, numerator,
               figure.denominator, figure.value, False)  # fmt: skip


def live(period: str, figures: Iterable[Figure], computed_at: datetime) -> Scorecard:
    return Scorecard(period, computed_at, [row_of(f) for f in figures], [definition(m) for m in MEASURES])


def _kinds(scorecard: Scorecard) -> dict[str, str]:
    return {d["measure_id"]: d["kind"] for d in scorecard.definitions}


def _value_text(value: float | None, kind: str) -> str:
    if value is None:
        return ""
    return str(round(value)) if kind == Kind.COUNT else f"{value:.{DECIMALS}f}"


def _text(value: int | None) -> str:
    return "" if value is None else str(value)


def to_csv(scorecard: Scorecard) -> bytes:
    """The CSV export, version 1: its measures only, UTF-8 without a byte-order mark, one row per measure, period
    and place."""
    kinds = _kinds(scorecard)
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in scorecard.rows:
        if row.measure_id not in CONTRACT_IDS:
            continue
        cells = [row.measure_id, row.period, row.cps_area, row.police_force, _text(row.numerator),
                 _text(row.denominator), _value_text(row.value, kinds[row.measure_id]),
                 "true" if row.suppressed else "false"]  # fmt: skip
        writer.writerow([neutralised(cell) for cell in cells])
    return text.getvalue().encode("utf-8")


def _sheets(scorecard: Scorecard) -> list[tuple[str, Sequence[str], list[list[Any]]]]:
    """The workbook's sheets: one per measure group, the definitions and the metadata."""
    titles = {d["measure_id"]: d["title"] for d in scorecard.definitions}
    groups = {d["measure_id"]: d["group"] for d in scorecard.definitions}
    sheets: list[tuple[str, Sequence[str], list[list[Any]]]] = []
    for group in Group:
        rows = [
            [row.measure_id, titles[row.measure_id], *list(asdict(row).values())[1:]]
            for row in scorecard.rows
            if groups[row.measure_id] == group.value
        ]
        sheets.append((group.value, GROUP_COLUMNS, rows))
    sheets.append(
        ("Definitions", DEFINITION_COLUMNS, [[d[c] for c in DEFINITION_COLUMNS] for d in scorecard.definitions])
    )
    sheets.append(("Metadata", ("item", "value"), [list(item) for item in scorecard.metadata()]))
    return sheets


def _cell(value: Any) -> Any:
    """Booleans are written as the CSV writes them; empty cells stay empty."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


XLSX_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _stamped(archive: bytes, when: datetime) -> bytes:
    """The zip container (XLSX and ODS are zips) with every entry, and the workbook's "modified" property, dated
    ``when``, so that the same scorecard gives the same bytes whenever it is downloaded (openpyxl writes the time of
    saving). The ODS ``mimetype`` entry stays first and uncompressed."""
    stamped = io.BytesIO()
    moment = when.timetuple()[:6]
    modified = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(io.BytesIO(archive)) as source, zipfile.ZipFile(stamped, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=moment)
            info.compress_type = entry.compress_type
            info.external_attr = entry.external_attr
            content = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                content = XLSX_MODIFIED.sub(rb"\g<1>" + modified + rb"\g<2>", content)
            target.writestr(info, content)
    return stamped.getvalue()


def to_xlsx(scorecard: Scorecard) -> bytes:
    workbook = Workbook(write_only=True)
    workbook.properties.creator = "RASSO case-journey tracker"
    # The same snapshot gives the same workbook whenever it is downloaded.
    workbook.properties.created = scorecard.computed_at.replace(tzinfo=None)
    for title, columns, rows in _sheets(scorecard):
        sheet = workbook.create_sheet(title)
        sheet.append(list(columns))
        for row in rows:
            sheet.append([xlsx_cell(sheet, _cell(value)) for value in row])
    content = io.BytesIO()
    workbook.save(content)
    return _stamped(content.getvalue(), scorecard.computed_at)


def _ods_cell(value: Any) -> TableCell:
    value = _cell(value)
    if value is None:
        return TableCell()
    if isinstance(value, int | float):
        cell = TableCell(valuetype="float", value=value)
        cell.addElement(P(text=str(value)))
        return cell
    cell = TableCell(valuetype="string")
    cell.addElement(P(text=str(value)))
    return cell


def to_ods(scorecard: Scorecard) -> bytes:
    document = OpenDocumentSpreadsheet()
    for title, columns, rows in _sheets(scorecard):
        table = Table(name=title)
        for values in [list(columns), *rows]:
            row = TableRow()
            for value in values:
                row.addElement(_ods_cell(value))
            table.addElement(row)
        document.spreadsheet.addElement(table)
    content = io.BytesIO()
    document.write(content)
    return _stamped(content.getvalue(), scorecard.computed_at)


FORMATS = {
    "csv": (to_csv, "text/csv; charset=utf-8"),
    "xlsx": (to_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ods": (to_ods, "application/vnd.oasis.opendocument.spreadsheet"),
}
