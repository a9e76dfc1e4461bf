"""Every move of a suspect's status, from "with police" to the sentence, declared in two tables (before charge and
after it): the event, the statuses it may start from, who may make it, what must be true of the suspect's file (the
guard), and where it ends. The pages' "what can I do next", the API's 409, the services and the journey import all
read these tables; nothing else changes a suspect's status.

Before charge most moves end where the suspect's file then rests (``resting_status``): with an action plan while any
plan is outstanding, else waiting on the CPS while a referral is open, else PRFI, early advice given, or with police.
Each such move declares what it changes in the file (its ``effect`` on ``Facts``), so a page and the import reach the
same status from the same history. After charge every move has a fixed end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from http import HTTPStatus
from typing import Any

from django.db import models

from accounts.roles import CPS_CASEWORK_ROLES, POLICE_ROLES, Doers, Role
from web.refusals import Refusal


class SuspectStatus(models.TextChoices):
    WITH_POLICE = "with_police", "With police"
    EARLY_ADVICE_REQUESTED = "early_advice_requested", "Early advice requested"
    EARLY_ADVICE_GIVEN = "early_advice_given", "Early advice given"
    REFERRED = "referred", "Referred for a charging decision"
    ACTION_PLAN = "action_plan", "Action plan with police"
    DECIDED = "decided", "Decided: not charged"
    PRFI = "prfi", "PRFI – pending response further investigation"
    POLICE_NFA = "police_nfa", "No further action by police"
    CHARGED = "charged", "Charged"
    AWAITING_PTPH = "awaiting_ptph", "Sent to the Crown Court: awaiting PTPH"
    AWAITING_TRIAL = "awaiting_trial", "Awaiting trial"
    AT_TRIAL = "at_trial", "At trial"
    CONVICTED = "convicted", "Convicted: awaiting sentence"
    ACQUITTED = "acquitted", "Acquitted"
    DISCONTINUED = "discontinued", "Discontinued or no evidence offered"
    LEFT_ON_FILE = "left_on_file", "Left on file"
    SENTENCED = "sentenced", "Sentenced"


S = SuspectStatus

# The usual road, drawn as the stage strip on the case page: before charge, and after it. PRFI, police NFA and a
# decision not to charge leave it; a suspect whose status is not on a road is shown no strip.
PRE_CHARGE_STRIP = (S.WITH_POLICE, S.EARLY_ADVICE_REQUESTED, S.EARLY_ADVICE_GIVEN, S.ACTION_PLAN, S.REFERRED,
                    S.CHARGED)  # fmt: skip
POST_CHARGE_STRIP = (S.CHARGED, S.AWAITING_PTPH, S.AWAITING_TRIAL, S.AT_TRIAL, S.CONVICTED, S.SENTENCED)


def stage_strip(status: str) -> tuple[SuspectStatus, ...]:
    """The road the suspect is on: after charge once charged, else before it; empty off both."""
    if status in POST_CHARGE_STRIP:
        return POST_CHARGE_STRIP
    return PRE_CHARGE_STRIP if status in PRE_CHARGE_STRIP else ()


class Event(models.TextChoices):
    REQUEST_EARLY_ADVICE = "request_early_advice", "Request early advice"
    GIVE_EARLY_ADVICE = "give_early_advice", "Give early advice"
    REFER_FOR_CHARGING_DECISION = "refer_for_charging_decision", "Refer for a charging decision"
    REJECT_FILE = "reject_file", "Reject the file at triage"
    SET_ACTION_PLAN = "set_action_plan", "Set an action plan"
    ANSWER_ACTION_PLAN = "answer_action_plan", "Answer the action plan"
    CLOSE_ACTION_PLAN = "close_action_plan", "Close the action plan"
    CHARGE = "charge", "Record a decision to charge"
    RECORD_DECISION = "record_decision", "Record the charging decision"
    PRFI = "prfi", "Close as PRFI"
    REOPEN_AFTER_PRFI = "reopen_after_prfi", "Reopen after PRFI"
    RECORD_POLICE_NFA = "record_police_nfa", "Record police NFA"
    REFER_BACK_FOR_REVIEW = "refer_back_for_review", "Refer back for further review"
    SEND_TO_CROWN_COURT = "send_to_crown_court", "Record sending to the Crown Court"
    HOLD_PTPH = "hold_ptph", "Record the PTPH held"
    BEGIN_TRIAL = "begin_trial", "Record the trial under way"
    CONVICT = "convict", "Record a conviction"
    ACQUIT = "acquit", "Record an acquittal"
    DISCONTINUE = "discontinue", "Record a discontinuance or no evidence offered"
    LEAVE_ON_FILE = "leave_on_file", "Record the case left on file"
    SENTENCE = "sentence", "Record the sentence"


class ReferralKind(models.TextChoices):
    """A referral's kind: the file's facts name it, and ``cases.models.Referral`` records it."""

    EARLY_ADVICE = "early_advice", "Early advice"
    CHARGING_DECISION = "charging_decision", "Charging decision"


@dataclass(frozen=True)
class Facts:
    """What the guards and the resting status read of a suspect's file before charge: built from the records by
    ``cases.services.common.facts_of`` for a page or the API, and kept up to date by the journey import."""

    open_referral: str | None = None  # the kind of the referral waiting on the CPS
    latest_referral: str | None = None  # the kind of the most recent referral, open or closed
    early_advice_given: bool = False
    open_plans: int = 0
    prfi: bool = False  # the most recent referral's file is closed as PRFI and not yet reopened


def resting_status(facts: Facts) -> SuspectStatus:
    """Where the file rests before charge: the police owe actions, or the CPS owes an answer, or neither."""
    if facts.open_plans:
        return S.ACTION_PLAN
    if facts.open_referral == ReferralKind.EARLY_ADVICE:
        return S.EARLY_ADVICE_REQUESTED
    if facts.open_referral == ReferralKind.CHARGING_DECISION:
        return S.REFERRED
    if facts.prfi:
        return S.PRFI
    return S.EARLY_ADVICE_GIVEN if facts.early_advice_given else S.WITH_POLICE


Guard = Callable[[Facts], str | None]  # the reason the move may not be made, or None
Effect = Callable[[Facts], Facts]


def _no_open_referral(facts: Facts) -> str | None:
    return (
        f"the suspect's {ReferralKind(facts.open_referral).label.lower()} referral is still open"
        if facts.open_referral
        else None
    )


def _open_referral_of(kind: ReferralKind) -> Guard:
    def guard(facts: Facts) -> str | None:
        if facts.open_referral == kind:
            return None
        return f"the suspect has no open {kind.label.lower()} referral"

    return guard


def _plan_has_a_file(facts: Facts) -> str | None:
    if facts.open_referral or facts.early_advice_given:
        return None
    return "an action plan answers an open referral or follows early advice already given"


def _has_a_file(facts: Facts) -> str | None:
    return None if facts.open_referral or facts.latest_referral else "the CPS has no file for the suspect to close"


def _has_an_open_plan(facts: Facts) -> str | None:
    return None if facts.open_plans else "the suspect has no open action plan"


def _referred(kind: ReferralKind) -> Effect:
    return lambda f: replace(f, open_referral=kind, latest_referral=kind, prfi=False)


def _reopened(f: Facts) -> Facts:
    return replace(f, open_referral=f.latest_referral, prfi=False)


def _advice_given(f: Facts) -> Facts:
    return replace(f, open_referral=None, early_advice_given=True)


def _plan_set(f: Facts) -> Facts:
    return replace(f, open_plans=f.open_plans + 1)


def _plan_closed(f: Facts) -> Facts:
    return replace(f, open_plans=f.open_plans - 1)


def _file_closed(f: Facts) -> Facts:
    return replace(f, open_referral=None)


def _prfi(f: Facts) -> Facts:
    return replace(f, open_referral=None, open_plans=0, prfi=True)


CPS = CPS_CASEWORK_ROLES - {Role.VICTIM_LIAISON_OFFICER}
BOTH = POLICE_ROLES | CPS
UNIT_HEAD = frozenset({Role.UNIT_HEAD})


@dataclass(frozen=True)
class Transition:
    event: Event
    sources: frozenset[SuspectStatus]
    roles: frozenset[str]
    target: SuspectStatus | None = None  # None: where the file rests after the effect
    effect: Effect | None = None
    guard: Guard | None = None

    def end(self, facts: Facts) -> SuspectStatus:
        if self.target is not None:
            return self.target
        return resting_status(self.effect(facts) if self.effect else facts)

    def refusal(self, facts: Facts) -> str | None:
        return self.guard(facts) if self.guard else None


def _t(event: Event, sources: set[SuspectStatus], roles: frozenset[str], **how: object) -> Transition:
    return Transition(event, frozenset(sources), roles, **how)  # type: ignore[arg-type]


WAITING_ON_POLICE = {S.WITH_POLICE, S.EARLY_ADVICE_GIVEN, S.ACTION_PLAN, S.PRFI}
WAITING_ON_CPS = {S.EARLY_ADVICE_REQUESTED, S.REFERRED, S.ACTION_PLAN}
BEFORE_A_RESULT = {S.AWAITING_PTPH, S.AWAITING_TRIAL, S.AT_TRIAL}

EA, CD = ReferralKind.EARLY_ADVICE, ReferralKind.CHARGING_DECISION
PRE_CHARGE_TRANSITIONS = [
    _t(Event.REQUEST_EARLY_ADVICE, WAITING_ON_POLICE, POLICE_ROLES, effect=_referred(EA),
       guard=_no_open_referral),
    _t(Event.REFER_FOR_CHARGING_DECISION, WAITING_ON_POLICE, POLICE_ROLES, effect=_referred(CD),
       guard=_no_open_referral),
    _t(Event.REOPEN_AFTER_PRFI, {S.PRFI}, BOTH, effect=_reopened),
    # Early advice usually is a plan of enquiries: given alone, or with a plan in the same step.
    _t(Event.GIVE_EARLY_ADVICE, WAITING_ON_CPS, CPS, effect=_advice_given, guard=_open_referral_of(EA)),
    _t(Event.REJECT_FILE, WAITING_ON_CPS, CPS, effect=_file_closed, guard=_open_referral_of(CD)),
    # A plan answers the open referral, or follows the advice given while the suspect is with the police.
    _t(Event.SET_ACTION_PLAN, WAITING_ON_POLICE | WAITING_ON_CPS, CPS, effect=_plan_set, guard=_plan_has_a_file),
    # The police's last answer answers a plan; the prosecutor withdrawing its last action, or closing it, closes it.
    _t(Event.ANSWER_ACTION_PLAN, {S.ACTION_PLAN}, BOTH, effect=_plan_closed, guard=_has_an_open_plan),
    _t(Event.CLOSE_ACTION_PLAN, {S.ACTION_PLAN}, CPS, effect=_plan_closed, guard=_has_an_open_plan),
    _t(Event.CHARGE, WAITING_ON_CPS, CPS, target=S.CHARGED, guard=_open_referral_of(CD)),
    _t(Event.RECORD_DECISION, WAITING_ON_CPS, CPS, target=S.DECIDED, guard=_open_referral_of(CD)),
    # PRFI closes the open referral, or the file of the most recent one that waits on the police.
    _t(Event.PRFI, WAITING_ON_CPS | {S.EARLY_ADVICE_GIVEN}, CPS, effect=_prfi, guard=_has_a_file),
    _t(Event.RECORD_POLICE_NFA, WAITING_ON_POLICE, POLICE_ROLES, target=S.POLICE_NFA, guard=_no_open_referral),
    # An NFA scrutiny panel finds the decision could be built towards prosecution, or was taken too early: the unit
    # head refers the suspect back, which reopens the police's review.
    _t(Event.REFER_BACK_FOR_REVIEW, {S.POLICE_NFA, S.DECIDED}, UNIT_HEAD, target=S.WITH_POLICE),
]  # fmt: skip

POST_CHARGE_TRANSITIONS = [
    _t(Event.SEND_TO_CROWN_COURT, {S.CHARGED}, CPS, target=S.AWAITING_PTPH),
    _t(Event.HOLD_PTPH, {S.AWAITING_PTPH}, CPS, target=S.AWAITING_TRIAL),
    _t(Event.BEGIN_TRIAL, {S.AWAITING_PTPH, S.AWAITING_TRIAL}, CPS, target=S.AT_TRIAL),
    _t(Event.CONVICT, BEFORE_A_RESULT, CPS, target=S.CONVICTED),
    _t(Event.ACQUIT, BEFORE_A_RESULT, CPS, target=S.ACQUITTED),
    _t(Event.DISCONTINUE, BEFORE_A_RESULT, CPS, target=S.DISCONTINUED),
    _t(Event.LEAVE_ON_FILE, BEFORE_A_RESULT, CPS, target=S.LEFT_ON_FILE),
    _t(Event.SENTENCE, {S.CONVICTED}, CPS, target=S.SENTENCED),
]

TRANSITIONS: dict[Event, Transition] = {t.event: t for t in PRE_CHARGE_TRANSITIONS + POST_CHARGE_TRANSITIONS}


def doing(event: models.TextChoices) -> str:
    """The step in words within a sentence: "record police NFA", "close as PRFI"."""
    return event.label[0].lower() + event.label[1:]


class TransitionNotAllowed(Refusal):
    """The move is not allowed from the suspect's status, or not with the file as it stands; the message says why
    and what can be done instead (a 409 in the API, with the status and the event)."""

    def __init__(self, event: Event, status: SuspectStatus, reason: str = "", facts: Facts | None = None) -> None:
        allowed = [doing(e) for e in events_allowed(status, facts or Facts())]
        choices = ", ".join(allowed) if allowed else "nothing more"
        because = f": {reason}" if reason else f" while the suspect is “{status.label}”"
        super().__init__(f"You cannot {doing(event)}{because}. From here you can: {choices}.")
        self.event = event
        self.status = status

    def payload(self) -> dict[str, Any]:
        return {**super().payload(), "status": self.status.value, "event": self.event.value}


class RoleNotAllowed(Refusal):
    """The role may not make the move (a 403)."""

    http_status = HTTPStatus.FORBIDDEN

    def __init__(self, event: Event, role: str) -> None:
        super().__init__(f"Your role ({Role(role).label}) cannot {doing(event)}.")


def doers(event: Event) -> Doers:
    """The roles that may take the step."""
    return Doers(TRANSITIONS[event].roles, doing(event))


def events_allowed(status: str, facts: Facts) -> list[Event]:
    """The moves the file allows from here, whoever makes them."""
    return [
        event
        for event, transition in TRANSITIONS.items()
        if status in transition.sources and transition.refusal(facts) is None
    ]


def may(role: str, event: Event, status: str, facts: Facts) -> bool:
    """Whether this role may make the move now: what a page asks before it offers a step."""
    return role in TRANSITIONS[event].roles and event in events_allowed(status, facts)


def next_status(*, event: Event, status: str, facts: Facts) -> SuspectStatus:
    """Where the event leads from this status and file, or the reason it may not happen (any role)."""
    transition = TRANSITIONS[event]
    current = SuspectStatus(status)
    if current not in transition.sources:
        raise TransitionNotAllowed(event, current, facts=facts)
    reason = transition.refusal(facts)
    if reason is not None:
        raise TransitionNotAllowed(event, current, reason, facts)
    return transition.end(facts)


def check_transition(*, event: Event, status: str, role: str, facts: Facts) -> SuspectStatus:
    """The status the event leads to when this role makes it, or the reason it may not happen."""
    if role not in TRANSITIONS[event].roles:
        raise RoleNotAllowed(event, role)
    return next_status(event=event, status=status, facts=facts)
