"""The team workload: a unit head sees each prosecutor of the Area (an allocated referral, a reallocated case, a
referral given to another prosecutor, an answered plan, a charged suspect, overdue referrals and plans, the oldest
referral) and the work no one holds; a police supervisor the same per officer in charge; nobody else, and nothing of
another Area. Sortable, filterable, downloadable as CSV and XLSX (logged), and the same number of queries however
many people and cases there are."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pytest_django import DjangoAssertNumQueries

from accounts.models import RassoUnit, User
from accounts.roles import Role
from actionplans.models import Action
from actionplans.services import answer_action, set_action_plan
from audit.models import Export
from cases.models import Case, Referral
from cases.models.precharge import DecisionOutcome
from cases.services.allocation import allocate_case, allocate_referral
from cases.services.precharge import refer_for_charging_decision
from tests.clients import signed_in
from tests.factories import area, full_code_decision, make_case, planned_actions, referred_suspect
from tests.html_references import parse

pytestmark = pytest.mark.django_db

AREA, FORCE = "Yorkshire and Humberside", "West Yorkshire Police"
REASON = "Balancing the team's work"


def ago(days: int) -> timedelta:
    return timedelta(days=days)


@dataclass
class Team:
    head: User
    supervisor: User
    officer: User
    ann: User
    ben: User
    cat: User  # a prosecutor with nothing allocated


@pytest.fixture
def team(user_of: Callable[..., User]) -> Team:
    name = {"first_name": "Test"}
    return Team(
        head=user_of(Role.UNIT_HEAD, cps_area=AREA),
        supervisor=user_of(Role.POLICE_SUPERVISOR, police_force=FORCE),
        officer=user_of(Role.INVESTIGATOR, police_force=FORCE, last_name="Officer", **name),
        ann=user_of(Role.PROSECUTOR, cps_area=AREA, last_name="Ann", **name),
        ben=user_of(Role.PROSECUTOR, cps_area=AREA, last_name="Ben", **name),
        cat=user_of(Role.PROSECUTOR, cps_area=AREA, last_name="Cat", **name),
    )


def referred(team: Team, *, days_ago: int, to: User | None = None, in_charge: bool = True) -> Referral:
    """A new case of the force, with its suspect referred for a charging decision ``days_ago`` (due 28 days after),
    allocated to ``to`` by the unit head."""
    case = make_case(police_force=FORCE, officer_in_charge=team.officer if in_charge else None)
    suspect = referred_suspect(case, officer=team.officer, received_on=timezone.localdate() - ago(days_ago))
    if to is not None:
        allocate_case(actor=team.head, case=case, prosecutor=to, reason=REASON)
    return Referral.objects.get(suspect=suspect)


def planned(team: Team, referral: Referral, *, days_ago: int) -> None:
    set_action_plan(
        actor=team.ann,
        referral=referral,
        set_on=timezone.localdate() - ago(days_ago),
        actions=planned_actions(1, due_on=timezone.localdate() - ago(10)),
    )


def build_work(team: Team) -> Case:
    """Ann: one referral overdue by 12 days, one 50 days old with an open plan set 30 days ago (overdue, and past the
    28-day review): 2 referrals, 3 overdue. Ben: a case reallocated from Ann, a referral of Ann's case given to him,
    a referral whose plan the police have answered, and a charged suspect: 3 referrals, 1 plan answered, 1 awaiting
    trial. No one: one referral, on a case with no officer in charge either. Returns Ann's oldest case."""
    referred(team, days_ago=40, to=team.ann)
    oldest = referred(team, days_ago=50, to=team.ann)
    planned(team, oldest, days_ago=30)
    reallocated = referred(team, days_ago=10, to=team.ann)
    allocate_case(actor=team.head, case=reallocated.suspect.case, prosecutor=team.ben, reason=REASON)
    given = referred(team, days_ago=5, to=team.ann)
    allocate_referral(actor=team.head, referral=given, prosecutor=team.ben, reason=REASON)
    answered = referred(team, days_ago=20, to=team.ben)
    planned(team, answered, days_ago=15)
    answer_action(actor=team.officer, action=Action.objects.get(plan__referral=answered),
                  answered_on=timezone.localdate(), response="Statement taken")  # fmt: skip
    charged = referred(team, days_ago=25, to=team.ben)
    full_code_decision(
        prosecutor=team.ben, referral=charged, outcome=DecisionOutcome.CHARGE, decided_on=timezone.localdate()
    )
    referred(team, days_ago=3, in_charge=False)
    return oldest.suspect.case


def table_rows(html: str, caption_id: str) -> list[list[str]]:
    """The text of each cell of each body row of the table with that caption."""
    document = parse(html)
    caption = next((e for e in document.iter() if e.attrs.get("id") == caption_id), None)
    if caption is None or caption.parent is None:
        return []
    return [
        [cell.text_content() for cell in row.children if cell.tag in ("th", "td")]
        for row in caption.parent.iter()
        if row.tag == "tr" and row.parent is not None and row.parent.tag == "tbody"
    ]


def rows_of(client: Client, query: str = "") -> dict[str, list[str]]:
    """The workload table's rows, by person."""
    html = client.get(f"{reverse('dashboards:workload')}{query}").content.decode()
    return {name: cells for name, *cells in table_rows(html, "workload-caption")}


def headers(html: str) -> dict[str, str]:
    """Each sortable heading's aria-sort."""
    return {
        th.text_content().split(" ,")[0]: th.attrs["aria-sort"] for th in parse(html).iter() if "aria-sort" in th.attrs
    }


def test_a_unit_head_sees_each_prosecutors_work_and_the_work_no_one_holds(team: Team) -> None:
    oldest = build_work(team)
    page = signed_in(team.head).get(reverse("dashboards:workload"))
    rows = rows_of(signed_in(team.head))

    # name: open referrals, plans answered, awaiting trial, overdue, oldest referral
    assert rows["Test Ann Yorkshire and Humberside"][:4] == ["2", "0", "0", "3"]
    assert oldest.urn in rows["Test Ann Yorkshire and Humberside"][4]
    assert "Charging decision referral, Suspect 1" in rows["Test Ann Yorkshire and Humberside"][4]
    assert "50 days" in rows["Test Ann Yorkshire and Humberside"][4]
    assert rows["Test Ben Yorkshire and Humberside"][:4] == ["3", "1", "1", "0"]
    assert rows["Test Cat Yorkshire and Humberside"] == ["0", "0", "0", "0", "None"]
    assert len(rows) == 3  # every prosecutor of the Area, and only them
    unit, unallocated = table_rows(page.content.decode(), "units-caption")
    assert unit[:6] == ["Yorkshire and Humberside", "3", "5 1.7 each", "1 0.3 each", "1 0.3 each", "3 1.0 each"]
    assert unallocated[:6] == ["Not allocated", "–", "1", "0", "0", "0"]
    assert f'href="/cases/{oldest.pk}/"' in page.content.decode()


def test_a_police_supervisor_sees_each_officer_in_charge(team: Team) -> None:
    build_work(team)
    rows = rows_of(signed_in(team.supervisor))

    # waiting on the CPS (no plan open), plans with the police, awaiting trial, overdue actions, oldest plan
    assert rows["Test Officer West Yorkshire Police"][:4] == ["4", "1", "1", "1"]
    assert "30 days" in rows["Test Officer West Yorkshire Police"][4]
    assert not any(name.startswith("Test Ann") for name in rows)
    html = signed_in(team.supervisor).get(reverse("dashboards:workload")).content.decode()
    assert table_rows(html, "units-caption")[-1][:6] == ["Not allocated", "–", "1", "0", "0", "0"]


def test_another_areas_unit_head_sees_none_of_it_and_other_roles_are_refused(
    team: Team, user_of: Callable[..., User]
) -> None:
    build_work(team)
    away = signed_in(user_of(Role.UNIT_HEAD, cps_area="North East"))
    page = away.get(reverse("dashboards:workload")).content.decode()
    assert "Test Ann" not in page
    assert rows_of(away) == {}
    for role in (Role.INVESTIGATOR, Role.PROSECUTOR, Role.ANALYST, Role.ADMINISTRATOR):
        client = signed_in(user_of(role, police_force=FORCE, cps_area=AREA if role != Role.ADMINISTRATOR else ""))
        assert client.get(reverse("dashboards:workload")).status_code == 403
        assert client.get(reverse("dashboards:workload-download"), {"format": "csv"}).status_code == 403


def test_each_column_sorts_both_ways_and_says_so(team: Team) -> None:
    build_work(team)
    client = signed_in(team.head)
    assert [name.split()[1] for name in rows_of(client)] == ["Ann", "Ben", "Cat"]
    assert [name.split()[1] for name in rows_of(client, "?sort=-referrals")] == ["Ben", "Ann", "Cat"]
    assert [name.split()[1] for name in rows_of(client, "?sort=overdue")] == ["Ben", "Cat", "Ann"]
    assert [name.split()[1] for name in rows_of(client, "?sort=-oldest")] == ["Ann", "Ben", "Cat"]
    sorts = headers(client.get(reverse("dashboards:workload"), {"sort": "-plans"}).content.decode())
    assert sorts["Plans answered"] == "descending"
    assert sorts["Prosecutor"] == "none"


def test_filters_narrow_the_people_and_the_work(team: Team, user_of: Callable[..., User]) -> None:
    build_work(team)
    client = signed_in(team.head)
    assert list(rows_of(client, "?overdue=on")) == ["Test Ann Yorkshire and Humberside"]
    other_force = make_case(police_force="North Yorkshire Police", cps_area=AREA)
    officer = user_of(Role.INVESTIGATOR, police_force="North Yorkshire Police")
    referred_suspect(other_force, officer=officer, received_on=timezone.localdate() - ago(2))
    allocate_case(actor=team.head, case=other_force, prosecutor=team.cat, reason=REASON)
    assert rows_of(client)["Test Cat Yorkshire and Humberside"][0] == "1"
    north_yorkshire = other_force.police_force_id
    rows = rows_of(client, f"?police_force={north_yorkshire}")
    assert [cells[0] for cells in rows.values()] == ["0", "0", "1"]


def test_a_rasso_unit_filter_is_offered_where_the_area_has_several(team: Team) -> None:
    build_work(team)
    client = signed_in(team.head)
    assert 'name="rasso_unit"' not in client.get(reverse("dashboards:workload")).content.decode()
    second = RassoUnit.objects.create(cps_area=area(AREA), name="Yorkshire and Humberside RASSO unit 2")
    User.objects.filter(pk=team.ben.pk).update(rasso_unit=second)
    assert 'name="rasso_unit"' in client.get(reverse("dashboards:workload")).content.decode()
    assert list(rows_of(client, f"?rasso_unit={second.pk}")) == [f"Test Ben {second.name}"]


def test_the_downloads_hold_the_table_with_staff_names_and_urns_only(team: Team) -> None:
    oldest = build_work(team)
    client = signed_in(team.head)
    response = client.get(reverse("dashboards:workload-download"), {"format": "csv", "sort": "-overdue"})
    assert response["Content-Disposition"].startswith('attachment; filename="workload-')
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0][:7] == ["Prosecutor", "Unit", "Open referrals", "Plans answered", "Awaiting trial", "Overdue",
                            "Oldest referral"]  # fmt: skip
    assert lines[1][:6] == ["Test Ann", AREA, "2", "0", "0", "3"]
    assert lines[1][7:] == [oldest.urn, (timezone.localdate() - ago(50)).isoformat(), "50"]
    assert lines[-1][:6] == ["Not allocated", "", "1", "0", "0", "0"]
    assert len(lines) == 5

    sheet = load_workbook(io.BytesIO(client.get(reverse("dashboards:workload-download"), {"format": "xlsx"}).content))
    values = [list(row) for row in sheet.active.iter_rows(values_only=True)]
    assert values[0][0] == "Prosecutor"
    assert values[1][:6] == ["Test Ann", AREA, 2, 0, 0, 3]
    assert values[-1][0] == "Not allocated"
    assert list(Export.objects.values_list("what", "purpose")) == [("Team workload", "case_management")] * 2
    assert client.get(reverse("dashboards:workload-download"), {"format": "pdf"}).status_code == 404


def _more_work(team: Team, user_of: Callable[..., User], n: int) -> None:
    """``n`` more prosecutors and officers, each with an allocated referral, an answered plan and a charge."""
    for _ in range(n):
        prosecutor = user_of(Role.PROSECUTOR, cps_area=AREA)
        officer = user_of(Role.INVESTIGATOR, police_force=FORCE)
        for days in (40, 20, 25):
            case = make_case(police_force=FORCE, officer_in_charge=officer)
            suspect = case.suspects.get()
            referral = refer_for_charging_decision(
                actor=officer, suspect=suspect, received_on=timezone.localdate() - ago(days)
            )
            allocate_case(actor=team.head, case=case, prosecutor=prosecutor, reason=REASON)
            if days == 20:
                planned(team, referral, days_ago=15)
            if days == 25:
                full_code_decision(
                    prosecutor=prosecutor, referral=referral, outcome="charge", decided_on=timezone.localdate()
                )


@pytest.mark.parametrize("role", ["head", "supervisor"])
def test_the_page_and_download_cost_the_same_queries_however_many_people_and_cases(
    team: Team, user_of: Callable[..., User], django_assert_num_queries: DjangoAssertNumQueries, role: str
) -> None:
    client = signed_in(getattr(team, role))
    build_work(team)
    counts = []
    for url, query in ((reverse("dashboards:workload"), "?sort=-overdue&overdue=on"),
                       (reverse("dashboards:workload-download"), "?format=xlsx")):  # fmt: skip
        client.get(url + query)  # warm: the session's first write
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url + query).status_code == 200
        counts.append(len(queries))
    _more_work(team, user_of, 6)
    for (url, query), count in zip(
        ((reverse("dashboards:workload"), "?sort=-overdue&overdue=on"),
         (reverse("dashboards:workload-download"), "?format=xlsx")), counts, strict=True
    ):  # fmt: skip
        with django_assert_num_queries(count):
            assert client.get(url + query).status_code == 200
