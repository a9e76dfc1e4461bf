"""Every hand-over between the police and the CPS tells the other side once, through the services the pages and the
API call: the CPS's allocated prosecutor (else the Area's unit heads), the police's officer in charge (else the
force's supervisors); never the person who made the step, and never a name. History a journey import brings in
tells no one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from actionplans.models import ActionPlan
from actionplans.services import answer_action, give_early_advice_with_plan, set_action_plan
from cases.models import Case, Prfi, Referral, Suspect
from cases.services.precharge import (
    give_early_advice,
    prfi_referral,
    record_police_nfa,
    refer_back_for_review,
    refer_for_charging_decision,
    reopen_referral,
    request_early_advice,
    triage_referral,
)
from reminders.models import Email, EmailState, NoticeKind, Notification
from scorecards.journey_import import import_lines
from tests.factories import full_code_decision, make_case, planned_actions
from tests.journeys import line, reported

pytestmark = pytest.mark.django_db


def _reported() -> date:
    return timezone.localdate() - timedelta(days=200)


NAME = "Zyxwvut Qwerty"  # the suspect's name, which no notification may carry


@dataclass
class World:
    officer: User
    supervisor: User
    prosecutor: User
    unit_head: User
    case: Case

    @property
    def suspect(self) -> Suspect:
        return Suspect.objects.select_related("case").get(case=self.case)

    def open_referral(self) -> Referral:
        return Referral.objects.get(suspect__case=self.case, closed_on__isnull=True)

    def latest_referral(self) -> Referral:
        return Referral.objects.filter(suspect__case=self.case).latest("received_on", "id")


@pytest.fixture
def world(officer: User, prosecutor: User, unit_head: User, user_of: Callable[..., User]) -> World:
    supervisor = user_of(Role.POLICE_SUPERVISOR, police_force="West Yorkshire Police")
    case = make_case(officer_in_charge=officer, allocated_prosecutor=prosecutor, reported_on=_reported())
    Suspect.objects.filter(case=case).update(name=NAME)
    return World(officer, supervisor, prosecutor, unit_head, case)


def _ask_advice(w: World) -> Referral:
    return request_early_advice(
        actor=w.officer, suspect=w.suspect, requested_on=timezone.localdate() - timedelta(days=100), questions="Lines?"
    )


def _refer(w: World) -> Referral:
    return refer_for_charging_decision(
        actor=w.officer, suspect=w.suspect, received_on=timezone.localdate() - timedelta(days=60)
    )


def _advise(w: World) -> Referral:
    return give_early_advice(
        actor=w.prosecutor,
        referral=w.open_referral(),
        answered_on=timezone.localdate() - timedelta(days=90),
        advice="Get the CCTV",
    )


def _set_plan(w: World) -> ActionPlan:
    return set_action_plan(
        actor=w.prosecutor,
        referral=w.latest_referral(),
        set_on=timezone.localdate() - timedelta(days=50),
        actions=planned_actions(1, due_on=timezone.localdate()),
    )


def _answer_plan(w: World) -> None:
    action = ActionPlan.objects.get(suspect__case=w.case, closed_on__isnull=True).actions.get()
    answer_action(
        actor=w.officer, action=action, answered_on=timezone.localdate() - timedelta(days=40), response="Done"
    )


def _reject(w: World) -> None:
    triage_referral(
        actor=w.prosecutor,
        referral=w.open_referral(),
        accepted=False,
        rejection_reasons=["no_mg3"],
        on=timezone.localdate() - timedelta(days=55),
    )


def _decide(w: World) -> None:
    full_code_decision(
        prosecutor=w.prosecutor,
        referral=w.open_referral(),
        outcome="charge",
        decided_on=timezone.localdate() - timedelta(days=30),
    )


def _prfi(w: World) -> Prfi:
    return prfi_referral(
        actor=w.prosecutor,
        referral=w.open_referral(),
        prfi_on=timezone.localdate() - timedelta(days=30),
        reason="Phone download",
    )


def _reopen(by: Callable[[World], User]) -> Callable[[World], None]:
    def reopen(w: World) -> None:
        prfi = Prfi.objects.get(referral__suspect__case=w.case)
        reopen_referral(actor=by(w), prfi=prfi, reopened_on=timezone.localdate() - timedelta(days=20))

    return reopen


def _police_nfa(w: World) -> None:
    record_police_nfa(
        actor=w.officer,
        suspect=w.suspect,
        nfa_on=timezone.localdate() - timedelta(days=10),
        reason="No prospect",
        outcome_code="15",
    )


@dataclass(frozen=True)
class Step:
    before: tuple[Callable[[World], object], ...]
    step: Callable[[World], object]
    actor: Callable[[World], User]
    told: Callable[[World], User]
    says: str  # what the message says after "Case <URN>: "


POLICE_OFFICER: Callable[[World], User] = lambda w: w.officer  # noqa: E731
PROSECUTOR: Callable[[World], User] = lambda w: w.prosecutor  # noqa: E731

HANDOVERS = {
    "early advice requested": Step((), _ask_advice, POLICE_OFFICER, PROSECUTOR, "the police asked for early advice"),
    "referral for a charging decision": Step(
        (), _refer, POLICE_OFFICER, PROSECUTOR, "the police referred Suspect 1 for a charging decision"
    ),
    "file rejected at triage": Step(
        (_refer,), _reject, PROSECUTOR, POLICE_OFFICER, "the CPS rejected the file for Suspect 1: no mg3"
    ),
    "early advice given": Step(
        (_ask_advice,), _advise, PROSECUTOR, POLICE_OFFICER, "the CPS gave early advice on Suspect 1"
    ),
    "action plan set": Step(
        (_ask_advice, _advise), _set_plan, PROSECUTOR, POLICE_OFFICER, "the CPS set Plan 1 for Suspect 1: 1 action"
    ),
    "action plan answered": Step(
        (_ask_advice, _advise, _set_plan),
        _answer_plan,
        POLICE_OFFICER,
        PROSECUTOR,
        "the police answered action 1 of Plan 1 for Suspect 1; every action is now answered",
    ),
    "charging decision": Step(
        (_refer,), _decide, PROSECUTOR, POLICE_OFFICER, "the CPS recorded its charging decision on Suspect 1: Charge"
    ),
    "PRFI": Step(
        (_refer,), _prfi, PROSECUTOR, POLICE_OFFICER, "Charging decision file for Suspect 1 closed by the CPS as PRFI"
    ),
    "reopened after PRFI by the police": Step(
        (_refer, _prfi), _reopen(POLICE_OFFICER), POLICE_OFFICER, PROSECUTOR, "Charging decision file for Suspect 1"
    ),
    "reopened after PRFI by the CPS": Step(
        (_refer, _prfi), _reopen(PROSECUTOR), PROSECUTOR, POLICE_OFFICER, "Charging decision file for Suspect 1"
    ),
    "police NFA after early advice": Step(
        (_ask_advice, _advise), _police_nfa, POLICE_OFFICER, PROSECUTOR, "the police took no further action"
    ),
}


def _made_by(step: Callable[[World], object], w: World) -> list[Notification]:
    """The notifications the step makes (those of the steps before it aside)."""
    before = Notification.objects.order_by("-id").values_list("id", flat=True).first() or 0
    step(w)
    return list(Notification.objects.filter(id__gt=before).select_related("recipient"))


@pytest.mark.parametrize("name", HANDOVERS)
def test_each_handover_tells_the_other_side_once_by_urn_and_label(world: World, name: str) -> None:
    handover = HANDOVERS[name]
    for before in handover.before:
        before(world)
    told = _made_by(handover.step, world)
    assert [(n.recipient, n.kind) for n in told] == [(handover.told(world), NoticeKind.HANDOVER)]
    [notification] = told
    assert notification.message.startswith(f"Case {world.case.urn}: {handover.says}")
    assert handover.actor(world) != notification.recipient
    assert "Zyxwvut" not in notification.message
    # A hand-over comes by e-mail too, unless the person turned it off.
    assert Email.objects.filter(notification=notification, state=EmailState.PENDING).exists()


def test_a_file_accepted_at_triage_stays_with_the_cps_and_tells_no_one(world: World) -> None:
    _refer(world)
    accepted = _made_by(
        lambda w: triage_referral(
            actor=w.prosecutor, referral=w.open_referral(), accepted=True, on=timezone.localdate() - timedelta(days=55)
        ),
        world,
    )
    assert accepted == []


def test_each_answer_is_told_and_the_last_says_the_plan_is_answered_once(world: World) -> None:
    _ask_advice(world)
    plan = give_early_advice_with_plan(
        actor=world.prosecutor,
        referral=world.open_referral(),
        answered_on=timezone.localdate() - timedelta(days=90),
        advice="Get the CCTV",
        actions=planned_actions(2, due_on=timezone.localdate() - timedelta(days=60)),
    )
    first, second = plan.actions.order_by("number")
    urn = world.case.urn

    def answer(action_pk: int) -> Callable[[World], object]:
        return lambda w: answer_action(
            actor=w.officer, action=plan.actions.get(pk=action_pk), answered_on=timezone.localdate(), response="Done"
        )

    assert [(n.recipient, n.message) for n in _made_by(answer(first.pk), world)] == [
        (world.prosecutor, f"Case {urn}: the police answered action 1 of Plan 1 for Suspect 1 (after the agreed date)"
         "; 1 action outstanding"),
    ]  # fmt: skip
    assert [(n.recipient, n.message) for n in _made_by(answer(second.pk), world)] == [
        (world.prosecutor, f"Case {urn}: the police answered action 2 of Plan 1 for Suspect 1 (after the agreed date)"
         "; every action is now answered"),
    ]  # fmt: skip
    plan.refresh_from_db()
    assert plan.status == "answered"


def test_with_nobody_allocated_the_area_unit_heads_are_told(world: World) -> None:
    Case.objects.filter(pk=world.case.pk).update(allocated_prosecutor=None)
    told = _made_by(_refer, world)
    assert [n.recipient for n in told] == [world.unit_head]


def test_a_referral_allocated_to_its_own_prosecutor_tells_them_not_the_cases(
    world: World, user_of: Callable[..., User]
) -> None:
    other = user_of(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")
    _refer(world)
    _set_plan(world)  # on the open referral, which is the suspect's file
    Referral.objects.filter(suspect__case=world.case).update(allocated_prosecutor=other)
    told = _made_by(_answer_plan, world)
    assert [n.recipient for n in told] == [other]


def test_with_no_officer_in_charge_the_force_supervisors_are_told(world: World) -> None:
    Case.objects.filter(pk=world.case.pk).update(officer_in_charge=None)
    _ask_advice(world)
    told = _made_by(_advise, world)
    assert [n.recipient for n in told] == [world.supervisor]


def test_a_police_nfa_with_no_cps_file_tells_no_one(world: World) -> None:
    assert _made_by(_police_nfa, world) == []


def test_a_panel_referral_back_reopens_the_polices_review_and_tells_them(world: World) -> None:
    _police_nfa(world)
    told = _made_by(
        lambda w: refer_back_for_review(
            actor=w.unit_head, suspect=w.suspect, on=timezone.localdate(), reason="Built too early"
        ),
        world,
    )
    assert [n.recipient for n in told] == [world.officer]


def test_a_journey_import_tells_no_one_of_the_history_it_brings(world: World) -> None:
    urn = "13AA0000777"
    dated = {"urn": urn, "suspect": "S1"}
    import_lines(
        [
            reported(urn, "2024-03-01"),
            line("suspect_added", **dated),
            line("referral_received", **dated, date="2024-04-01", kind="early_advice"),
            line("early_advice_given", **dated, date="2024-04-10"),
            line("action_plan_set", **dated, date="2024-04-12", plan="P1", actions=1),
            line("action_plan_answered", urn=urn, plan="P1", date="2024-05-01"),
            line("prfi", **dated, date="2024-05-15"),
            line("referral_received", **dated, date="2024-06-01", kind="charging_decision"),
            line("decision", **dated, date="2024-06-20", outcome="charge", test="full_code"),
        ]
    )
    assert Case.objects.filter(urn=urn).exists()
    assert not Notification.objects.exists()
