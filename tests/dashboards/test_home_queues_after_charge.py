"""Home-page queues after early advice and after charge: prosecutors and unit heads see the suspects charged and not
yet sent, awaiting the PTPH (with its due date), awaiting trial (with the trial date) and convicted awaiting sentence;
police see the suspects with them after early advice. Each in the user's scope only, ten at most, by the suspect's
label (never a name), each a link to the case, and read in a fixed number of queries however many suspects wait."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import deadlines
from accounts.models import User
from accounts.roles import Role
from actionplans.services import set_action_plan
from cases.models import Case, Referral, Suspect
from cases.services.common import move
from cases.services.court import list_trial, record_outcome, record_sending
from cases.services.precharge import give_early_advice, request_early_advice
from cases.transitions import Event, SuspectStatus
from dashboards.stage_queues import suspects_at
from tests.clients import signed_in
from tests.factories import full_code_decision, make_case, planned_actions, referred_suspect

pytestmark = pytest.mark.django_db

AREA = "Yorkshire and Humberside"
FORCE = "West Yorkshire Police"
ELSEWHERE = {"police_force": "Northumbria Police", "cps_area": "North East"}
NAME = "Peregrine Ashdown-Mbeki"
CPS_QUEUES = {
    "charged": "Charged: to be sent to the Crown Court",
    "awaiting_ptph": "Awaiting PTPH",
    "awaiting_trial": "Awaiting trial",
    "convicted": "Convicted: awaiting sentence",
}
POLICE_QUEUE = "With you: action plans and early advice"


class People:
    def __init__(self, user_of: Callable[..., User]) -> None:
        self.officer = user_of(Role.INVESTIGATOR, police_force=FORCE)
        self.colleague = user_of(Role.INVESTIGATOR, police_force=FORCE)
        self.supervisor = user_of(Role.POLICE_SUPERVISOR, police_force=FORCE)
        self.prosecutor = user_of(Role.PROSECUTOR, cps_area=AREA)
        self.other_prosecutor = user_of(Role.PROSECUTOR, cps_area=AREA)
        self.unit_head = user_of(Role.UNIT_HEAD, cps_area=AREA)
        self.away_officer = user_of(Role.INVESTIGATOR, police_force=ELSEWHERE["police_force"])
        self.away_prosecutor = user_of(Role.PROSECUTOR, cps_area=ELSEWHERE["cps_area"])


@pytest.fixture
def people(user_of: Callable[..., User]) -> People:
    return People(user_of)


def _case(
    people: People, *, elsewhere: bool = False, officer: User | None = None, prosecutor: User | None = None
) -> Case:
    where = ELSEWHERE if elsewhere else {"police_force": FORCE, "cps_area": AREA}
    case = make_case(
        **where,
        reported_on=timezone.localdate() - timedelta(days=200),
        officer_in_charge=officer or (people.away_officer if elsewhere else people.officer),
        allocated_prosecutor=prosecutor or (people.away_prosecutor if elsewhere else people.prosecutor),
    )
    Suspect.objects.filter(case=case).update(name=NAME)
    return case


def charged(case: Case, *, charged_days_ago: int = 50) -> Suspect:
    """Referred and charged, through the services the pages use."""
    officer, prosecutor = case.officer_in_charge, case.allocated_prosecutor
    assert officer is not None
    assert prosecutor is not None
    suspect = referred_suspect(
        case, officer=officer, received_on=timezone.localdate() - timedelta(days=charged_days_ago + 10)
    )
    full_code_decision(
        prosecutor=prosecutor,
        referral=suspect.referrals.get(),
        outcome="charge",
        decided_on=timezone.localdate() - timedelta(days=charged_days_ago),
    )
    suspect.refresh_from_db()
    return suspect


def sent(case: Case, *, sent_days_ago: int = 10) -> Suspect:
    suspect = charged(case, charged_days_ago=sent_days_ago + 5)
    assert case.allocated_prosecutor is not None
    record_sending(
        actor=case.allocated_prosecutor,
        suspect=suspect,
        sent_on=timezone.localdate() - timedelta(days=sent_days_ago),
        remanded_in_custody=False,
    )
    return suspect


def awaiting_trial(case: Case, *, trial_in_days: int = 60) -> Suspect:
    """Sent, the PTPH held (the move a PTPH hearing makes), and a trial listed."""
    suspect = sent(case, sent_days_ago=40)
    prosecutor = case.allocated_prosecutor
    assert prosecutor is not None
    move(actor=prosecutor, suspect=suspect, event=Event.HOLD_PTPH)
    list_trial(actor=prosecutor, suspect=suspect, listed_for=timezone.localdate() + timedelta(days=trial_in_days))
    return suspect


def convicted(case: Case, *, convicted_days_ago: int = 3) -> Suspect:
    suspect = sent(case, sent_days_ago=40)
    prosecutor = case.allocated_prosecutor
    assert prosecutor is not None
    move(actor=prosecutor, suspect=suspect, event=Event.HOLD_PTPH)
    record_outcome(
        actor=prosecutor,
        suspect=suspect,
        result="convicted_after_trial",
        completed_on=timezone.localdate() - timedelta(days=convicted_days_ago),
    )
    return suspect


def advised(case: Case, *, plan_due_in_days: int | None = None) -> Suspect:
    """Early advice requested and given; with an action plan set after it when ``plan_due_in_days`` is given."""
    officer, prosecutor = case.officer_in_charge, case.allocated_prosecutor
    assert officer is not None
    assert prosecutor is not None
    suspect = Suspect.objects.get(case=case)
    referral = request_early_advice(
        actor=officer,
        suspect=suspect,
        requested_on=timezone.localdate() - timedelta(days=30),
        questions="Which lines?",
    )
    give_early_advice(
        actor=prosecutor, referral=referral, answered_on=timezone.localdate() - timedelta(days=20), advice="Advice"
    )
    if plan_due_in_days is not None:
        set_action_plan(
            actor=prosecutor,
            referral=Referral.objects.get(pk=referral.pk),
            set_on=timezone.localdate() - timedelta(days=10),
            actions=[
                *planned_actions(1, due_on=timezone.localdate() + timedelta(days=plan_due_in_days)),
                *planned_actions(1, due_on=timezone.localdate() + timedelta(days=plan_due_in_days + 30)),
            ],
        )
    suspect.refresh_from_db()
    return suspect


STAGES: dict[str, Callable[[Case], Suspect]] = {
    "charged": charged,
    "awaiting_ptph": sent,
    "awaiting_trial": awaiting_trial,
    "convicted": convicted,
}


def _queues(user: User) -> dict[str, list]:
    return dict(signed_in(user).get("/").context["queues"])


def _urns(items: list) -> list[str]:
    return [item.suspect.case.urn for item in items]


def test_each_post_charge_queue_shows_its_suspects_with_the_date_it_waits_on(people: People) -> None:
    mine = {queue: STAGES[queue](_case(people)) for queue in STAGES}
    assert {queue: s.status for queue, s in mine.items()} == {
        "charged": SuspectStatus.CHARGED,
        "awaiting_ptph": SuspectStatus.AWAITING_PTPH,
        "awaiting_trial": SuspectStatus.AWAITING_TRIAL,
        "convicted": SuspectStatus.CONVICTED,
    }
    queues = _queues(people.prosecutor)
    for queue, heading in CPS_QUEUES.items():
        assert _urns(queues[heading]) == [mine[queue].case.urn], heading
    [charge] = queues[CPS_QUEUES["charged"]]
    assert (charge.on, charge.days_waiting) == (timezone.localdate() - timedelta(days=50), 50), "charged 50 days ago"
    [ptph] = queues[CPS_QUEUES["awaiting_ptph"]]
    due = mine["awaiting_ptph"].prosecution.ptph_due_on
    assert due == timezone.localdate() - timedelta(days=10) + timedelta(days=deadlines.settings().ptph_days)
    assert (ptph.on, ptph.days_remaining) == (due, (due - timezone.localdate()).days)
    [trial] = queues[CPS_QUEUES["awaiting_trial"]]
    assert (trial.on, trial.days_remaining) == (timezone.localdate() + timedelta(days=60), 60)
    [conviction] = queues[CPS_QUEUES["convicted"]]
    assert (conviction.on, conviction.days_waiting) == (timezone.localdate() - timedelta(days=3), 3)

    page = signed_in(people.prosecutor).get("/").content.decode()
    for heading in CPS_QUEUES.values():
        assert f">{heading}</h3>" in page[page.index(">My work</h2>") :], "the prosecutor's own work"
    head_page = signed_in(people.unit_head).get("/").content.decode()
    for heading in CPS_QUEUES.values():
        assert f">{heading}</h2>" in head_page
    assert f'href="/cases/{mine["awaiting_ptph"].case_id}/"' in page
    assert "PTPH due" in page
    assert "Trial listed for" in page
    assert NAME not in page, "a suspect is shown by their label, never by name"


def test_the_next_trial_is_the_first_one_not_yet_heard(people: People) -> None:
    suspect = awaiting_trial(_case(people), trial_in_days=90)
    prosecutor = people.prosecutor
    list_trial(actor=prosecutor, suspect=suspect, listed_for=timezone.localdate() + timedelta(days=30))
    [item] = suspects_at(user=prosecutor, today=timezone.localdate(), queue="awaiting_trial")
    assert item.on == timezone.localdate() + timedelta(days=30)
    suspect.trials.filter(listed_for=timezone.localdate() + timedelta(days=30)).update(
        outcome="ineffective", reason="No judge"
    )
    [item] = suspects_at(user=prosecutor, today=timezone.localdate(), queue="awaiting_trial")
    assert item.on == timezone.localdate() + timedelta(days=90)


def test_a_prosecutor_sees_their_allocated_cases_and_the_unit_head_the_area(people: People) -> None:
    mine = {queue: STAGES[queue](_case(people)) for queue in STAGES}
    colleagues = {queue: STAGES[queue](_case(people, prosecutor=people.other_prosecutor)) for queue in STAGES}
    away = {queue: STAGES[queue](_case(people, elsewhere=True)) for queue in STAGES}

    for user, expected in (
        (people.prosecutor, [mine]),
        (people.other_prosecutor, [colleagues]),
        (people.unit_head, [mine, colleagues]),
        (people.away_prosecutor, [away]),
    ):
        queues = _queues(user)
        for queue, heading in CPS_QUEUES.items():
            assert sorted(_urns(queues[heading])) == sorted(s[queue].case.urn for s in expected), (user, heading)
    for user in (people.officer, people.supervisor):
        assert not set(CPS_QUEUES.values()) & set(_queues(user)), "police do not see the CPS's court queues"


def test_police_see_their_suspects_after_early_advice(people: People) -> None:
    given = advised(_case(people))
    planned = advised(_case(people), plan_due_in_days=5)
    colleagues = advised(_case(people, officer=people.colleague), plan_due_in_days=2)
    away = advised(_case(people, elsewhere=True), plan_due_in_days=1)
    referred = referred_suspect(
        _case(people), officer=people.officer, received_on=timezone.localdate() - timedelta(days=3)
    )
    with_police = Suspect.objects.get(case=_case(people))
    assert (given.status, planned.status) == (SuspectStatus.EARLY_ADVICE_GIVEN, SuspectStatus.ACTION_PLAN)

    mine = _queues(people.officer)[POLICE_QUEUE]
    assert _urns(mine) == [planned.case.urn, given.case.urn], "the soonest action due first; no plan last"
    assert (mine[0].on, mine[0].days_remaining, mine[0].stage) == (
        timezone.localdate() + timedelta(days=5),
        5,
        "Action plan with police",
    )
    assert (mine[1].on, mine[1].stage) == (None, "Early advice given")
    force = _urns(_queues(people.supervisor)[POLICE_QUEUE])
    assert force == [colleagues.case.urn, planned.case.urn, given.case.urn]
    assert _urns(_queues(people.away_officer)[POLICE_QUEUE]) == [away.case.urn]
    shown = set(force) | set(_urns(_queues(people.colleague)[POLICE_QUEUE]))
    assert referred.case.urn not in shown
    assert with_police.case.urn not in shown
    assert POLICE_QUEUE not in _queues(people.prosecutor)
    plans = _urns(_queues(people.prosecutor)["Action plans with the police"])
    assert plans == [colleagues.case.urn, planned.case.urn, given.case.urn], "the cases allocated to them"
    assert _urns(_queues(people.other_prosecutor)["Action plans with the police"]) == []
    assert "Action plans with the police" not in _queues(people.unit_head)

    page = signed_in(people.officer).get("/").content.decode()
    assert f">{POLICE_QUEUE}</h2>" in page
    assert "No action outstanding" in page
    assert "Next action due" in page
    assert NAME not in page


def test_a_queue_shows_ten_suspects_longest_waiting_first(people: People) -> None:
    suspects = [charged(_case(people), charged_days_ago=days) for days in range(20, 32)]
    items = _queues(people.unit_head)[CPS_QUEUES["charged"]]
    assert len(items) == 10
    assert _urns(items) == [s.case.urn for s in reversed(suspects)][:10], "the oldest charges first"


def _home_queries(user: User) -> int:
    client = signed_in(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def test_the_home_page_reads_the_same_number_of_queries_however_many_suspects_wait(people: People) -> None:
    for build in STAGES.values():
        build(_case(people))
    advised(_case(people))
    advised(_case(people), plan_due_in_days=4)
    few = {user: _home_queries(user) for user in (people.unit_head, people.prosecutor, people.officer)}

    for build in STAGES.values():
        for _ in range(3):
            build(_case(people))
    for days in (3, 6, 9):
        advised(_case(people), plan_due_in_days=days)
        advised(_case(people))
    assert {user: _home_queries(user) for user in few} == few


@pytest.mark.parametrize("queue", [*STAGES, "after_early_advice"])
def test_each_queue_is_one_query(people: People, queue: str) -> None:
    build = STAGES.get(queue) or (lambda case: advised(case, plan_due_in_days=7))
    for _ in range(3):
        build(_case(people))
    user = people.officer if queue == "after_early_advice" else people.unit_head
    with CaptureQueriesContext(connection) as queries:
        items = suspects_at(user=user, today=timezone.localdate(), queue=queue)
        rendered = [(item.suspect.case.urn, item.suspect.label, item.on, item.stage) for item in items]
    assert len(rendered) == 3
    assert len(queries) == 1, [q["sql"] for q in queries]
    sql = queries[0]["sql"]
    column = "police_force_id" if queue == "after_early_advice" else "cps_area_id"
    # The filter meets the suspects' (force or Area, status) index.
    assert f'"cases_suspect"."{column}" = ' in sql
    assert '"cases_suspect"."status" IN' in sql


def test_no_queue_for_a_role_without_casework(people: People, user_of: Callable[..., User]) -> None:
    charged(_case(people))
    for role in (Role.ANALYST, Role.VICTIM_LIAISON_OFFICER):
        assert suspects_at(user=user_of(role, cps_area=AREA), today=date.today(), queue="charged") == []
