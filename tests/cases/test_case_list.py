"""The case list: what each row shows (stage, suspects, what is due next, the people), filters, sorting and a count,
always within the user's scope, in a number of queries that does not grow with the cases on the page."""

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date, timedelta
from html import unescape

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from actionplans.models import ReviewPoint
from actionplans.services import give_early_advice_with_plan, set_action_plan
from cases.models import Case, CaseFlag, Suspect
from cases.services.court import record_sending, set_judge_direction
from cases.services.precharge import refer_for_charging_decision, request_early_advice
from tests.clients import signed_in
from tests.factories import full_code_decision, make_case, planned_actions, suspect_with_facts
from victims.identity import add_complainant
from victims.letters import record_letter_owed
from victims.models import CommunicationKind
from victims.services import record_vrr_request

pytestmark = pytest.mark.django_db


def _urns(client: Client, query: str = "") -> list[str]:
    response = client.get(f"/cases/{query}")
    assert response.status_code == 200
    return [case.urn for case in response.context["page"].object_list]


@pytest.fixture
def client(prosecutor: User) -> Client:
    return signed_in(prosecutor)


def test_filters_by_force_flag_status_overdue_and_mine(
    client: Client, prosecutor: User, user_of: Callable[..., User]
) -> None:
    officer = user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    west = make_case(police_force="West Yorkshire Police", allocated_prosecutor=prosecutor)
    south = make_case(police_force="South Yorkshire Police", reported_on=date(2024, 6, 1))
    make_case(police_force="Kent Police")
    west.flags.add(CaseFlag.objects.get(code="domestic_abuse"))
    overdue = refer_for_charging_decision(
        actor=officer, suspect=Suspect.objects.get(case=west), received_on=timezone.localdate() - timedelta(days=40)
    )
    assert overdue.is_overdue(timezone.localdate())

    assert sorted(_urns(client)) == sorted([west.urn, south.urn])
    force = west.police_force_id
    assert _urns(client, f"?police_force={force}") == [west.urn]
    flag = CaseFlag.objects.get(code="domestic_abuse").pk
    assert _urns(client, f"?flags={flag}") == [west.urn]
    assert _urns(client, "?status=referred") == [west.urn]
    assert _urns(client, "?status=with_police") == [south.urn]
    assert _urns(client, "?due=overdue") == [west.urn]
    assert _urns(client, "?mine=on") == [west.urn]
    page = client.get("/cases/?due=overdue").content.decode()
    assert "1 case." in page


def test_filter_choices_offer_only_what_is_in_scope(client: Client) -> None:
    make_case(police_force="Kent Police")
    make_case(police_force="West Yorkshire Police")
    # The forces the prosecutor's Area serves, whether or not they have a case yet; never Kent, which it does not.
    forces = {force.name for force in client.get("/cases/").context["filter"].form.fields["police_force"].queryset}
    assert forces == {"West Yorkshire Police", "North Yorkshire Police", "South Yorkshire Police", "Humberside Police"}
    kent = Case.objects.get(police_force__name="Kent Police").police_force_id
    response = client.get(f"/cases/?police_force={kent}")
    assert list(response.context["page"].object_list) == []
    assert 'class="govuk-error-summary"' in response.content.decode()


def test_columns_sort_both_ways_and_pagination_keeps_the_filters(client: Client, user_of: Callable[..., User]) -> None:
    cases = [make_case(reported_on=date(2024, 5, day)) for day in (3, 1, 2)]
    assert _urns(client, "?sort=reported") == [cases[1].urn, cases[2].urn, cases[0].urn]
    assert _urns(client, "?sort=-reported") == [cases[0].urn, cases[2].urn, cases[1].urn]
    assert _urns(client, "?sort=urn") == sorted(c.urn for c in cases)
    page = client.get("/cases/?sort=urn").content.decode()
    assert 'aria-sort="ascending"' in page
    assert "?sort=-urn" in page
    for n in range(30):
        make_case(reported_on=date(2024, 6, 1) + timedelta(days=n))
    listing = client.get("/cases/?sort=urn&status=with_police").content.decode()
    assert "?sort=urn&amp;status=with_police&amp;page=2" in listing


def test_early_advice_requested_status_filter(client: Client, user_of: Callable[..., User]) -> None:
    officer = user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    case = make_case()
    request_early_advice(
        actor=officer, suspect=Suspect.objects.get(case=case), requested_on=timezone.localdate(), questions="Q"
    )
    assert _urns(client, "?status=early_advice_requested") == [case.urn]


def test_the_status_filter_follows_a_suspect_after_charge(
    client: Client, prosecutor: User, user_of: Callable[..., User]
) -> None:
    officer = user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    today = timezone.localdate()
    charged, sent = make_case(), make_case()
    for case in (charged, sent):
        referral = refer_for_charging_decision(
            actor=officer, suspect=Suspect.objects.get(case=case), received_on=today - timedelta(days=20)
        )
        full_code_decision(prosecutor=prosecutor, referral=referral, outcome="charge", decided_on=today)
    record_sending(actor=prosecutor, suspect=Suspect.objects.get(case=sent), sent_on=today, remanded_in_custody=False)
    assert _urns(client, "?status=charged") == [charged.urn]
    assert _urns(client, "?status=awaiting_ptph") == [sent.urn]
    assert _urns(client, "?status=decided") == []
    assert 'value="sentenced"' in client.get("/cases/").content.decode()


def _rows(page: str) -> dict[str, list[str]]:
    """The text of each case row's cells (the case, its suspects and their stages, what is due next, the people), by
    URN."""
    body = page.split('<tbody class="govuk-table__body">', 1)[1].split("</tbody>", 1)[0]
    rows = {}
    for row in re.findall(r"<tr.*?</tr>", body, re.S):
        cells = re.findall(r"<t[hd][ >].*?</t[hd]>", row, re.S)
        texts = [" ".join(unescape(re.sub(r"<[^>]+>", " ", cell)).split()) for cell in cells]
        rows[texts[0].split()[0]] = texts
    return rows


def _on(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def test_each_row_shows_the_stage_suspects_what_is_due_next_and_the_people(
    client: Client, officer: User, prosecutor: User
) -> None:
    today = timezone.localdate()
    busy = make_case(officer_in_charge=officer, allocated_prosecutor=prosecutor, reported_on=date(2024, 5, 1))
    suspect_with_facts(case=busy, label="Suspect 2")
    referral = refer_for_charging_decision(
        actor=officer, suspect=Suspect.objects.get(case=busy, label="Suspect 1"), received_on=today - timedelta(40)
    )
    quiet = make_case(reported_on=date(2024, 5, 2))
    rows = _rows(client.get("/cases/").content.decode())
    assert rows[busy.urn] == [
        f"{busy.urn} West Yorkshire Police CPS Yorkshire and Humberside Reported 1 May 2024",
        "Suspect 1: Referred for a charging decision Suspect 2: With police",
        f"Charging decision due {_on(referral.due_on)} Overdue",
        f"Officer: {officer.get_full_name()} Prosecutor: {prosecutor.get_full_name()}",
    ]
    assert rows[quiet.urn][1:] == [
        "Suspect 1: With police",
        "Nothing due",
        "Officer: not recorded Prosecutor: not allocated",
    ]


def test_next_due_is_the_earliest_open_item_of_every_app_that_keeps_deadlines(
    client: Client, officer: User, prosecutor: User
) -> None:
    today = timezone.localdate()

    def suspect_of(case: Case) -> Suspect:
        return Suspect.objects.get(case=case)

    advice, acting, reviewing, lettered, reviewed, directed, sent = (make_case() for _ in range(7))
    early = request_early_advice(actor=officer, suspect=suspect_of(advice), requested_on=today, questions="Which?")
    plan_referral = refer_for_charging_decision(actor=officer, suspect=suspect_of(acting), received_on=today)
    set_action_plan(actor=prosecutor, referral=plan_referral, set_on=today, actions=planned_actions(1, due_on=today))
    advised = request_early_advice(actor=officer, suspect=suspect_of(reviewing), requested_on=today, questions="?")
    give_early_advice_with_plan(
        actor=prosecutor,
        referral=advised,
        answered_on=today,
        advice="Obtain the download",
        actions=planned_actions(1, due_on=today + timedelta(days=80)),
    )
    review_on = ReviewPoint.objects.filter(plan__suspect__case=reviewing).order_by("due_on")[0].due_on
    letter = record_letter_owed(
        actor=prosecutor,
        complainant=add_complainant(actor=officer, case=lettered),
        kind=CommunicationKind.DISCONTINUANCE,
        decision_on=today,
        decision="Suspect 1: discontinued",
    )
    vrr = record_vrr_request(
        actor=prosecutor,
        complainant=add_complainant(actor=officer, case=reviewed),
        decision_letter_on=today,
        received_on=today,
        late_exceptional=False,
    )
    set_judge_direction(actor=prosecutor, case=directed, direction="Serve the ABE", set_on=today, due_on=today)
    set_judge_direction(
        actor=prosecutor, case=directed, direction="Serve the schedule", set_on=today, due_on=today + timedelta(9)
    )
    charge = refer_for_charging_decision(actor=officer, suspect=suspect_of(sent), received_on=today)
    full_code_decision(prosecutor=prosecutor, referral=charge, outcome="charge", decided_on=today)
    prosecution = record_sending(actor=prosecutor, suspect=suspect_of(sent), sent_on=today, remanded_in_custody=False)

    next_due = {urn: cells[2] for urn, cells in _rows(client.get("/cases/").content.decode()).items()}
    assert next_due[advice.urn] == f"Early advice due {_on(early.due_on)}"
    assert next_due[acting.urn] == f"Action plan action due {_on(today)} Due today"
    assert next_due[reviewing.urn] == f"28-day plan review due {_on(review_on)}"
    assert letter.due_on is not None
    assert next_due[lettered.urn] == f"Discontinuance letter due {_on(letter.due_on)}"
    assert next_due[reviewed.urn] == f"VRR response due {_on(vrr.respond_by)}"
    assert next_due[directed.urn] == f"Court direction due {_on(today)} Due today"
    assert next_due[sent.urn] == f"PTPH due {_on(prosecution.ptph_due_on)}"


def test_filters_by_suspect_next_due_officer_and_prosecutor(
    client: Client, officer: User, prosecutor: User, user_of: Callable[..., User]
) -> None:
    today = timezone.localdate()
    other_officer = user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    overdue, due_today, due_later, idle = (make_case() for _ in range(4))
    Case.objects.filter(pk__in=[overdue.pk, due_today.pk]).update(officer_in_charge=officer)
    Case.objects.filter(pk=idle.pk).update(officer_in_charge=other_officer, allocated_prosecutor=prosecutor)
    suspect_with_facts(case=due_later, label="Suspect 2")
    for case, due_on in ((overdue, today - timedelta(days=1)), (due_today, today), (due_later, today + timedelta(7))):
        set_judge_direction(
            actor=prosecutor, case=case, direction="Serve the ABE", set_on=today - timedelta(3), due_on=due_on
        )
    week_end = today + timedelta(days=(4 - today.weekday()) % 7)

    assert _urns(client, "?due=overdue") == [overdue.urn]
    assert _urns(client, "?due=today") == [due_today.urn]
    assert sorted(_urns(client, "?due=week")) == sorted(
        [due_today.urn] + ([due_later.urn] if today + timedelta(7) <= week_end else [])
    )
    assert _urns(client, "?suspect=suspect+2") == [due_later.urn]
    assert sorted(_urns(client, f"?officer={officer.pk}")) == sorted([overdue.urn, due_today.urn])
    assert _urns(client, f"?prosecutor={prosecutor.pk}") == [idle.urn]
    page = client.get("/cases/?suspect=Dariusz").content.decode()
    assert "Enter a suspect&#x27;s label, like Suspect 2" in page


def test_the_people_filters_offer_the_people_in_scope_and_no_dashes(
    client: Client, officer: User, prosecutor: User, unit_head: User, user_of: Callable[..., User]
) -> None:
    kent_officer = user_of(Role.INVESTIGATOR, police_force="Kent Police")
    elsewhere = user_of(Role.PROSECUTOR, cps_area="South East")
    liaison = user_of(Role.VICTIM_LIAISON_OFFICER, cps_area="Yorkshire and Humberside")
    form = client.get("/cases/").context["filter"].form
    assert set(form.fields["officer"].queryset) == {officer}
    assert set(form.fields["prosecutor"].queryset) == {prosecutor, unit_head}
    assert not {kent_officer, elsewhere, liaison} & set(form.fields["prosecutor"].queryset)
    page = client.get("/cases/").content.decode()
    assert "---------" not in page
    assert f'<option value="{officer.pk}">{officer.get_full_name()}</option>' in page


def test_the_list_reads_the_same_number_of_queries_for_5_cases_as_for_25(
    client: Client,
    officer: User,
    prosecutor: User,
    django_assert_num_queries: Callable[[int], AbstractContextManager[object]],
) -> None:
    today = timezone.localdate()

    def busy_cases(count: int) -> None:
        for _ in range(count):
            case = make_case(officer_in_charge=officer, allocated_prosecutor=prosecutor)
            suspect_with_facts(case=case, label="Suspect 2")
            referral = refer_for_charging_decision(
                actor=officer, suspect=Suspect.objects.get(case=case, label="Suspect 1"), received_on=today
            )
            set_action_plan(
                actor=prosecutor, referral=referral, set_on=today, actions=planned_actions(2, due_on=today)
            )
            tomorrow = today + timedelta(days=1)
            set_judge_direction(actor=prosecutor, case=case, direction="Serve the ABE", set_on=today, due_on=tomorrow)
            complainant = add_complainant(actor=officer, case=case)
            record_letter_owed(actor=prosecutor, complainant=complainant, kind=CommunicationKind.INTRODUCTION)

    def count_queries() -> int:
        client.get("/cases/?sort=urn")  # the session's renewal, once a minute, is not the list's
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/cases/?sort=urn")
        assert "Action plan action due" in response.content.decode()
        return len(queries)

    busy_cases(5)
    five = count_queries()
    busy_cases(20)
    with django_assert_num_queries(five):
        response = client.get("/cases/?sort=urn")
    assert len(_rows(response.content.decode())) == 25
