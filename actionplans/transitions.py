"""Every move of an action plan and of an action, declared as the suspect's are (``cases.transitions``): the event,
the statuses it may start from, where it ends and who may make it. The services and the journey import read these;
the suspect's own status moves with the plan by the suspect's table."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models

from accounts.roles import POLICE_ROLES, Doers
from actionplans.models import Action, ActionPlan, ActionStatus, PlanStatus
from cases.transitions import BOTH, CPS, doing


class PlanEvent(models.TextChoices):
    # The last outstanding action settled with at least one answered: by the police's answer or the prosecutor's
    # withdrawal of what was left.
    ANSWER = "answer", "Answer the plan"
    # The prosecutor closes the plan, or withdraws its last action with none answered.
    CLOSE = "close", "Close the plan"
    CLOSE_AS_PRFI = "close_as_prfi", "Close the plan as PRFI"  # with the file PRFI closes
    CLOSE_WITH_THE_FILE = "close_with_the_file", "Close the plan with the file"  # a decision or police NFA


class ActionEvent(models.TextChoices):
    ANSWER = "answer", "Answer the action"
    WITHDRAW = "withdraw", "Withdraw the action"


@dataclass(frozen=True)
class Move:
    sources: frozenset[str]
    target: str
    roles: frozenset[str]


PLAN_MOVES: dict[PlanEvent, Move] = {
    PlanEvent.ANSWER: Move(frozenset({PlanStatus.OPEN}), PlanStatus.ANSWERED, BOTH),
    PlanEvent.CLOSE: Move(frozenset({PlanStatus.OPEN}), PlanStatus.WITHDRAWN, CPS),
    PlanEvent.CLOSE_AS_PRFI: Move(frozenset({PlanStatus.OPEN}), PlanStatus.PRFI, CPS),
    PlanEvent.CLOSE_WITH_THE_FILE: Move(frozenset({PlanStatus.OPEN}), PlanStatus.WITHDRAWN, BOTH),
}
ACTION_MOVES: dict[ActionEvent, Move] = {
    ActionEvent.ANSWER: Move(frozenset({ActionStatus.OUTSTANDING}), ActionStatus.ANSWERED, POLICE_ROLES),
    ActionEvent.WITHDRAW: Move(frozenset({ActionStatus.OUTSTANDING}), ActionStatus.WITHDRAWN, CPS),
}


def plan_status_in_words(status: str) -> str:
    """ "answered", "withdrawn", "closed as PRFI"."""
    return "closed as PRFI" if status == PlanStatus.PRFI else PlanStatus(status).label.lower()


def plan_doers(event: PlanEvent) -> Doers:
    return Doers(PLAN_MOVES[event].roles, doing(event))


def action_doers(event: ActionEvent) -> Doers:
    return Doers(ACTION_MOVES[event].roles, doing(event))


def plan_move(plan: ActionPlan, event: PlanEvent, *, role: str | None) -> PlanStatus:
    """Where the plan goes, or why it cannot: the role (None for the journey import, whose account takes every
    step) and the plan's status."""
    if role is not None:
        plan_doers(event).require(role)
    if plan.status not in PLAN_MOVES[event].sources:
        raise ValidationError(f"{plan.label} is {plan_status_in_words(plan.status)}: it can no longer change.")
    return PlanStatus(PLAN_MOVES[event].target)


def action_move(action: Action, event: ActionEvent, *, role: str | None) -> ActionStatus:
    """Where the action goes, or why it cannot: an action is settled once, while its plan is open."""
    if role is not None:
        action_doers(event).require(role)
    if action.plan.status != PlanStatus.OPEN:
        plan_move(action.plan, PlanEvent.CLOSE, role=None)  # says why the plan can no longer change
    if action.status not in ACTION_MOVES[event].sources:
        status = ActionStatus(action.status)
        raise ValidationError(f"Action {action.number} is already {status.label.lower()}.")
    return ActionStatus(ACTION_MOVES[event].target)
