"""The identity access log and the export log as auditors (and, for the access log, RASSO unit heads) read them:
each filter keeps what it says, an Area's auditor never sees another Area's entries on the page or in a download,
bad dates are shown again with GOV.UK errors, each download is itself in the export log, and no complainant's name
appears anywhere. The national-size test is in test_logs_at_national_size.py."""

import csv
import io
from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from accounts.roles import Role
from audit.exports import record_export
from audit.models import Export, Purpose
from cases.models import Case
from tests.clients import date_fields, signed_in
from tests.factories import area, force, make_case, make_user
from tests.html_references import problems
from tests.service.test_aria_references import wording
from victims.identity import add_complainant, read_identity

pytestmark = pytest.mark.django_db

YH, NE = "Yorkshire and Humberside", "North East"
SEEDED_NAME = "Philippa Wrenford-Achterberg"
FIRST, SECOND, THIRD = (datetime(2026, 3, day, 12, tzinfo=UTC) for day in (2, 10, 20))
ACCESS, EXPORTS = reverse("administration:access-log"), reverse("administration:export-log")


class Logs:
    """Three people of two Areas and a force, each reading a complainant's details once and downloading once, on
    three days; and downloads by an account since deleted and from the command line."""

    def __init__(self) -> None:
        self.liaison = make_user(
            Role.VICTIM_LIAISON_OFFICER, cps_area=YH, first_name="Priya", last_name="Shah", username="pshah"
        )
        self.officer = make_user(Role.INVESTIGATOR, first_name="Tom", last_name="Reed", username="treed")
        self.prosecutor = make_user(Role.PROSECUTOR, cps_area=NE, first_name="Ann", last_name="Lee", username="alee")
        self.yh_case = make_case(officer_in_charge=self.officer)
        self.ne_case: Case = make_case(police_force="Northumbria Police", allocated_prosecutor=self.prosecutor)
        complainant = add_complainant(actor=self.officer, case=self.yh_case, name=SEEDED_NAME)
        ne_complainant = add_complainant(actor=self.prosecutor, case=self.ne_case, name="Someone Else")
        reads = [
            (FIRST, self.liaison, complainant, "court"),
            (SECOND, self.officer, complainant, "contact"),
            (THIRD, self.prosecutor, ne_complainant, "letter"),
        ]
        downloads = [
            (FIRST, self.liaison, "Team workload", Purpose.CASE_MANAGEMENT),
            (SECOND, self.officer, "JOIM agenda", Purpose.CASE_MANAGEMENT),
            (THIRD, self.prosecutor, "NFA scrutiny panel pack, sample 4", Purpose.SCRUTINY),
        ]
        for moment, reader, whose, reason in reads:
            with time_machine.travel(moment, tick=False):
                read_identity(actor=reader, complainant=whose, reason=reason, via="page")
        for moment, person, what, purpose in downloads:
            with time_machine.travel(moment, tick=False):
                record_export(user=person, what=what, filename="file.csv", purpose=purpose, via="page")
        gone = make_user(Role.PROSECUTOR, cps_area=YH, first_name="Gone", last_name="Away")
        record_export(user=gone, what="Gone's download", filename="gone.csv", purpose=Purpose.SCRUTINY, via="page")
        gone.delete()
        record_export(user=None, what="Scorecard", filename="scorecard.csv", purpose=Purpose.PERFORMANCE, via="cli")


@pytest.fixture
def logs() -> Logs:
    return Logs()


def _readers(page: Client, query: dict[str, str] | None = None, *, url: str = ACCESS) -> list[str]:
    response = page.get(url, query or {})
    assert response.status_code == 200
    assert SEEDED_NAME not in response.content.decode()
    entries = response.context["page"].entries
    return [entry.reader_name.split(" (")[0] if url == ACCESS else entry.user_name for entry in entries]


def _csv(response: object) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")  # type: ignore[index]
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))  # type: ignore[attr-defined]


NATIONAL_ACCESS_FILTERS: dict[str, tuple[Callable[[Logs], dict[str, str]], list[str]]] = {
    "nothing": (lambda logs: {}, ["Ann Lee", "Tom Reed", "Priya Shah"]),
    "person by name": (lambda logs: {"person": "priya sh"}, ["Priya Shah"]),
    "person by username": (lambda logs: {"person": "TREED"}, ["Tom Reed"]),
    "their force": (lambda logs: {"organisation": f"force-{force('West Yorkshire Police').pk}"}, ["Tom Reed"]),
    "their Area": (lambda logs: {"organisation": f"area-{area(NE).pk}"}, ["Ann Lee"]),
    "the case's Area": (lambda logs: {"case_area": f"area-{area(YH).pk}"}, ["Tom Reed", "Priya Shah"]),
    "case URN": (lambda logs: {"case": logs.ne_case.urn.lower()}, ["Ann Lee"]),
    "reason": (lambda logs: {"reason": "contact"}, ["Tom Reed"]),
    "from": (lambda logs: date_fields("start", SECOND.date()), ["Ann Lee", "Tom Reed"]),
    "to": (lambda logs: date_fields("end", SECOND.date()), ["Tom Reed", "Priya Shah"]),
    "one day": (
        lambda logs: date_fields("start", SECOND.date()) | date_fields("end", SECOND.date()),
        ["Tom Reed"],
    ),
}


@pytest.mark.parametrize("name", NATIONAL_ACCESS_FILTERS)
def test_each_access_log_filter_keeps_what_it_says(name: str, logs: Logs) -> None:
    query, expected = NATIONAL_ACCESS_FILTERS[name]
    assert _readers(signed_in(make_user(Role.AUDITOR)), query(logs)) == expected


NATIONAL_EXPORT_FILTERS: dict[str, tuple[Callable[[Logs], dict[str, str]], list[str]]] = {
    "nothing": (lambda logs: {}, ["(command line)", "Gone Away", "Ann Lee", "Tom Reed", "Priya Shah"]),
    "person by name": (lambda logs: {"person": "ann"}, ["Ann Lee"]),
    "person by username": (lambda logs: {"person": "pshah"}, ["Priya Shah"]),
    "their force": (lambda logs: {"organisation": f"force-{force('West Yorkshire Police').pk}"}, ["Tom Reed"]),
    # Their Area when they downloaded: Gone Away's too, though the account is deleted.
    "their Area": (lambda logs: {"organisation": f"area-{area(YH).pk}"}, ["Gone Away", "Priya Shah"]),
    "what was downloaded": (lambda logs: {"case": "joim"}, ["Tom Reed"]),
    "purpose": (lambda logs: {"reason": Purpose.SCRUTINY}, ["Gone Away", "Ann Lee"]),
    "one day": (
        lambda logs: date_fields("start", FIRST.date()) | date_fields("end", FIRST.date()),
        ["Priya Shah"],
    ),
}


@pytest.mark.parametrize("name", NATIONAL_EXPORT_FILTERS)
def test_each_export_log_filter_keeps_what_it_says(name: str, logs: Logs) -> None:
    query, expected = NATIONAL_EXPORT_FILTERS[name]
    assert _readers(signed_in(make_user(Role.AUDITOR)), query(logs), url=EXPORTS) == expected


def test_the_export_log_says_it_names_no_case_and_which_account_is_gone(logs: Logs) -> None:
    page = signed_in(make_user(Role.AUDITOR)).get(EXPORTS).content.decode()
    assert "The export log names no case" in page
    assert "What was downloaded" in page
    assert "Account deleted" in page


def test_an_areas_auditor_and_unit_head_see_their_areas_access_log_only(logs: Logs) -> None:
    for reader in (make_user(Role.AUDITOR, cps_area=YH), make_user(Role.UNIT_HEAD, cps_area=YH)):
        client = signed_in(reader)
        assert _readers(client) == ["Tom Reed", "Priya Shah"]
        assert _readers(client, {"person": "ann"}) == []
        assert _readers(client, {"case": logs.ne_case.urn}) == []
        # Another Area is not theirs to choose: refused, and nothing shown in its place.
        refused = client.get(ACCESS, {"organisation": f"area-{area(NE).pk}"})
        assert refused.context["form"].errors["organisation"]
        assert "page" not in refused.context
        rows = _csv(client.get(ACCESS, {"format": "csv"}))
        assert [row[2] for row in rows[1:]] == [logs.yh_case.urn, logs.yh_case.urn]
        assert logs.ne_case.urn not in str(rows)


def test_an_areas_auditor_sees_the_downloads_of_their_areas_people_only(logs: Logs) -> None:
    client = signed_in(make_user(Role.AUDITOR, cps_area=YH))
    assert _readers(client, url=EXPORTS) == ["Priya Shah"]
    rows = _csv(client.get(EXPORTS, {"format": "csv"}))
    assert [(row[2], row[3], row[4]) for row in rows[1:]] == [
        ("Priya Shah", "CPS Yorkshire and Humberside", "Team workload")
    ]
    # Their own download is now in the log, and theirs to see.
    assert _readers(client, url=EXPORTS)[0].startswith("Test Person")
    national = _csv(signed_in(make_user(Role.AUDITOR)).get(EXPORTS, {"format": "csv"}))
    assert ["Gone Away", "(account deleted)"] in [row[2:4] for row in national]
    assert ["(command line)", ""] in [row[2:4] for row in national]


def test_a_download_stays_with_the_area_it_was_made_in_when_its_maker_moves(logs: Logs) -> None:
    """Priya downloaded the team workload while of Yorkshire and Humberside; she moves to the North East and
    downloads the letters due there."""
    logs.liaison.cps_area = area(NE)
    logs.liaison.save()
    record_export(user=logs.liaison, what="Letters due", filename="letters.csv", purpose=Purpose.SCRUTINY, via="page")
    yorkshire, north_east = (signed_in(make_user(Role.AUDITOR, cps_area=name)) for name in (YH, NE))

    def downloads(client: Client, query: dict[str, str] | None = None) -> list[str]:
        return [entry.what for entry in client.get(EXPORTS, query or {}).context["page"].entries]

    assert downloads(yorkshire) == ["Team workload"]
    assert downloads(north_east) == ["Letters due", "NFA scrutiny panel pack, sample 4"]
    page = yorkshire.get(EXPORTS).content.decode()
    assert 'Priya Shah <span class="app-table__secondary">CPS Yorkshire and Humberside</span>' in page
    national = signed_in(make_user(Role.AUDITOR))
    assert downloads(national, {"organisation": f"area-{area(YH).pk}"}) == ["Gone's download", "Team workload"]
    rows = _csv(national.get(EXPORTS, {"format": "csv", "person": "priya"}))
    assert rows[0][3] == "Their organisation then"
    assert [row[3:5] for row in rows[1:]] == [
        ["CPS North East", "Letters due"],
        ["CPS Yorkshire and Humberside", "Team workload"],
    ]


def test_only_auditors_read_the_export_log_and_unit_heads_and_auditors_the_access_log(logs: Logs) -> None:
    head = signed_in(make_user(Role.UNIT_HEAD, cps_area=YH))
    assert head.get(ACCESS).status_code == 200
    assert head.get(EXPORTS).status_code == 403
    for role in (Role.INVESTIGATOR, Role.PROSECUTOR, Role.VICTIM_LIAISON_OFFICER, Role.ANALYST, Role.ADMINISTRATOR):
        client = signed_in(make_user(role))
        assert client.get(ACCESS).status_code == 403
        assert client.get(EXPORTS).status_code == 403
        assert client.get(ACCESS, {"format": "csv"}).status_code == 403
    assert not Export.objects.filter(purpose=Purpose.AUDIT).exists()


def test_auditors_find_both_logs_in_the_service_navigation(logs: Logs) -> None:
    home = signed_in(make_user(Role.AUDITOR)).get(reverse("dashboards:home")).content.decode()
    assert f'href="{ACCESS}"' in home
    assert f'href="{EXPORTS}"' in home
    head_home = signed_in(make_user(Role.UNIT_HEAD, cps_area=YH)).get(reverse("dashboards:home")).content.decode()
    assert f'href="{ACCESS}"' in head_home
    assert f'href="{EXPORTS}"' not in head_home


@pytest.mark.parametrize("url", [ACCESS, EXPORTS])
def test_each_download_is_itself_written_to_the_export_log(url: str, logs: Logs) -> None:
    auditor = make_user(Role.AUDITOR)
    client = signed_in(auditor)
    response = client.get(url, {"format": "xlsx", "reason": "court" if url == ACCESS else Purpose.SCRUTINY})
    assert response["Content-Disposition"].startswith('attachment; filename="')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:2] == ["Date", "Time"]
    assert len(rows) == (3 if url == EXPORTS else 2)  # the header, and the entries of that reason or purpose
    assert SEEDED_NAME not in str(rows)
    logged = Export.objects.get(purpose=Purpose.AUDIT)
    assert logged.user == auditor
    assert logged.what == ("Identity access log" if url == ACCESS else "Export log") + ", filtered by " + (
        "why they read the details" if url == ACCESS else "purpose"
    )
    assert logged.filename.endswith(".xlsx")
    again = _readers(client, {"reason": Purpose.AUDIT}, url=EXPORTS)
    assert again == [auditor.get_full_name()]
    assert "Audit: the access and export logs" in client.get(EXPORTS).content.decode()


def test_the_access_log_download_names_complainants_by_label_only(logs: Logs) -> None:
    rows = _csv(signed_in(make_user(Role.AUDITOR)).get(ACCESS, {"format": "csv", "case": logs.yh_case.urn}))
    assert rows[0] == ["Date", "Time", "Case URN", "Case's CPS Area", "Complainant", "Reader", "Reason", "Note", "Via"]
    assert [row[:5] for row in rows[1:]] == [
        ["2026-03-10", "12:00:00", logs.yh_case.urn, YH, "Complainant A"],
        ["2026-03-02", "12:00:00", logs.yh_case.urn, YH, "Complainant A"],
    ]
    assert SEEDED_NAME not in str(rows)


@pytest.mark.parametrize("url", [ACCESS, EXPORTS])
def test_bad_dates_are_shown_again_with_govuk_errors(url: str, logs: Logs) -> None:
    client = signed_in(make_user(Role.AUDITOR))
    impossible = {"start_0": "31", "start_1": "2", "start_2": "2026", "person": "priya"}
    page = client.get(url, impossible).content.decode()
    assert "<title>Error: " in page
    assert '<a href="#id_start_0">Start date must be a real date</a>' in page
    assert 'value="31"' in page
    assert 'value="priya"' in page, "what was typed elsewhere is kept"
    assert "Priya Shah" not in page, "no entries beside the errors"
    backwards = date_fields("start", date(2026, 3, 20)) | date_fields("end", date(2026, 3, 2))
    page = client.get(url, backwards).content.decode()
    assert '<a href="#id_end_0">End date must be the same as or after the start date</a>' in page
    assert 'value="20"' in page
    refused_download = client.get(url, {**backwards, "format": "csv"})
    assert refused_download["Content-Type"].startswith("text/html")
    assert not Export.objects.filter(purpose=Purpose.AUDIT).exists()


def test_a_unit_head_goes_from_a_cases_complainants_to_its_access_log(logs: Logs) -> None:
    client = signed_in(make_user(Role.UNIT_HEAD, cps_area=YH))
    tab = client.get(reverse("victims:case-complainants", args=[logs.yh_case.pk])).content.decode()
    link = f"{ACCESS}?case={logs.yh_case.urn}"
    assert link in tab
    assert _readers(client, {"case": logs.yh_case.urn}) == ["Tom Reed", "Priya Shah"]


@pytest.mark.parametrize("url", [ACCESS, EXPORTS])
def test_the_log_pages_name_only_elements_that_exist_in_govuk_style(url: str, logs: Logs) -> None:
    client = signed_in(make_user(Role.AUDITOR))
    client.get(url, {"format": "csv"})  # the export log shows an audit download too
    bad = {"start_0": "31", "start_1": "2", "start_2": "2026", "end_0": "x", "case": "Z" * 201, "reason": "no"}
    for query in ({}, {"person": "priya"}, bad):
        html = client.get(url, query).content.decode()
        assert problems(html) + wording(html) == [], query
    assert "Start date must be a real date" in html
    assert "End date must include a month and year" in html
