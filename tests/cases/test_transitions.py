"""The transition tables: every event from every status (and, where the file decides, every kind of file in that
status), allowed or refused with the reason, for every role. The journey is written out here independently of the
tables it checks, as DOMAIN.md and INTERCHANGE.md draw it."""

import pytest

from accounts.roles import Role
from cases.transitions import (
    TRANSITIONS,
    Event,
    Facts,
    RoleNotAllowed,
    SuspectStatus,
    TransitionNotAllowed,
    check_transition,
    doing,
    events_allowed,
    next_status,
)

S = SuspectStatus
EA, CD = "early_advice", "charging_decision"

# A suspect's file as it typically stands in each status; where a status can rest on different files, each is named.
FILES: dict[str, tuple[SuspectStatus, Facts]] = {
    "with police": (S.WITH_POLICE, Facts()),
    "early advice requested": (S.EARLY_ADVICE_REQUESTED, Facts(open_referral=EA, latest_referral=EA)),
    "early advice given": (S.EARLY_ADVICE_GIVEN, Facts(latest_referral=EA, early_advice_given=True)),
    "referred": (S.REFERRED, Facts(open_referral=CD, latest_referral=CD)),
    "plan on a referral": (S.ACTION_PLAN, Facts(open_referral=CD, latest_referral=CD, open_plans=1)),
    "plan on an early advice request": (S.ACTION_PLAN, Facts(open_referral=EA, latest_referral=EA, open_plans=1)),
    "plan after early advice": (S.ACTION_PLAN, Facts(latest_referral=EA, early_advice_given=True, open_plans=1)),
    "two plans after early advice": (S.ACTION_PLAN, Facts(latest_referral=EA, early_advice_given=True, open_plans=2)),
    "decided": (S.DECIDED, Facts(latest_referral=CD)),
    "PRFI": (S.PRFI, Facts(latest_referral=CD, prfi=True)),
    "PRFI after early advice": (S.PRFI, Facts(latest_referral=EA, early_advice_given=True, prfi=True)),
    "police NFA": (S.POLICE_NFA, Facts()),
    **{str(status.label): (status, Facts(latest_referral=CD)) for status in (
        S.CHARGED, S.AWAITING_PTPH, S.AWAITING_TRIAL, S.AT_TRIAL, S.CONVICTED, S.ACQUITTED, S.DISCONTINUED,
        S.LEFT_ON_FILE, S.SENTENCED)},
}  # fmt: skip

OPEN_REFERRAL = "referral is still open"
NO_EA_REFERRAL = "no open early advice referral"
NO_CD_REFERRAL = "no open charging decision referral"
NO_FILE_FOR_A_PLAN = "an action plan answers an open referral or follows early advice already given"

# Each event: who makes it, the files it moves (and where to), and the files in a source status whose state refuses
# it (and why). Every other file is refused because of its status.
POLICE, CPS, BOTH, UNIT_HEAD = "police", "cps", "both", "unit head"
EXPECTED: dict[Event, tuple[str, dict[str, SuspectStatus], dict[str, str]]] = {
    Event.REQUEST_EARLY_ADVICE: (POLICE, {
        "with police": S.EARLY_ADVICE_REQUESTED, "early advice given": S.EARLY_ADVICE_REQUESTED,
        "plan after early advice": S.ACTION_PLAN, "two plans after early advice": S.ACTION_PLAN,
        "PRFI": S.EARLY_ADVICE_REQUESTED, "PRFI after early advice": S.EARLY_ADVICE_REQUESTED,
    }, {"plan on a referral": OPEN_REFERRAL, "plan on an early advice request": OPEN_REFERRAL}),
    Event.REFER_FOR_CHARGING_DECISION: (POLICE, {
        "with police": S.REFERRED, "early advice given": S.REFERRED, "plan after early advice": S.ACTION_PLAN,
        "two plans after early advice": S.ACTION_PLAN, "PRFI": S.REFERRED, "PRFI after early advice": S.REFERRED,
    }, {"plan on a referral": OPEN_REFERRAL, "plan on an early advice request": OPEN_REFERRAL}),
    Event.REOPEN_AFTER_PRFI: (BOTH, {"PRFI": S.REFERRED, "PRFI after early advice": S.EARLY_ADVICE_REQUESTED}, {}),
    Event.GIVE_EARLY_ADVICE: (CPS, {
        "early advice requested": S.EARLY_ADVICE_GIVEN, "plan on an early advice request": S.ACTION_PLAN,
    }, {"referred": NO_EA_REFERRAL, "plan on a referral": NO_EA_REFERRAL, "plan after early advice": NO_EA_REFERRAL,
        "two plans after early advice": NO_EA_REFERRAL}),
    Event.REJECT_FILE: (CPS, {"referred": S.WITH_POLICE, "plan on a referral": S.ACTION_PLAN}, {
        "early advice requested": NO_CD_REFERRAL, "plan on an early advice request": NO_CD_REFERRAL,
        "plan after early advice": NO_CD_REFERRAL, "two plans after early advice": NO_CD_REFERRAL,
    }),
    Event.SET_ACTION_PLAN: (CPS, {
        "early advice requested": S.ACTION_PLAN, "early advice given": S.ACTION_PLAN, "referred": S.ACTION_PLAN,
        "plan on a referral": S.ACTION_PLAN, "plan on an early advice request": S.ACTION_PLAN,
        "plan after early advice": S.ACTION_PLAN, "two plans after early advice": S.ACTION_PLAN,
        "PRFI after early advice": S.ACTION_PLAN,
    }, {"with police": NO_FILE_FOR_A_PLAN, "PRFI": NO_FILE_FOR_A_PLAN}),
    Event.ANSWER_ACTION_PLAN: (BOTH, {
        "plan on a referral": S.REFERRED, "plan on an early advice request": S.EARLY_ADVICE_REQUESTED,
        "plan after early advice": S.EARLY_ADVICE_GIVEN, "two plans after early advice": S.ACTION_PLAN,
    }, {}),
    Event.CLOSE_ACTION_PLAN: (CPS, {
        "plan on a referral": S.REFERRED, "plan on an early advice request": S.EARLY_ADVICE_REQUESTED,
        "plan after early advice": S.EARLY_ADVICE_GIVEN, "two plans after early advice": S.ACTION_PLAN,
    }, {}),
    Event.CHARGE: (CPS, {"referred": S.CHARGED, "plan on a referral": S.CHARGED}, {
        "early advice requested": NO_CD_REFERRAL, "plan on an early advice request": NO_CD_REFERRAL,
        "plan after early advice": NO_CD_REFERRAL, "two plans after early advice": NO_CD_REFERRAL,
    }),
    Event.RECORD_DECISION: (CPS, {"referred": S.DECIDED, "plan on a referral": S.DECIDED}, {
        "early advice requested": NO_CD_REFERRAL, "plan on an early advice request": NO_CD_REFERRAL,
        "plan after early advice": NO_CD_REFERRAL, "two plans after early advice": NO_CD_REFERRAL,
    }),
    Event.PRFI: (CPS, {
        name: S.PRFI for name in ("early advice requested", "early advice given", "referred", "plan on a referral",
                                  "plan on an early advice request", "plan after early advice",
                                  "two plans after early advice")
    }, {}),
    Event.RECORD_POLICE_NFA: (POLICE, {
        "with police": S.POLICE_NFA, "early advice given": S.POLICE_NFA, "plan after early advice": S.POLICE_NFA,
        "two plans after early advice": S.POLICE_NFA, "PRFI": S.POLICE_NFA, "PRFI after early advice": S.POLICE_NFA,
    }, {"plan on a referral": OPEN_REFERRAL, "plan on an early advice request": OPEN_REFERRAL}),
    Event.REFER_BACK_FOR_REVIEW: (UNIT_HEAD, {"police NFA": S.WITH_POLICE, "decided": S.WITH_POLICE}, {}),
    Event.SEND_TO_CROWN_COURT: (CPS, {S.CHARGED.label: S.AWAITING_PTPH}, {}),
    Event.HOLD_PTPH: (CPS, {S.AWAITING_PTPH.label: S.AWAITING_TRIAL}, {}),
    Event.BEGIN_TRIAL: (CPS, {S.AWAITING_PTPH.label: S.AT_TRIAL, S.AWAITING_TRIAL.label: S.AT_TRIAL}, {}),
    **{event: (CPS, {str(status.label): target for status in (S.AWAITING_PTPH, S.AWAITING_TRIAL, S.AT_TRIAL)}, {})
       for event, target in [(Event.CONVICT, S.CONVICTED), (Event.ACQUIT, S.ACQUITTED),
                             (Event.DISCONTINUE, S.DISCONTINUED), (Event.LEAVE_ON_FILE, S.LEFT_ON_FILE)]},
    Event.SENTENCE: (CPS, {S.CONVICTED.label: S.SENTENCED}, {}),
}  # fmt: skip
ACTORS = {
    POLICE: {Role.INVESTIGATOR, Role.POLICE_SUPERVISOR},
    CPS: {Role.PROSECUTOR, Role.UNIT_HEAD},
    BOTH: {Role.INVESTIGATOR, Role.POLICE_SUPERVISOR, Role.PROSECUTOR, Role.UNIT_HEAD},
    UNIT_HEAD: {Role.UNIT_HEAD},
}
CASES = [(event, name) for event in Event for name in FILES]


def test_every_event_and_every_status_is_written_out() -> None:
    assert set(TRANSITIONS) == set(Event) == set(EXPECTED)
    assert {status for status, _ in FILES.values()} == set(SuspectStatus)


@pytest.mark.parametrize(("event", "file"), CASES, ids=[f"{e.value}-from-{f}" for e, f in CASES])
def test_each_event_from_each_status_and_file(event: Event, file: str) -> None:
    who, moves, refusals = EXPECTED[event]
    status, facts = FILES[file]
    role = sorted(ACTORS[who])[0]
    if file in moves:
        assert check_transition(event=event, status=status, role=role, facts=facts) == moves[file]
        assert event in events_allowed(status, facts)
        return
    with pytest.raises(TransitionNotAllowed) as refused:
        check_transition(event=event, status=status, role=role, facts=facts)
    message = str(refused.value)
    reason = refusals.get(file, f"while the suspect is “{status.label}”")
    assert message.startswith(f"You cannot {doing(event)}")
    assert reason in message
    # The refusal says what can be done instead.
    allowed = events_allowed(status, facts)
    assert event not in allowed
    for other in allowed:
        assert doing(other) in message


@pytest.mark.parametrize("event", list(Event))
@pytest.mark.parametrize("role", list(Role))
def test_who_may_make_each_move(event: Event, role: Role) -> None:
    who, moves, _ = EXPECTED[event]
    file, target = next(iter(moves.items()))
    status, facts = FILES[file]
    if role in ACTORS[who]:
        assert check_transition(event=event, status=status, role=role, facts=facts) == target
    else:
        with pytest.raises(RoleNotAllowed, match=r"^Your role \(.+\) cannot "):
            check_transition(event=event, status=status, role=role, facts=facts)


def test_a_final_result_is_told_nothing_more_can_be_done() -> None:
    with pytest.raises(TransitionNotAllowed, match=r"while the suspect is “Acquitted”\. From here you can: nothing"):
        next_status(event=Event.SENTENCE, status=S.ACQUITTED, facts=Facts())


def test_a_decided_suspect_is_told_only_a_scrutiny_referral_back_remains() -> None:
    with pytest.raises(TransitionNotAllowed, match=r"From here you can: refer back for further review\.$"):
        check_transition(event=Event.PRFI, status=S.DECIDED, role=Role.PROSECUTOR, facts=Facts(latest_referral=CD))
