"""Every move of a suspect's pre-charge status, declared in one table: the event, where it may start, where it
ends and who may make it. Services call ``check_transition`` before they write; nothing else changes the status.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from accounts.roles import CPS_CASEWORK_ROLES, POLICE_ROLES, Doers, Role


class PreChargeStatus(models.TextChoices):
    WITH_POLICE = "with_police", "With police"
    EARLY_ADVICE_REQUESTED = "early_advice_requested", "Early advice requested"
    EARLY_ADVICE_GIVEN = "early_advice_given", "Early advice given"
    REFERRED = "referred", "Referred for a charging decision"
    ACTION_PLAN = "action_plan", "Action plan with police"
    DECIDED = "decided", "Charging decision made"
    PRFI = "prfi", "PRFI – pending response further investigation"
    POLICE_NFA = "police_nfa", "No further action by police"


# The usual road to a decision, drawn as the stage strip on the case page; PRFI and police NFA leave it.
STAGE_STRIP = (
    PreChargeStatus.WITH_POLICE,
    PreChargeStatus.EARLY_ADVICE_REQUESTED,
    PreChargeStatus.EARLY_ADVICE_GIVEN,
    PreChargeStatus.REFERRED,
    PreChargeStatus.ACTION_PLAN,
    PreChargeStatus.DECIDED,
)


class Event(models.TextChoices):
    REQUEST_EARLY_ADVICE = "request_early_advice", "Request early advice"
    GIVE_EARLY_ADVICE = "give_early_advice", "Give early advice"
    REFER_FOR_CHARGING_DECISION = "refer_for_charging_decision", "Refer for a charging decision"
    REJECT_FILE = "reject_file", "Reject the file at triage"
    SET_ACTION_PLAN = "set_action_plan", "Set an action plan"
    ANSWER_ACTION_PLAN = "answer_action_plan", "Answer the action plan"
    ANSWER_EARLY_ADVICE_ACTION_PLAN = "answer_early_advice_action_plan", "Answer the early advice action plan"
    WITHDRAW_ACTION_PLAN = "withdraw_action_plan", "Close the action plan"
    WITHDRAW_EARLY_ADVICE_ACTION_PLAN = "withdraw_early_advice_action_plan", "Close the early advice action plan"
    RECORD_DECISION = "record_decision", "Record the charging decision"
    PRFI = "prfi", "Close as PRFI"
    REOPEN_EARLY_ADVICE = "reopen_early_advice", "Reopen the early advice request after PRFI"
    REOPEN_REFERRAL = "reopen_referral", "Reopen the referral after PRFI"
    RECORD_POLICE_NFA = "record_police_nfa", "Record police NFA"
    REFER_BACK_FOR_REVIEW = "refer_back_for_review", "Refer back for further review"


S = PreChargeStatus
CPS = CPS_CASEWORK_ROLES - {Role.VICTIM_LIAISON_OFFICER}


@dataclass(frozen=True)
class Transition:
    event: Event
    sources: frozenset[PreChargeStatus]
    target: PreChargeStatus
    roles: frozenset[str]


def _t(event: Event, sources: set[PreChargeStatus], target: PreChargeStatus, roles: frozenset[str]) -> Transition:
    return Transition(event, frozenset(sources), target, roles)


TRANSITIONS: dict[Event, Transition] = {
    t.event: t
    for t in [
        _t(Event.REQUEST_EARLY_ADVICE, {S.WITH_POLICE, S.EARLY_ADVICE_GIVEN}, S.EARLY_ADVICE_REQUESTED, POLICE_ROLES),
        _t(Event.GIVE_EARLY_ADVICE, {S.EARLY_ADVICE_REQUESTED}, S.EARLY_ADVICE_GIVEN, CPS),
        _t(Event.REFER_FOR_CHARGING_DECISION, {S.WITH_POLICE, S.EARLY_ADVICE_GIVEN}, S.REFERRED, POLICE_ROLES),
        _t(Event.REJECT_FILE, {S.REFERRED}, S.WITH_POLICE, CPS),
        _t(Event.SET_ACTION_PLAN, {S.EARLY_ADVICE_REQUESTED, S.REFERRED}, S.ACTION_PLAN, CPS),
        # A plan is answered when no action is left outstanding: by the police's last answer, or by the prosecutor
        # withdrawing the last action. Either way the suspect goes back to the referral the plan answers.
        _t(Event.ANSWER_ACTION_PLAN, {S.ACTION_PLAN}, S.REFERRED, POLICE_ROLES | CPS),
        _t(Event.ANSWER_EARLY_ADVICE_ACTION_PLAN, {S.ACTION_PLAN}, S.EARLY_ADVICE_REQUESTED, POLICE_ROLES | CPS),
        _t(Event.WITHDRAW_ACTION_PLAN, {S.ACTION_PLAN}, S.REFERRED, CPS),
        _t(Event.WITHDRAW_EARLY_ADVICE_ACTION_PLAN, {S.ACTION_PLAN}, S.EARLY_ADVICE_REQUESTED, CPS),
        _t(Event.RECORD_DECISION, {S.REFERRED, S.ACTION_PLAN}, S.DECIDED, CPS),
        _t(Event.PRFI, {S.EARLY_ADVICE_REQUESTED, S.REFERRED, S.ACTION_PLAN}, S.PRFI, CPS),
        _t(Event.REOPEN_EARLY_ADVICE, {S.PRFI}, S.EARLY_ADVICE_REQUESTED, POLICE_ROLES | CPS),
        _t(Event.REOPEN_REFERRAL, {S.PRFI}, S.REFERRED, POLICE_ROLES | CPS),
        _t(Event.RECORD_POLICE_NFA, {S.WITH_POLICE, S.EARLY_ADVICE_GIVEN}, S.POLICE_NFA, POLICE_ROLES),
        # An NFA scrutiny panel finds the decision could be built towards prosecution, or was taken too early: the
        # unit head refers the suspect back, which reopens the police's review.
        _t(Event.REFER_BACK_FOR_REVIEW, {S.POLICE_NFA, S.DECIDED}, S.WITH_POLICE, frozenset({Role.UNIT_HEAD})),
    ]
}


class TransitionNotAllowed(Exception):  # noqa: N818 - the domain's words
    """The move is not allowed from the suspect's current status; the message says what is."""

    def __init__(self, event: Event, status: PreChargeStatus) -> None:
        allowed = [TRANSITIONS[e].event.label.lower() for e in events_allowed_from(status)]
        choices = ", ".join(allowed) if allowed else "nothing more at the pre-charge stage"
        super().__init__(
            f"You cannot {event.label.lower()} while the suspect is “{status.label}”. From here you can: {choices}."
        )
        self.event = event
        self.status = status


class RoleNotAllowed(Exception):  # noqa: N818 - the domain's words
    def __init__(self, event: Event, role: str) -> None:
        super().__init__(f"Your role ({Role(role).label}) cannot {event.label.lower()}.")


def doers(event: Event) -> Doers:
    """The roles that may take the step."""
    return Doers(TRANSITIONS[event].roles, event.label.lower())


def events_allowed_from(status: PreChargeStatus) -> list[Event]:
    return [event for event, transition in TRANSITIONS.items() if status in transition.sources]


def check_transition(*, event: Event, status: str, role: str) -> PreChargeStatus:
    """The status the event leads to, or the reason it may not happen."""
    transition = TRANSITIONS[event]
    if role not in transition.roles:
        raise RoleNotAllowed(event, role)
    current = PreChargeStatus(status)
    if current not in transition.sources:
        raise TransitionNotAllowed(event, current)
    return transition.target
