"""The scorecard downloads: the CSV export exactly as INTERCHANGE.md defines version 1, XLSX and ODS holding the same
numbers with definitions and metadata, formulas neutralised in every format, and nothing that names a case."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from odf import teletype
from odf.opendocument import load
from odf.table import TableCell
from openpyxl import load_workbook

from accounts.models import CpsArea, User
from accounts.roles import Role
from scorecards.journey_import import import_lines
from scorecards.measures import CONTRACT_IDS, MEASURES
from tests.clients import signed_in
from tests.scorecards.test_scorecard_measures import A, B, C, D, history
from tests.spreadsheets import ods_sheets, xlsx_sheets

pytestmark = pytest.mark.django_db
HEADER = "measure_id,period,cps_area,police_force,numerator,denominator,value,suppressed"
QUARTER = {"period": "2024-25 Q1"}


@pytest.fixture
def analyst(user_of: Callable[..., User]) -> Client:
    import_lines(history())
    return signed_in(user_of(Role.ANALYST))


def _csv(client: Client, query: dict[str, str] = QUARTER) -> list[dict[str, str]]:
    response = client.get("/scorecards/scorecard.csv", query)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.split("\r\n")[0] == HEADER, "the exact header, with no byte-order mark before it"
    return list(csv.DictReader(io.StringIO(text)))


def test_the_csv_is_version_1_exactly(analyst: Client) -> None:
    rows = _csv(analyst)
    assert {row["measure_id"] for row in rows} == set(CONTRACT_IDS), "version 1's measures, no others"
    assert {row["period"] for row in rows} == {"2024-25 Q1"}
    areas = CpsArea.objects.count()
    national = [row for row in rows if not row["cps_area"]]
    area_rows = [row for row in rows if row["cps_area"] and not row["police_force"]]
    assert all(not row["police_force"] for row in national)
    assert len(national) == len(CONTRACT_IDS)
    assert len(area_rows) == areas * len(CONTRACT_IDS)
    survey_forces = [r for r in rows if r["measure_id"] == "survey_listened_to_in_court" and r["police_force"]]
    assert survey_forces == [], "survey responses belong to an Area at most"
    for row in rows:
        assert re.fullmatch(r"\d*", row["numerator"])
        assert re.fullmatch(r"\d*", row["denominator"])
        assert row["suppressed"] in ("true", "false")
    by_id = {row["measure_id"]: row for row in national}
    assert (by_id["legal_decisions"]["numerator"], by_id["legal_decisions"]["denominator"]) == ("3", "")
    assert by_id["legal_decisions"]["value"] == "3"
    assert by_id["charge_rate"]["value"] == "0.666667", "a decimal fraction to six places, not a percentage"
    assert by_id["median_days_to_charge"]["numerator"] == "", "a median has no sum"
    assert by_id["median_days_to_charge"]["value"] == "73.000000"
    assert by_id["conviction_rate"]["denominator"] == "0"
    assert by_id["conviction_rate"]["value"] == "", "no denominator: an empty value, not 0"


def test_a_rolling_year_downloads_too(analyst: Client) -> None:
    rows = _csv(analyst, {"period": "12m to 2024-09-30"})
    legal = next(r for r in rows if r["measure_id"] == "legal_decisions" and not r["cps_area"])
    assert (legal["period"], legal["value"]) == ("12m to 2024-09-30", "5")


def test_text_that_a_spreadsheet_would_run_is_neutralised_in_every_format(analyst: Client) -> None:
    CpsArea.objects.filter(name="North East").update(name='=HYPERLINK("http://x.invalid","Click")')
    rows = _csv(analyst)
    assert {row["cps_area"] for row in rows if row["cps_area"].endswith('"Click")')} == {
        '\'=HYPERLINK("http://x.invalid","Click")'
    }
    workbook = load_workbook(io.BytesIO(analyst.get("/scorecards/scorecard.xlsx", QUARTER).content))
    cells = [c for row in workbook["Referrals and charging"].iter_rows() for c in row if "HYPERLINK" in str(c.value)]
    assert cells
    assert all(c.data_type == "s" for c in cells), "a string cell, never a formula"
    document = load(io.BytesIO(analyst.get("/scorecards/scorecard.ods", QUARTER).content))
    odf_cells = [c for c in document.getElementsByType(TableCell) if "HYPERLINK" in teletype.extractText(c)]
    assert odf_cells
    assert all(c.getAttribute("valuetype") == "string" for c in odf_cells)
    assert all(not c.getAttribute("formula") for c in odf_cells)


@pytest.mark.parametrize("start", ["\uff1d", "\uff0b", "\uff0d", "\uff20"], ids=ascii)
def test_full_width_formula_characters_are_neutralised_too(analyst: Client, start: str) -> None:
    name = f'{start}HYPERLINK("http://x.invalid","Click")'
    CpsArea.objects.filter(name="North East").update(name=name)
    assert {row["cps_area"] for row in _csv(analyst) if row["cps_area"].endswith('"Click")')} == {f"'{name}"}
    workbook = load_workbook(io.BytesIO(analyst.get("/scorecards/scorecard.xlsx", QUARTER).content))
    cells = [c for row in workbook["Referrals and charging"].iter_rows() for c in row if c.value == name]
    assert cells
    assert all(c.data_type == "s" for c in cells), "a string cell, never a formula"


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6f}" if value != int(value) else str(int(value))
    return str(value)


def test_xlsx_and_ods_hold_the_same_numbers_as_the_csv(analyst: Client) -> None:
    csv_rows = {(r["measure_id"], r["cps_area"], r["police_force"]): r for r in _csv(analyst)}
    xlsx = xlsx_sheets(analyst.get("/scorecards/scorecard.xlsx", QUARTER).content)
    ods = ods_sheets(analyst.get("/scorecards/scorecard.ods", QUARTER).content)
    groups = ["Referrals and charging", "Action plans and PRFI", "Court", "Victims"]
    assert list(xlsx) == list(ods) == ["Contents", *groups, "Definitions", "Metadata"]
    for sheets in (xlsx, ods):
        seen = 0
        for group in groups:
            header, *rows = sheets[group]
            assert list(header) == ["measure_id", "measure", *HEADER.split(",")[1:]]
            for row in rows:
                record = dict(zip(header, row, strict=True))
                key = (record["measure_id"], _as_text(record["cps_area"]), _as_text(record["police_force"]))
                if key[0] not in CONTRACT_IDS:
                    continue
                seen += 1
                expected = csv_rows[key]
                for column in ("numerator", "denominator"):
                    assert _as_text(record[column]) == expected[column]
                value = record["value"]
                assert (float(value) if value not in (None, "") else None) == (
                    pytest.approx(float(expected["value"]), abs=1e-6) if expected["value"] else None
                )
        assert seen == len(csv_rows)
        definitions = sheets["Definitions"]
        assert [row[0] for row in definitions[1:]] == [m.id for m in MEASURES]
        metadata = {row[0]: row[1] for row in sheets["Metadata"][1:]}
        assert metadata["period"] == "2024-25 Q1"
        assert metadata["measures_version"] == "1"
        assert metadata["suppression_rule"].startswith("None applied")


def test_no_download_names_a_case(analyst: Client) -> None:
    for extension in ("csv", "xlsx", "ods"):
        content = analyst.get(f"/scorecards/scorecard.{extension}", QUARTER).content
        if extension == "csv":
            text = content.decode()
        elif extension == "xlsx":
            text = repr(xlsx_sheets(content))
        else:
            text = repr(ods_sheets(content))
        assert not [urn for urn in (A, B, C, D) if urn in text]


def test_roles_without_scorecards_are_refused(client_of: Callable[..., Client]) -> None:
    for role, organisation in (
        (Role.INVESTIGATOR, {"police_force": "West Yorkshire Police"}),
        (Role.PROSECUTOR, {"cps_area": "North East"}),
        (Role.VICTIM_LIAISON_OFFICER, {"cps_area": "North East"}),
        (Role.AUDITOR, {}),
    ):
        client = client_of(role, **organisation)
        assert client.get("/scorecards/").status_code == 403
        assert client.get("/scorecards/scorecard.csv", QUARTER).status_code == 403


def test_the_command_writes_the_same_files(analyst: Client, tmp_path: Path) -> None:
    out = tmp_path / "q1.csv"
    call_command("export_scorecard", "--period", "2024-25 Q1", "--format", "csv", "--output", str(out),
                 stdout=StringIO())  # fmt: skip
    page = analyst.get("/scorecards/scorecard.csv", QUARTER).content
    assert out.read_bytes() == page
    for extension in ("xlsx", "ods"):
        target = tmp_path / f"year.{extension}"
        call_command("export_scorecard", "--period", "12m to 2024-06-30", "--format", extension, "--output",
                     str(target), stdout=StringIO())  # fmt: skip
        assert target.stat().st_size > 0
    with pytest.raises(CommandError, match="Enter a quarter like"):
        call_command("export_scorecard", "--period", "last year", "--format", "csv", "--output", str(out))
    with pytest.raises(CommandError, match="2024-25 Q1 has not been published"):
        call_command("export_scorecard", "--period", "2024-25 Q1", "--format", "csv", "--output", str(out),
                     "--published", "external")  # fmt: skip


def test_a_bad_period_is_an_error_not_a_download(analyst: Client) -> None:
    page = analyst.get("/scorecards/", {"period": "2024-25 Q5", "place": "national"})
    assert page.status_code == 200
    assert "Select a valid choice" in page.content.decode()
    assert analyst.get("/scorecards/scorecard.csv", {"period": "nonsense"}).status_code == 302
