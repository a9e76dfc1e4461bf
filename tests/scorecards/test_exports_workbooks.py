"""The scorecard workbooks read as a briefing as well as a pivot: each cell typed and formatted as its figure reads
(a rate a percentage holding the exact fraction, a count a whole number, days as days, dates as dates, a withheld
figure an empty cell beside a TRUE ``suppressed``), the header row frozen, the columns sized, and a contents sheet
first. Checked by reading the files back as Excel and LibreOffice would, with openpyxl and odfpy."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime
from typing import Any

import pytest
from odf import teletype
from odf.config import ConfigItemMapNamed
from odf.opendocument import load
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from scorecards import exports
from scorecards.measures import MEASURES
from tests.spreadsheets import OdsCell, ods_cells

CHARGE_RATE = 49 / 57  # 0.8596491228070176
MADE = datetime(2024, 7, 3, 9, 30, tzinfo=UTC)  # 10:30 in London, summer time
COLUMNS = ["measure_id", "measure", "period", "cps_area", "police_force", "numerator", "denominator", "value",
           "suppressed"]  # fmt: skip


def _scorecard() -> exports.Scorecard:
    """A published snapshot's outside version: a national rate, an Area's median days and mean referrals, and a
    force's count withheld by the small-number rule."""
    rows = [
        exports.Row("charge_rate", "2024-25 Q1", "", "", 49, 57, CHARGE_RATE, False),
        exports.Row("legal_decisions", "2024-25 Q1", "", "", 1234, None, 1234.0, False),
        exports.Row("median_days_to_charge", "2024-25 Q1", "North East", "", None, 3, 73.5, False),
        exports.Row("consultations_per_suspect", "2024-25 Q1", "North East", "", 7, 3, 7 / 3, False),
        exports.Row(
            "legal_decisions", "2024-25 Q1", "North East", "Northumbria Police", 3, None, 3.0, False
        ).withheld(),
    ]
    definitions = [exports.definition(measure) for measure in MEASURES]
    return exports.Scorecard("2024-25 Q1", MADE, rows, definitions, published=True, external=True,
                             rule="Figures below 5 are withheld, with others that would reveal them.")  # fmt: skip


def _xlsx_rows(sheet: Worksheet) -> dict[tuple[str, str], dict[str, Any]]:
    """A group sheet's cells by measure and place (Area or force), keyed by column."""
    header, *rows = list(sheet.iter_rows())
    assert [c.value for c in header] == COLUMNS
    return {(str(r[0].value), str(r[4].value or r[3].value or "")): dict(zip(COLUMNS, r, strict=True)) for r in rows}


def test_xlsx_cells_are_typed_and_formatted_as_their_figures_read() -> None:
    workbook = load_workbook(io.BytesIO(exports.to_xlsx(_scorecard())))
    rows = _xlsx_rows(workbook["Referrals and charging"])

    rate = rows["charge_rate", ""]
    assert (rate["value"].value, rate["value"].data_type, rate["value"].number_format) == (CHARGE_RATE, "n", "0.0%")
    for column in ("numerator", "denominator"):
        assert (rate[column].data_type, rate[column].number_format) == ("n", "#,##0")
    assert (rate["numerator"].value, rate["denominator"].value) == (49, 57)
    assert (rate["suppressed"].value, rate["suppressed"].data_type) == (False, "b"), "a boolean, not the text false"
    assert rate["cps_area"].value is None, "the national row's Area is an empty cell"

    count = rows["legal_decisions", ""]
    assert (count["value"].value, count["value"].number_format) == (1234, "#,##0"), "a count is a whole number"
    assert isinstance(count["value"].value, int)
    assert count["denominator"].value is None, "a count has no denominator"

    days = rows["median_days_to_charge", "North East"]
    assert (days["value"].value, days["value"].number_format) == (73.5, '#,##0.0 "days"')
    mean = rows["consultations_per_suspect", "North East"]
    # openpyxl writes 16 significant figures: more than the CSV's six decimals, if not always every bit of a double.
    assert (mean["value"].value, mean["value"].number_format) == (pytest.approx(7 / 3, rel=1e-15), "#,##0.00")

    withheld = rows["legal_decisions", "Northumbria Police"]
    assert [withheld[c].value for c in ("numerator", "denominator", "value")] == [None, None, None]
    assert (withheld["suppressed"].value, withheld["suppressed"].data_type) == (True, "b")


def test_every_xlsx_sheet_has_its_header_frozen_in_bold_and_its_columns_sized() -> None:
    workbook = load_workbook(io.BytesIO(exports.to_xlsx(_scorecard())))
    assert workbook.sheetnames[0] == "Contents"
    for sheet in workbook:
        assert sheet.freeze_panes == "A2", sheet.title
        assert all(cell.font.b for cell in sheet[1] if cell.value), f"{sheet.title}'s header is bold"
    group = workbook["Referrals and charging"]
    widths = {letter: group.column_dimensions[letter].width for letter in "ABCDEFGHI"}
    assert widths["A"] >= len("consultations_per_suspect"), "the measure ids fit"
    assert widths["E"] >= len("Northumbria Police")
    assert all(8 <= width <= 60 for width in widths.values())
    definitions = workbook["Definitions"]
    in_version_1 = [row[9] for row in definitions.iter_rows(min_row=2)]
    assert all(cell.data_type == "b" for cell in in_version_1)
    assert [cell.value for cell in in_version_1] == [measure.in_contract for measure in MEASURES]


def test_the_contents_sheet_says_what_the_workbook_holds() -> None:
    workbook = load_workbook(io.BytesIO(exports.to_xlsx(_scorecard())))
    contents = {row[0].value: row[1] for row in workbook["Contents"].iter_rows(min_row=2) if row[0].value}
    assert contents["Place"].value.startswith("England and Wales")
    assert contents["Period"].value == "2024-25 Q1"
    for item, day in (("Period starts", date(2024, 4, 1)), ("Period ends", date(2024, 6, 30))):
        assert (contents[item].value.date(), contents[item].data_type) == (day, "d"), "a date, not text"
        assert contents[item].number_format == "d mmm yyyy"
    made = contents["Made (UK time)"]
    assert (made.value, made.number_format) == (datetime(2024, 7, 3, 10, 30), "d mmm yyyy hh:mm")
    assert contents["Disclosure rule"].value.startswith("Figures below 5 are withheld")
    for sheet in ("Referrals and charging", "Action plans and PRFI", "Court", "Victims", "Definitions", "Metadata"):
        assert contents[sheet].value, f"says what {sheet} holds"
    assert "Charge rate" in contents["Referrals and charging"].value
    for measure in MEASURES:
        assert contents[measure.title].value == measure.definition


def test_an_area_scorecard_names_its_area_and_a_live_one_applies_no_rule() -> None:
    scorecard = _scorecard()
    area = exports.Scorecard("2024-25 Q1", MADE, [r for r in scorecard.rows if r.cps_area], scorecard.definitions)
    workbook = load_workbook(io.BytesIO(exports.to_xlsx(area)))
    contents = {row[0].value: row[1].value for row in workbook["Contents"].iter_rows(min_row=2) if row[0].value}
    assert contents["Place"].startswith("North East")
    assert contents["Disclosure rule"].startswith("None applied")


def test_the_same_scorecard_gives_the_same_xlsx_bytes() -> None:
    assert exports.to_xlsx(_scorecard()) == exports.to_xlsx(_scorecard()), "a snapshot's download never changes"


def _ods_rows(cells: list[list[OdsCell]]) -> dict[tuple[str, str], dict[str, OdsCell]]:
    header, *rows = cells
    assert [c.value for c in header] == COLUMNS
    return {(r[0].value, r[4].value or r[3].value or ""): dict(zip(COLUMNS, r, strict=True)) for r in rows}


def test_ods_cells_are_typed_and_formatted_as_their_figures_read() -> None:
    sheets = ods_cells(exports.to_ods(_scorecard()))
    assert next(iter(sheets)) == "Contents"
    rows = _ods_rows(sheets["Referrals and charging"])

    rate = rows["charge_rate", ""]
    assert (rate["value"].value_type, rate["value"].value) == ("percentage", CHARGE_RATE), "the exact fraction"
    assert (rate["value"].number_format, rate["value"].text) == ("0.0%", "86.0%")
    assert (rate["numerator"].value_type, rate["numerator"].number_format) == ("float", "#,##0")
    assert (rate["suppressed"].value_type, rate["suppressed"].value) == ("boolean", False)

    count = rows["legal_decisions", ""]
    assert (count["value"].value, count["value"].number_format, count["value"].text) == (1234, "#,##0", "1,234")
    days = rows["median_days_to_charge", "North East"]
    assert (days["value"].value_type, days["value"].number_format) == ("float", '#,##0.0 "days"')
    assert days["value"].text == "73.5 days"

    withheld = rows["legal_decisions", "Northumbria Police"]
    assert [withheld[c].value_type for c in ("numerator", "denominator", "value")] == ["", "", ""], "empty cells"
    assert (withheld["suppressed"].value_type, withheld["suppressed"].value) == ("boolean", True)

    contents = {row[0].value: row[1] for row in sheets["Contents"][1:] if row and row[0].value}
    starts = contents["Period starts"]
    assert (starts.value_type, starts.value, starts.number_format) == ("date", date(2024, 4, 1), "d mmm yyyy")
    made = contents["Made (UK time)"]
    assert (made.value, made.number_format) == (datetime(2024, 7, 3, 10, 30), "d mmm yyyy hh:mm")


def _settings(content: bytes) -> dict[str, dict[str, str]]:
    """Each table's view settings (LibreOffice's frozen rows), from settings.xml."""
    document = load(io.BytesIO(content))
    tables = next(
        e for e in document.settings.getElementsByType(ConfigItemMapNamed) if e.getAttribute("name") == "Tables"
    )
    return {
        entry.getAttribute("name"): {
            item.getAttribute("name"): teletype.extractText(item) for item in entry.childNodes
        }
        for entry in tables.childNodes
    }


def test_every_ods_table_has_its_header_row_frozen_and_its_columns_sized() -> None:
    content = exports.to_ods(_scorecard())
    settings = _settings(content)
    assert list(settings) == list(ods_cells(content))
    for table in settings.values():
        assert (table["VerticalSplitMode"], table["VerticalSplitPosition"]) == ("2", "1"), "the first row frozen"
    document = zipfile.ZipFile(io.BytesIO(content)).read("content.xml").decode()
    assert 'table:table-column table:style-name="co-' in document
    assert 'style:column-width="' in document


@pytest.mark.parametrize("name", ['=HYPERLINK("http://x.invalid","Click")', "\uff0bSUM(A1)", "@cmd"], ids=ascii)
def test_text_stays_text_in_both_workbooks(name: str) -> None:
    scorecard = _scorecard()
    rows = [exports.Row("charge_rate", "2024-25 Q1", name, "", 1, 2, 0.5, False)]
    named = exports.Scorecard("2024-25 Q1", MADE, rows, scorecard.definitions)
    sheet = load_workbook(io.BytesIO(exports.to_xlsx(named)))["Referrals and charging"]
    assert (sheet["D2"].value, sheet["D2"].data_type) == (name, "s"), "a string cell, never a formula"
    cell = ods_cells(exports.to_ods(named))["Referrals and charging"][1][3]
    assert (cell.value_type, cell.value) == ("string", name)
