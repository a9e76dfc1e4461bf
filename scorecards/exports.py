"""A scorecard as files: the CSV export, version 1 (INTERCHANGE.md, exactly: its columns, its measures, its formats),
and XLSX and ODS workbooks for a briefing as well as a pivot: a contents sheet first (place, period, when made, the
disclosure rule, what each measure means), a sheet per measure group with the CSV's columns typed (rates as
percentages holding the exact fraction, counts as whole numbers, days as days, ``suppressed`` a boolean beside an
empty value), a definitions sheet and a metadata sheet. Text that a spreadsheet would run as a formula is neutralised
in every format: prefixed in CSV, and always a string cell (never a formula) in XLSX and ODS. Aggregates only: no URN,
name or free text can reach these files."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from typing import Any

from downloads import workbooks
from downloads.tables import neutralised
from scorecards.compute import Figure
from scorecards.measures import CONTRACT_IDS, MEASURES, VERSION, Group, Kind, Measure
from scorecards.periods import parse_period

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

    def disclosure_rule(self) -> str:
        return self.rule if self.external else "None applied: every figure is shown."

    def place(self) -> str:
        """The places the rows cover, in words."""
        areas = sorted({row.cps_area for row in self.rows if row.cps_area})
        if not areas or any(not row.cps_area for row in self.rows):
            return "England and Wales: national figures, and each CPS Area's and police force's"
        if len(areas) == 1:
            return f"{areas[0]}: the Area's figures, and each of its police forces'"
        return f"{', '.join(areas)}: each Area's figures, and each of its police forces'"

    def metadata(self) -> list[tuple[str, Any]]:
        """How the figures were made, one item a row, for tools that read the workbook."""
        return [
            ("period", self.period),
            ("computed_at", self.computed_at),
            ("measures_version", VERSION),
            ("version", self.version_label()),
            ("suppression_rule", self.disclosure_rule()),
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


def _value_format(definition: dict[str, str]) -> workbooks.Format:
    """How a measure's value reads: a rate as a percentage, a count as a whole number, days as days."""
    if definition["kind"] == Kind.RATE:
        return workbooks.PERCENT
    if definition["kind"] == Kind.COUNT:
        return workbooks.INTEGER
    return workbooks.DAYS if definition.get("unit") == "days" else workbooks.DECIMAL


def _group_row(row: Row, definition: dict[str, str]) -> list[Any]:
    """A row of a measure group's sheet: the CSV's columns, typed; a count's value a whole number as in the CSV."""
    value_format = _value_format(definition)
    value = round(row.value) if row.value is not None and value_format is workbooks.INTEGER else row.value
    return [row.measure_id, definition["title"], row.period, row.cps_area, row.police_force, row.numerator,
            row.denominator, workbooks.Cell(value, value_format), row.suppressed]  # fmt: skip


def _contents(scorecard: Scorecard, groups: dict[str, list[str]]) -> workbooks.Sheet:
    """The first sheet, for a reader rather than a tool: what the workbook covers, what each sheet holds and what
    each measure means."""
    period = parse_period(scorecard.period)
    heading = partial(workbooks.Cell, heading=True)
    rows: list[list[Any]] = [
        ["Place", scorecard.place()],
        ["Period", scorecard.period],
        ["Period starts", period.start],
        ["Period ends", period.end],
        ["Made (UK time)", scorecard.computed_at],
        ["Version", scorecard.version_label()],
        ["Disclosure rule", scorecard.disclosure_rule()],
        ["Measures version", VERSION],
        [],
        [heading("Sheet"), heading("What it holds")],
    ]
    for group, titles in groups.items():
        rows.append([group, f"One row per measure and place. Measures: {'; '.join(titles)}."])
    rows += [
        ["Definitions", "Each measure's definition, unit, numerator and denominator."],
        ["Metadata", "How the figures were made, for tools that read the workbook."],
        [],
        [heading("Measure"), heading("What it counts")],
        *([d["title"], d["definition"]] for d in scorecard.definitions),
    ]
    return workbooks.Sheet("Contents", ("Item", "Detail"), rows)


def _sheets(scorecard: Scorecard) -> list[workbooks.Sheet]:
    """The workbook's sheets: the contents, one per measure group, the definitions and the metadata."""
    definitions = {d["measure_id"]: d for d in scorecard.definitions}
    groups = {group.value: [d["title"] for d in scorecard.definitions if d["group"] == group] for group in Group}
    sheets = [_contents(scorecard, groups)]
    for group in Group:
        rows = [
            _group_row(row, definitions[row.measure_id])
            for row in scorecard.rows
            if definitions[row.measure_id]["group"] == group.value
        ]
        sheets.append(workbooks.Sheet(group.value, GROUP_COLUMNS, rows))
    in_version_1 = DEFINITION_COLUMNS.index("in_version_1")
    rows = [[d.get(c, "") for c in DEFINITION_COLUMNS] for d in scorecard.definitions]
    for row in rows:
        row[in_version_1] = row[in_version_1] == "yes"
    sheets.append(workbooks.Sheet("Definitions", DEFINITION_COLUMNS, rows))
    sheets.append(workbooks.Sheet("Metadata", ("item", "value"), [list(item) for item in scorecard.metadata()]))
    return sheets


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
    # The same snapshot gives the same workbook whenever it is downloaded.
    return _stamped(workbooks.xlsx(_sheets(scorecard), created=scorecard.computed_at), scorecard.computed_at)


def to_ods(scorecard: Scorecard) -> bytes:
    return _stamped(workbooks.ods(_sheets(scorecard)), scorecard.computed_at)


FORMATS = {
    "csv": (to_csv, "text/csv; charset=utf-8"),
    "xlsx": (to_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ods": (to_ods, "application/vnd.oasis.opendocument.spreadsheet"),
}
