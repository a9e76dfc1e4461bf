"""The action plan's and the action's tables: every event from every status, allowed or refused with the reason, for
every role, written out here independently of the tables they check."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.roles import Role
from actionplans.models import Action, ActionPlan, ActionStatus, PlanStatus
from actionplans.transitions import ACTION_MOVES, PLAN_MOVES, ActionEvent, PlanEvent, action_move, plan_move

POLICE = {Role.INVESTIGATOR, Role.POLICE_SUPERVISOR}
CPS = {Role.PROSECUTOR, Role.UNIT_HEAD}
PLAN: dict[PlanEvent, tuple[set[Role], PlanStatus]] = {
    PlanEvent.ANSWER: (POLICE | CPS, PlanStatus.ANSWERED),
    PlanEvent.CLOSE: (CPS, PlanStatus.WITHDRAWN),
    PlanEvent.CLOSE_AS_PRFI: (CPS, PlanStatus.PRFI),
    PlanEvent.CLOSE_WITH_THE_FILE: (POLICE | CPS, PlanStatus.WITHDRAWN),
}
ACTION: dict[ActionEvent, tuple[set[Role], ActionStatus]] = {
    ActionEvent.ANSWER: (POLICE, ActionStatus.ANSWERED),
    ActionEvent.WITHDRAW: (CPS, ActionStatus.WITHDRAWN),
}
IN_WORDS = {PlanStatus.ANSWERED: "answered", PlanStatus.WITHDRAWN: "withdrawn", PlanStatus.PRFI: "closed as PRFI"}
PLAN_CASES = [(event, status, role) for event in PlanEvent for status in PlanStatus for role in Role]
ACTION_CASES = [
    (event, plan_status, status, role)
    for event in ActionEvent
    for plan_status in PlanStatus
    for status in ActionStatus
    for role in Role
]


def test_every_event_is_written_out() -> None:
    assert set(PLAN_MOVES) == set(PlanEvent) == set(PLAN)
    assert set(ACTION_MOVES) == set(ActionEvent) == set(ACTION)


@pytest.mark.parametrize(("event", "status", "role"), PLAN_CASES)
def test_each_plan_event_from_each_status_for_each_role(event: PlanEvent, status: PlanStatus, role: Role) -> None:
    plan = ActionPlan(label="Plan 2", status=status)
    who, target = PLAN[event]
    if role not in who:
        with pytest.raises(PermissionDenied) as refused:
            plan_move(plan, event, role=role)
        assert str(refused.value) == f"Your role ({role.label}) cannot {event.label[0].lower()}{event.label[1:]}."
    elif status != PlanStatus.OPEN:
        with pytest.raises(ValidationError) as invalid:
            plan_move(plan, event, role=role)
        assert invalid.value.messages == [f"Plan 2 is {IN_WORDS[status]}: it can no longer change."]
    else:
        assert plan_move(plan, event, role=role) == target


@pytest.mark.parametrize(("event", "plan_status", "status", "role"), ACTION_CASES)
def test_each_action_event_from_each_status_for_each_role(
    event: ActionEvent, plan_status: PlanStatus, status: ActionStatus, role: Role
) -> None:
    action = Action(plan=ActionPlan(label="Plan 2", status=plan_status), number=3, status=status)
    who, target = ACTION[event]
    if role not in who:
        with pytest.raises(PermissionDenied) as refused:
            action_move(action, event, role=role)
        assert str(refused.value) == f"Your role ({role.label}) cannot {event.label[0].lower()}{event.label[1:]}."
    elif plan_status != PlanStatus.OPEN:
        with pytest.raises(ValidationError) as invalid:
            action_move(action, event, role=role)
        assert invalid.value.messages == [f"Plan 2 is {IN_WORDS[plan_status]}: it can no longer change."]
    elif status != ActionStatus.OUTSTANDING:
        with pytest.raises(ValidationError) as invalid:
            action_move(action, event, role=role)
        assert invalid.value.messages == [f"Action 3 is already {status.label.lower()}."]
    else:
        assert action_move(action, event, role=role) == target


def test_the_journey_import_moves_without_a_role() -> None:
    assert plan_move(ActionPlan(label="Plan 1", status=PlanStatus.OPEN), PlanEvent.CLOSE, role=None) == "withdrawn"
