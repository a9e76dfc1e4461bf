"""Every declared pre-charge transition, and every forbidden one, table-driven from the declaration itself."""

import pytest

from accounts.roles import Role
from cases.transitions import (
    TRANSITIONS,
    Event,
    RoleNotAllowed,
    SuspectStatus,
    TransitionNotAllowed,
    check_transition,
    events_allowed_from,
)

S = SuspectStatus
# The journey as DOMAIN.md draws it, written out independently of the table it checks.
EXPECTED = {
    Event.REQUEST_EARLY_ADVICE: ({S.WITH_POLICE, S.EARLY_ADVICE_GIVEN}, S.EARLY_ADVICE_REQUESTED, "police"),
    Event.GIVE_EARLY_ADVICE: ({S.EARLY_ADVICE_REQUESTED}, S.EARLY_ADVICE_GIVEN, "cps"),
    Event.REFER_FOR_CHARGING_DECISION: ({S.WITH_POLICE, S.EARLY_ADVICE_GIVEN}, S.REFERRED, "police"),
    Event.REJECT_FILE: ({S.REFERRED}, S.WITH_POLICE, "cps"),
    Event.SET_ACTION_PLAN: ({S.EARLY_ADVICE_REQUESTED, S.REFERRED}, S.ACTION_PLAN, "cps"),
    Event.ANSWER_ACTION_PLAN: ({S.ACTION_PLAN}, S.REFERRED, "both"),
    Event.ANSWER_EARLY_ADVICE_ACTION_PLAN: ({S.ACTION_PLAN}, S.EARLY_ADVICE_REQUESTED, "both"),
    Event.WITHDRAW_ACTION_PLAN: ({S.ACTION_PLAN}, S.REFERRED, "cps"),
    Event.WITHDRAW_EARLY_ADVICE_ACTION_PLAN: ({S.ACTION_PLAN}, S.EARLY_ADVICE_REQUESTED, "cps"),
    Event.RECORD_DECISION: ({S.REFERRED, S.ACTION_PLAN}, S.DECIDED, "cps"),
    Event.PRFI: ({S.EARLY_ADVICE_REQUESTED, S.REFERRED, S.ACTION_PLAN}, S.PRFI, "cps"),
    Event.REOPEN_EARLY_ADVICE: ({S.PRFI}, S.EARLY_ADVICE_REQUESTED, "both"),
    Event.REOPEN_REFERRAL: ({S.PRFI}, S.REFERRED, "both"),
    Event.RECORD_POLICE_NFA: ({S.WITH_POLICE, S.EARLY_ADVICE_GIVEN}, S.POLICE_NFA, "police"),
    Event.REFER_BACK_FOR_REVIEW: ({S.POLICE_NFA, S.DECIDED}, S.WITH_POLICE, "unit_head"),
}
ACTORS = {
    "police": {Role.INVESTIGATOR, Role.POLICE_SUPERVISOR},
    "cps": {Role.PROSECUTOR, Role.UNIT_HEAD},
    "both": {Role.INVESTIGATOR, Role.POLICE_SUPERVISOR, Role.PROSECUTOR, Role.UNIT_HEAD},
    "unit_head": {Role.UNIT_HEAD},
}
CASES = [(event, status) for event in Event for status in SuspectStatus]


def test_every_event_is_declared_once() -> None:
    assert set(TRANSITIONS) == set(Event) == set(EXPECTED)


@pytest.mark.parametrize(("event", "status"), CASES, ids=[f"{e.value}-from-{s.value}" for e, s in CASES])
def test_transition_from_each_status(event: Event, status: SuspectStatus) -> None:
    sources, target, who = EXPECTED[event]
    role = sorted(ACTORS[who])[0]
    if status in sources:
        assert check_transition(event=event, status=status, role=role) == target
    else:
        with pytest.raises(TransitionNotAllowed) as refused:
            check_transition(event=event, status=status, role=role)
        message = str(refused.value)
        assert f"while the suspect is “{status.label}”" in message
        for allowed in events_allowed_from(status):
            assert allowed.label.lower() in message


@pytest.mark.parametrize("event", list(Event))
@pytest.mark.parametrize("role", list(Role))
def test_who_may_make_each_move(event: Event, role: Role) -> None:
    sources, target, who = EXPECTED[event]
    source = sorted(sources)[0]
    if role in ACTORS[who]:
        assert check_transition(event=event, status=source, role=role) == target
    else:
        with pytest.raises(RoleNotAllowed, match="cannot"):
            check_transition(event=event, status=source, role=role)


def test_a_decided_suspect_is_told_only_a_scrutiny_referral_back_remains() -> None:
    with pytest.raises(TransitionNotAllowed, match=r"From here you can: refer back for further review\.$"):
        check_transition(event=Event.PRFI, status=S.DECIDED, role=Role.PROSECUTOR)
