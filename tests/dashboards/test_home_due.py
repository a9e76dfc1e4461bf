"""Each caseworker's home page says what is theirs to do today, in the rest of this working week, and what is
overdue (listed apart: no item is both due and overdue), each item naming the case by URN and linking to where it is
done; a prosecutor's page holds their own work, not the Area's; the police see under "Requests waiting for the CPS"
only what really waits on the CPS; and the page reads the same number of queries however many items there are."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pytest_django import DjangoAssertNumQueries

import deadlines
from accounts.models import User
from accounts.roles import Role
from actionplans.models import Action
from actionplans.services import PlannedAction, answer_action, set_action_plan
from cases.models import Case, Referral, Suspect
from cases.services.court import list_trial, record_sending, set_judge_direction, update_readiness
from cases.services.precharge import give_early_advice, refer_for_charging_decision, request_early_advice
from dashboards.due import DueWork
from deadlines.working_days import end_of_working_week
from tests.clients import signed_in
from tests.factories import full_code_decision, make_case, planned_actions, referred_suspect
from victims.identity import add_complainant
from victims.letters import open_letter
from victims.models import CommunicationKind
from victims.services import record_vrr_request

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 3, 2)  # a working week with no bank holiday
THURSDAY = date(2026, 3, 5)
OVERDUE = date(2026, 2, 26)
NEXT_WEEK = date(2026, 3, 9)
AREA = "Yorkshire and Humberside"
FORCE = "West Yorkshire Police"
WAITING = "Requests waiting for the CPS"


@pytest.fixture(autouse=True)
def _on_a_monday() -> Iterator[None]:
    with time_machine.travel(MONDAY, tick=False):
        yield


class People:
    def __init__(self, user_of: Callable[..., User]) -> None:
        self.officer = user_of(Role.INVESTIGATOR, police_force=FORCE)
        self.other_officer = user_of(Role.INVESTIGATOR, police_force=FORCE)
        self.supervisor = user_of(Role.POLICE_SUPERVISOR, police_force=FORCE)
        self.prosecutor = user_of(Role.PROSECUTOR, cps_area=AREA)
        self.other_prosecutor = user_of(Role.PROSECUTOR, cps_area=AREA)
        self.unit_head = user_of(Role.UNIT_HEAD, cps_area=AREA)
        self.liaison = user_of(Role.VICTIM_LIAISON_OFFICER, cps_area=AREA)

    def case(self, *, prosecutor: User | None = None, officer: User | None = None) -> Case:
        return make_case(
            police_force=FORCE,
            cps_area=AREA,
            reported_on=MONDAY - timedelta(days=400),
            officer_in_charge=officer or self.officer,
            allocated_prosecutor=prosecutor,
        )


@pytest.fixture
def people(user_of: Callable[..., User]) -> People:
    return People(user_of)


def _suspect(case: Case) -> Suspect:
    return Suspect.objects.get(case=case)


def referral_due(people: People, due_on: date, *, prosecutor: User | None = None) -> Case:
    """A charging referral due on the day (received the decision period before)."""
    case = people.case(prosecutor=prosecutor)
    received_on = due_on - timedelta(days=deadlines.settings().charging_decision_days)
    refer_for_charging_decision(actor=people.officer, suspect=_suspect(case), received_on=received_on)
    return case


def direction_due(people: People, due_on: date) -> Case:
    case = people.case(prosecutor=people.prosecutor)
    set_on = min(due_on, MONDAY) - timedelta(days=7)
    set_judge_direction(actor=people.prosecutor, case=case, direction="Serve the ABE", set_on=set_on, due_on=due_on)
    return case


def _planned(people: People, case: Case, actions: list[PlannedAction], *, set_on: date) -> None:
    referral = request_early_advice(
        actor=people.officer, suspect=_suspect(case), requested_on=set_on - timedelta(days=10), questions="Lines?"
    )
    give_early_advice(actor=people.prosecutor, referral=referral, answered_on=set_on, advice="Advice")
    set_action_plan(
        actor=people.prosecutor, referral=Referral.objects.get(pk=referral.pk), set_on=set_on, actions=actions
    )


def action_due(people: People, due_on: date, *, owner: User | None = None) -> Case:
    """An action of a plan set after early advice, owned by ``owner`` (by default the officer in charge)."""
    case = people.case(prosecutor=people.prosecutor)
    [action] = planned_actions(1, due_on=due_on)
    _planned(people, case, [replace(action, owner=owner)], set_on=OVERDUE - timedelta(days=3))
    return case


def vrr_reply_due(people: People, respond_by: date) -> Case:
    """A Victims' Right to Review request received so that its reply is due on the day (a working day)."""
    case = people.case(prosecutor=people.prosecutor)
    complainant = add_complainant(actor=people.officer, case=case)
    received_on = next(
        day
        for day in (respond_by - timedelta(days=n) for n in range(60, 0, -1))
        if deadlines.vrr_respond_by(day) == respond_by
    )
    record_vrr_request(
        actor=people.liaison,
        complainant=complainant,
        decision_letter_on=received_on - timedelta(days=10),
        received_on=received_on,
        late_exceptional=False,
    )
    return case


def _due(user: User) -> DueWork:
    due = signed_in(user).get("/").context["due"]
    assert isinstance(due, DueWork)
    return due


def _urns(due: DueWork) -> dict[str, list[str]]:
    return {
        "today": [item.urn for item in due.today.items],
        "this week": [item.urn for item in due.this_week.items],
        "overdue": [item.urn for item in due.overdue.items],
    }


Builder = Callable[[People, date], Case]
ROLES: dict[str, tuple[Callable[[People], User], Builder]] = {
    "prosecutor: referrals allocated to them": (
        lambda p: p.prosecutor,
        lambda p, on: referral_due(p, on, prosecutor=p.prosecutor),
    ),
    "prosecutor: judge's directions": (lambda p: p.prosecutor, direction_due),
    "unit head: referrals nobody is allocated": (lambda p: p.unit_head, referral_due),
    "investigator: actions in charge of": (lambda p: p.officer, action_due),
    "police supervisor: actions owned": (lambda p: p.supervisor, lambda p, on: action_due(p, on, owner=p.supervisor)),
    "victim liaison officer: VRR replies": (lambda p: p.liaison, vrr_reply_due),
    "unit head: VRR replies": (lambda p: p.unit_head, vrr_reply_due),
}


@pytest.mark.parametrize("who", ROLES)
def test_each_item_is_due_today_this_week_or_overdue_once(people: People, who: str) -> None:
    user_of, build = ROLES[who]
    cases = {when: build(people, on) for when, on in (("today", MONDAY), ("this week", THURSDAY))}
    cases |= {"overdue": build(people, OVERDUE), "next week": build(people, NEXT_WEEK)}
    user = user_of(people)

    due = _due(user)
    assert _urns(due) == {when: [cases[when].urn] for when in ("today", "this week", "overdue")}
    assert (due.today.count, due.this_week.count, due.overdue.count) == (1, 1, 1)
    assert due.week_ends_on == date(2026, 3, 6)
    assert due.overdue.items[0].overdue_by == 4

    page = signed_in(user).get("/").content.decode()
    for heading in ("Due today (1)", "Due this week (1)", "Overdue (1)"):
        assert heading in page
    for item in (due.today.items[0], due.this_week.items[0], due.overdue.items[0]):
        assert page.count(f'href="{item.url}"') == 1, "each item links once to where it is done"
    assert "Overdue by 4 days" in page


def test_a_prosecutor_sees_only_what_is_allocated_to_them(people: People) -> None:
    mine = referral_due(people, MONDAY, prosecutor=people.prosecutor)
    theirs = referral_due(people, MONDAY, prosecutor=people.other_prosecutor)
    given_to_them = referral_due(people, MONDAY, prosecutor=people.prosecutor)
    Referral.objects.filter(suspect__case=given_to_them).update(allocated_prosecutor=people.other_prosecutor)
    given_to_me = referral_due(people, THURSDAY, prosecutor=people.other_prosecutor)
    Referral.objects.filter(suspect__case=given_to_me).update(allocated_prosecutor=people.prosecutor)
    unallocated = referral_due(people, MONDAY)

    response = signed_in(people.prosecutor).get("/")
    assert _urns(response.context["due"]) == {"today": [mine.urn], "this week": [given_to_me.urn], "overdue": []}
    queues = dict(response.context["queues"])
    assert [item.referral.suspect.case.urn for item in queues["Referrals due"]] == [mine.urn, given_to_me.urn]
    page = response.content.decode()
    work = page[page.index('id="due-today"') :]  # below the notifications, which are the reminders' to word
    for case in (theirs, unallocated):
        assert case.urn not in work, "another prosecutor's work, or the Area's, is not on a prosecutor's home"
    # The case is still theirs (its referral is another's to answer), so it stays among their cases.
    assert f'href="/cases/{given_to_them.pk}/charging/"' not in work
    assert page.index("Cases allocated to you") < page.index("My work")

    head = _due(people.unit_head)
    assert _urns(head)["today"] == [unallocated.urn], "the unit head is shown what nobody is allocated"
    referral = Referral.objects.get(suspect__case=unallocated)
    assert head.today.items[0].url == f"/cases/{unallocated.pk}/referrals/{referral.pk}/allocate/"
    assert head.area_referrals is not None
    assert (head.area_referrals.today, head.area_referrals.this_week) == (4, 1), "and how many the Area has due"


def test_a_prosecutor_is_due_the_court_deadlines_of_their_cases(people: People) -> None:
    """The custody time limit expiring today; a trial on Thursday with readiness gaps; the prosecution case, due
    to be served long ago, is a date nobody records as done, so it is not listed as overdue."""
    case = people.case(prosecutor=people.prosecutor)
    sent_on = MONDAY - timedelta(days=deadlines.settings().custody_time_limit_days)
    suspect = referred_suspect(case, officer=people.officer, received_on=sent_on - timedelta(days=20))
    full_code_decision(
        prosecutor=people.prosecutor,
        referral=suspect.referrals.get(),
        outcome="charge",
        decided_on=sent_on - timedelta(days=10),
    )
    record_sending(actor=people.prosecutor, suspect=suspect, sent_on=sent_on, remanded_in_custody=True)
    trial = list_trial(actor=people.prosecutor, suspect=suspect, listed_for=THURSDAY)

    due = _due(people.prosecutor)
    assert [(item.what, item.url) for item in due.today.items] == [
        ("Custody time limit expires", f"/cases/{case.pk}/court/")
    ]
    assert [(item.what, item.url) for item in due.this_week.items] == [
        ("Trial readiness gaps", f"/cases/{case.pk}/trials/{trial.pk}/readiness/")
    ]
    assert due.overdue.count == 0
    assert _due(people.other_prosecutor).is_empty, "another prosecutor's case"

    update_readiness(actor=people.prosecutor, trial=trial, done=trial.readiness.values_list("item_id", flat=True))
    assert _due(people.prosecutor).this_week.items == [], "ready: nothing is due"


def test_review_points_reached_are_due_for_the_people_the_ladder_tells(people: People) -> None:
    case = people.case(prosecutor=people.prosecutor)
    _planned(people, case, planned_actions(1, due_on=NEXT_WEEK), set_on=MONDAY - timedelta(days=28))
    for user in (people.officer, people.supervisor):
        [item] = _due(user).today.items
        assert (item.what, item.urn, item.url) == (
            "28-day review of Plan 1",
            case.urn,
            f"/cases/{case.pk}/action-plans/",
        )
    assert _due(people.unit_head).today.items == [], "the 28-day level does not tell unit heads"
    assert _due(people.other_officer).today.items == [], "nor an officer not in charge of the case"


def test_a_letter_owed_is_due_for_the_victim_liaison_officer(people: People) -> None:
    case = people.case(prosecutor=people.prosecutor)
    complainant = add_complainant(actor=people.officer, case=case)
    friday = MONDAY - timedelta(days=3)
    letter = open_letter(actor=None, complainant=complainant, kind=CommunicationKind.NFA, decision_on=friday)
    assert letter.due_on == MONDAY, "1 working day for a complainant with enhanced rights"
    [item] = _due(people.liaison).today.items
    assert (item.what, item.about, item.url) == (
        "No further action letter",
        "Complainant A",
        f"/cases/{case.pk}/letters/{letter.pk}/",
    )
    assert _due(people.prosecutor).is_empty, "letters are the victim liaison officers' to send"


def test_roles_without_casework_have_no_due_list(client_of: Callable[..., Client]) -> None:
    for role in (Role.ANALYST, Role.ADMINISTRATOR, Role.AUDITOR, Role.PANEL_MEMBER):
        response = client_of(role).get("/")
        assert response.context["due"] is None
        assert "Due today" not in response.content.decode()


def test_the_working_week_ends_on_friday() -> None:
    assert end_of_working_week(MONDAY) == date(2026, 3, 6)
    assert end_of_working_week(date(2026, 3, 6)) == date(2026, 3, 6)
    assert end_of_working_week(date(2026, 3, 7)) == date(2026, 3, 13), "at a weekend, the week ahead"


def _waiting(user: User) -> list[str]:
    items = dict(signed_in(user).get("/").context["queues"])[WAITING]
    return [item.referral.suspect.case.urn for item in items]


def test_police_see_as_waiting_for_the_cps_only_referrals_that_wait_on_the_cps(people: People) -> None:
    waits = referral_due(people, THURSDAY)
    planned = referral_due(people, THURSDAY)
    referral = Referral.objects.get(suspect__case=planned)
    set_action_plan(
        actor=people.prosecutor, referral=referral, set_on=MONDAY, actions=planned_actions(1, due_on=NEXT_WEEK)
    )
    assert Referral.objects.get(pk=referral.pk).closed_on is None, "the referral stays open while its plan is out"

    assert _waiting(people.officer) == [waits.urn]
    with_you = dict(signed_in(people.officer).get("/").context["queues"])["With you: action plans and early advice"]
    assert [item.suspect.case.urn for item in with_you] == [planned.urn]
    assert [
        item.referral.suspect.case.urn
        for item in dict(signed_in(people.unit_head).get("/").context["queues"])["Referrals due"]
    ] == [waits.urn]

    answer_action(
        actor=people.officer, action=Action.objects.get(plan__referral=referral), answered_on=MONDAY, response="Done"
    )
    assert _waiting(people.officer) == [waits.urn, planned.urn], "answered, the plan hands the referral back"


def _world(people: People, size: int) -> None:
    for _ in range(size):
        for on in (OVERDUE, MONDAY, THURSDAY):
            referral_due(people, on, prosecutor=people.prosecutor)
            referral_due(people, on)
            direction_due(people, on)
            action_due(people, on)
            action_due(people, on, owner=people.supervisor)
            vrr_reply_due(people, on)


def test_the_home_page_reads_the_same_number_of_queries_however_many_items_are_due(
    people: People, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    users = (people.prosecutor, people.unit_head, people.officer, people.supervisor, people.liaison)
    _world(people, 1)
    small = {}
    for user in users:
        client = signed_in(user)
        with CaptureQueriesContext(connection) as queries:
            client.get("/")
        small[user.pk] = len(queries)
    _world(people, 3)
    for user in users:
        client = signed_in(user)
        with django_assert_num_queries(small[user.pk]):
            response = client.get("/")
        assert response.context["due"].today.count >= 4
