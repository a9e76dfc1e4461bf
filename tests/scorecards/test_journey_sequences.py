"""Every sequence INTERCHANGE.md's "Which sequences are valid" allows imports, in any order of its lines; the ones a
case's journey cannot contain are refused with their line and reason, and nothing is written.

Each valid sequence is imported three times, under three URNs: in journey order, shuffled (a fixed seed; events of
the same date keep their order in the file, which is all the contract fixes: "by date, then by their order in the
file"), and with its dates in reverse order. The records of the three (a canonical dump of the case: referrals,
plans, PRFIs, decisions, police NFAs, statuses, hearings, prosecutions, complainants, letters...) are the same, and
what they must be is written below by hand, from the lines. Deadlines: early advice 21 days from the request, a
charging decision 28 (the same day in custody), a Threshold Test review 28 days or the day before the PTPH if earlier,
the PTPH 28 days after sending.

Bullet 1, plans follow early advice. S1: early advice asked 1 Apr (due 22 Apr); P1 answers the open request 5 Apr,
answered 12 Apr; advice given 15 Apr; P2 (20 Apr) and P3 (25 Apr) follow the advice with no referral open, both open
at once until 10 and 12 May; P4 20 May to 1 Jun; referred for charge 10 Jun (due 8 Jul); P5 answers it 15 Jun and is
still open when S1 is charged 30 Jun, which withdraws it. P1 to P4 belong to the early advice file, P5 to the
charging file. S2: advice asked 2 Apr (due 23 Apr), given 10 Apr; Q1 follows it 11 Apr; the police take NFA 1 May
(Home Office outcome 15), which withdraws Q1.

Bullet 2, PRFI closes the file that waits on the police. S1: referred 1 Apr (due 29 Apr), P1 10 Apr, PRFI 20 May
closes the open referral (charging) and P1 with it. S2: advice asked 1 Apr, given 20 Apr, P2 25 Apr still open, PRFI
1 Jun closes the early advice file (closed 20 Apr, when answered) and P2. S3: advice 1 Apr, given 10 Apr, P3 12 Apr
answered 1 May, PRFI 15 May: the early advice file again. S4: referred 1 Apr, PRFI 29 Apr with no plan.

Bullet 3, a referral after PRFI is a new referral. S1: referred 10 Mar (due 7 Apr), PRFI 25 Mar, referred again
15 Apr: a new referral due 13 May, which the PRFI names as its reopening; NFA (evidential) 10 May on it. S2: advice
asked 5 Mar (due 26 Mar), PRFI 20 Mar, then referred for charge 2 Apr (due 30 Apr): a referral of the other kind
reopens it too; charged under the Threshold Test 30 Apr (review due 28 May). S3: advice asked 1 Apr, given 10 Apr,
P1 12 Apr, PRFI 1 May (the early advice file; P1 PRFI'd), advice asked again 20 May (a new request, due 10 Jun),
given 30 May. S4 (in custody): referred 1 Apr (due the same day, a priority), PRFI 5 Apr, referred 20 Apr (due
20 Apr).

Bullet 4, early advice again, and a charging referral after it with or without plans. S1: advice 1 Apr, given
10 Apr; asked again 1 May (due 22 May), P1 5 May to 20 May on it, given 25 May; referred 1 Jun (due 29 Jun), charged
(Threshold) 20 Jun, review due 18 Jul. S2: advice 1 Apr, given 15 Apr, referred 20 Apr with no plan between, other
decision 30 May. S3: advice 1 Apr, given 8 Apr, P2 9 Apr to 20 Apr, referred 25 Apr: still waiting on the CPS.

Police NFA. S1 with no referral at all (outcome 16), S2 after early advice (no outcome sent), S3 after early advice
with P1 open (withdrawn).

Decisions. S1 to S5: referred 1 Apr, then charge (Full Code) 10 Apr, NFA evidential 20 Apr, NFA public interest,
out-of-court disposal, other; S6: referred 1 Apr, P1 5 Apr, NFA 30 Apr withdraws P1.

Court, to the sentence. S1 (in custody): referred 1 Apr, charged under the Threshold Test 20 Apr (review due 18 May);
first hearing at Leeds Magistrates' Court 22 Apr sends S1 to the Crown Court (PTPH due 20 May, custody time limit
21 Oct); PTPH at Leeds Crown Court 10 May, not guilty (the review is now due 9 May, the day before); a mention 1 Jun
moves nothing; the Full Code review 5 Jun; trial 2 Sep, and its second day 3 Sep moves nothing; convicted after trial
4 Sep; sentenced 1 Oct. S2: charged 20 Apr, first hearing a Crown Court PTPH 10 May (sent and the PTPH held), guilty
plea, outcome the same day at hearing 1. S3: first hearing 25 Apr, a mention 20 May, discontinued 1 Jun (at hearing
2, before any PTPH). S4: first 25 Apr, PTPH 23 May, trial 1 Jul, acquitted 5 Jul. S5: first 25 Apr, PTPH 23 May,
left on file 10 Jun. S6: first 25 Apr, trial 3 Jun with no PTPH, no evidence offered that day (hearing 2).

The scorecard measures' own history (``tests.scorecards.test_scorecard_measures``) is a further sequence, for its
order only.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from actionplans.models import ActionPlan
from cases.models import (
    Case,
    ChargingDecision,
    Hearing,
    JudgeDirection,
    PoliceNfa,
    Prfi,
    Prosecution,
    Referral,
    Suspect,
    TimelineEvent,
)
from cases.services.common import facts_of
from cases.transitions import SuspectStatus, resting_status
from scorecards.journey_import import Rejected, import_lines
from scorecards.journey_replay import NOT_RECORDED
from tests.journeys import line, reported
from tests.scorecards.test_scorecard_measures import history
from victims.models import Communication, Complainant

pytestmark = pytest.mark.django_db

SEED = 20261206
U = "13AA0000001"
S = SuspectStatus
EA, CD = "early_advice", "charging_decision"


def d(day: str) -> date:
    """A day of 2024, written "MM-DD"."""
    return date.fromisoformat(f"2024-{day}")


# Lines of the sequences, written short.


def suspect(label: str, **more: Any) -> bytes:
    return line("suspect_added", urn=U, suspect=label, **more)


def referral(label: str, day: str, kind: str) -> bytes:
    return line("referral_received", urn=U, suspect=label, date=f"2024-{day}", kind=kind)


def advice(label: str, day: str) -> bytes:
    return line("early_advice_given", urn=U, suspect=label, date=f"2024-{day}")


def plan(label: str, day: str, name: str, actions: int = 1) -> bytes:
    return line("action_plan_set", urn=U, suspect=label, date=f"2024-{day}", plan=name, actions=actions)


def answered(name: str, day: str) -> bytes:
    return line("action_plan_answered", urn=U, plan=name, date=f"2024-{day}")


def prfi(label: str, day: str) -> bytes:
    return line("prfi", urn=U, suspect=label, date=f"2024-{day}")


def decision(label: str, day: str, outcome: str, test: str | None = None) -> bytes:
    fields = {"test": test} if test else {}
    return line("decision", urn=U, suspect=label, date=f"2024-{day}", outcome=outcome, **fields)


def nfa(label: str, day: str, **more: Any) -> bytes:
    return line("police_nfa", urn=U, suspect=label, date=f"2024-{day}", **more)


def hearing(label: str, day: str, court: str, kind: str, **more: Any) -> bytes:
    return line("hearing", urn=U, suspect=label, date=f"2024-{day}", court=court, kind=kind, **more)


def plea(label: str, day: str, entered: str) -> bytes:
    return line("plea", urn=U, suspect=label, date=f"2024-{day}", plea=entered)


def outcome(label: str, day: str, result: str) -> bytes:
    return line("outcome", urn=U, suspect=label, date=f"2024-{day}", result=result)


CASE = reported(U, "2024-03-01")


@dataclass(frozen=True)
class Sequence:
    id: str
    lines: list[bytes]
    # What the records must be, worked out by hand (the module's docstring): per suspect, a part of its dump.
    expected: dict[str, dict[str, Any]] = field(default_factory=dict)


def file_of(kind: str, received: str) -> tuple[str, date]:
    return (kind, d(received))


VALID = [
    Sequence(
        "plans follow early advice",
        [
            CASE,
            suspect("S1"),
            suspect("S2"),
            referral("S1", "04-01", EA),
            plan("S1", "04-05", "P1", 3),
            answered("P1", "04-12"),
            advice("S1", "04-15"),
            plan("S1", "04-20", "P2"),
            plan("S1", "04-25", "P3", 2),
            answered("P2", "05-10"),
            answered("P3", "05-12"),
            plan("S1", "05-20", "P4"),
            answered("P4", "06-01"),
            referral("S1", "06-10", CD),
            plan("S1", "06-15", "P5"),
            decision("S1", "06-30", "charge", "full_code"),
            referral("S2", "04-02", EA),
            advice("S2", "04-10"),
            plan("S2", "04-11", "Q1", 2),
            nfa("S2", "05-01", outcome_code="15"),
        ],
        {
            "S1": {
                "status": S.CHARGED,
                "referrals": [(EA, d("04-01"), d("04-22"), d("04-15")), (CD, d("06-10"), d("07-08"), d("06-30"))],
                "plans": [
                    ("P1", file_of(EA, "04-01"), d("04-05"), "answered", d("04-12"), ""),
                    ("P2", file_of(EA, "04-01"), d("04-20"), "answered", d("05-10"), ""),
                    ("P3", file_of(EA, "04-01"), d("04-25"), "answered", d("05-12"), ""),
                    ("P4", file_of(EA, "04-01"), d("05-20"), "answered", d("06-01"), ""),
                    (
                        "P5",
                        file_of(CD, "06-10"),
                        d("06-15"),
                        "withdrawn",
                        d("06-30"),
                        "Closed by the charging decision",
                    ),
                ],
                "decisions": [(file_of(CD, "06-10"), "full_code", "charge", d("06-30"), None, None)],
                "prfis": [],
            },
            "S2": {
                "status": S.POLICE_NFA,
                "referrals": [(EA, d("04-02"), d("04-23"), d("04-10"))],
                "plans": [
                    ("Q1", file_of(EA, "04-02"), d("04-11"), "withdrawn", d("05-01"), "Closed by the police NFA")
                ],
                "police_nfas": [(d("05-01"), "15")],
            },
        },
    ),
    Sequence(
        "PRFI closes the file that waits on the police",
        [
            CASE,
            suspect("S1"),
            suspect("S2"),
            suspect("S3"),
            suspect("S4"),
            referral("S1", "04-01", CD),
            plan("S1", "04-10", "P1"),
            prfi("S1", "05-20"),
            referral("S2", "04-01", EA),
            advice("S2", "04-20"),
            plan("S2", "04-25", "P2"),
            prfi("S2", "06-01"),
            referral("S3", "04-01", EA),
            advice("S3", "04-10"),
            plan("S3", "04-12", "P3"),
            answered("P3", "05-01"),
            prfi("S3", "05-15"),
            referral("S4", "04-01", CD),
            prfi("S4", "04-29"),
        ],
        {
            "S1": {
                "status": S.PRFI,
                "referrals": [(CD, d("04-01"), d("04-29"), d("05-20"))],
                "plans": [("P1", file_of(CD, "04-01"), d("04-10"), "prfi", d("05-20"), "Closed as PRFI")],
                "prfis": [(file_of(CD, "04-01"), d("05-20"), None, None)],
            },
            "S2": {
                "status": S.PRFI,
                "referrals": [(EA, d("04-01"), d("04-22"), d("04-20"))],
                "plans": [("P2", file_of(EA, "04-01"), d("04-25"), "prfi", d("06-01"), "Closed as PRFI")],
                "prfis": [(file_of(EA, "04-01"), d("06-01"), None, None)],
            },
            "S3": {
                "status": S.PRFI,
                "plans": [("P3", file_of(EA, "04-01"), d("04-12"), "answered", d("05-01"), "")],
                "prfis": [(file_of(EA, "04-01"), d("05-15"), None, None)],
            },
            "S4": {"status": S.PRFI, "prfis": [(file_of(CD, "04-01"), d("04-29"), None, None)], "plans": []},
        },
    ),
    Sequence(
        "a referral after a PRFI is a new referral",
        [
            CASE,
            suspect("S1"),
            suspect("S2"),
            suspect("S3"),
            suspect("S4", in_custody=True),
            referral("S1", "03-10", CD),
            prfi("S1", "03-25"),
            referral("S1", "04-15", CD),
            decision("S1", "05-10", "nfa_evidential"),
            referral("S2", "03-05", EA),
            prfi("S2", "03-20"),
            referral("S2", "04-02", CD),
            decision("S2", "04-30", "charge", "threshold"),
            referral("S3", "04-01", EA),
            advice("S3", "04-10"),
            plan("S3", "04-12", "P1"),
            prfi("S3", "05-01"),
            referral("S3", "05-20", EA),
            advice("S3", "05-30"),
            referral("S4", "04-01", CD),
            prfi("S4", "04-05"),
            referral("S4", "04-20", CD),
        ],
        {
            "S1": {
                "status": S.DECIDED,
                "referrals": [(CD, d("03-10"), d("04-07"), d("03-25")), (CD, d("04-15"), d("05-13"), d("05-10"))],
                "prfis": [(file_of(CD, "03-10"), d("03-25"), d("04-15"), file_of(CD, "04-15"))],
                "decisions": [(file_of(CD, "04-15"), "full_code", "nfa_evidential", d("05-10"), None, None)],
            },
            "S2": {
                "status": S.CHARGED,
                "referrals": [(EA, d("03-05"), d("03-26"), d("03-20")), (CD, d("04-02"), d("04-30"), d("04-30"))],
                "prfis": [(file_of(EA, "03-05"), d("03-20"), d("04-02"), file_of(CD, "04-02"))],
                "decisions": [(file_of(CD, "04-02"), "threshold", "charge", d("04-30"), d("05-28"), None)],
            },
            "S3": {
                "status": S.EARLY_ADVICE_GIVEN,
                "referrals": [(EA, d("04-01"), d("04-22"), d("04-10")), (EA, d("05-20"), d("06-10"), d("05-30"))],
                "plans": [("P1", file_of(EA, "04-01"), d("04-12"), "prfi", d("05-01"), "Closed as PRFI")],
                "prfis": [(file_of(EA, "04-01"), d("05-01"), d("05-20"), file_of(EA, "05-20"))],
            },
            "S4": {
                "status": S.REFERRED,
                "referrals": [(CD, d("04-01"), d("04-01"), d("04-05")), (CD, d("04-20"), d("04-20"), None)],
                "prfis": [(file_of(CD, "04-01"), d("04-05"), d("04-20"), file_of(CD, "04-20"))],
            },
        },
    ),
    Sequence(
        "early advice asked again, and a charging referral after it",
        [
            CASE,
            suspect("S1"),
            suspect("S2"),
            suspect("S3"),
            referral("S1", "04-01", EA),
            advice("S1", "04-10"),
            referral("S1", "05-01", EA),
            plan("S1", "05-05", "P1"),
            answered("P1", "05-20"),
            advice("S1", "05-25"),
            referral("S1", "06-01", CD),
            decision("S1", "06-20", "charge", "threshold"),
            referral("S2", "04-01", EA),
            advice("S2", "04-15"),
            referral("S2", "04-20", CD),
            decision("S2", "05-30", "other"),
            referral("S3", "04-01", EA),
            advice("S3", "04-08"),
            plan("S3", "04-09", "P2"),
            answered("P2", "04-20"),
            referral("S3", "04-25", CD),
        ],
        {
            "S1": {
                "status": S.CHARGED,
                "referrals": [
                    (EA, d("04-01"), d("04-22"), d("04-10")),
                    (EA, d("05-01"), d("05-22"), d("05-25")),
                    (CD, d("06-01"), d("06-29"), d("06-20")),
                ],
                "plans": [("P1", file_of(EA, "05-01"), d("05-05"), "answered", d("05-20"), "")],
                "decisions": [(file_of(CD, "06-01"), "threshold", "charge", d("06-20"), d("07-18"), None)],
            },
            "S2": {
                "status": S.DECIDED,
                "referrals": [(EA, d("04-01"), d("04-22"), d("04-15")), (CD, d("04-20"), d("05-18"), d("05-30"))],
                "decisions": [(file_of(CD, "04-20"), "full_code", "other", d("05-30"), None, None)],
            },
            "S3": {
                "status": S.REFERRED,
                "referrals": [(EA, d("04-01"), d("04-22"), d("04-08")), (CD, d("04-25"), d("05-23"), None)],
                "plans": [("P2", file_of(EA, "04-01"), d("04-09"), "answered", d("04-20"), "")],
            },
        },
    ),
    Sequence(
        "police NFA",
        [
            CASE,
            suspect("S1"),
            suspect("S2"),
            suspect("S3"),
            nfa("S1", "04-01", outcome_code="16"),
            referral("S2", "04-01", EA),
            advice("S2", "04-10"),
            nfa("S2", "04-20"),
            referral("S3", "04-01", EA),
            advice("S3", "04-05"),
            plan("S3", "04-06", "P1"),
            nfa("S3", "05-01"),
        ],
        {
            "S1": {"status": S.POLICE_NFA, "police_nfas": [(d("04-01"), "16")], "referrals": []},
            "S2": {"status": S.POLICE_NFA, "police_nfas": [(d("04-20"), "")]},
            "S3": {
                "status": S.POLICE_NFA,
                "police_nfas": [(d("05-01"), "")],
                "plans": [
                    ("P1", file_of(EA, "04-01"), d("04-06"), "withdrawn", d("05-01"), "Closed by the police NFA")
                ],
            },
        },
    ),
    Sequence(
        "decisions",
        [
            CASE,
            *(suspect(f"S{n}") for n in range(1, 7)),
            *(referral(f"S{n}", "04-01", CD) for n in range(1, 7)),
            decision("S1", "04-10", "charge", "full_code"),
            decision("S2", "04-20", "nfa_evidential"),
            decision("S3", "04-20", "nfa_public_interest"),
            decision("S4", "04-20", "out_of_court_disposal"),
            decision("S5", "04-20", "other"),
            plan("S6", "04-05", "P1"),
            decision("S6", "04-30", "nfa_evidential"),
        ],
        {
            "S1": {
                "status": S.CHARGED,
                "decisions": [(file_of(CD, "04-01"), "full_code", "charge", d("04-10"), None, None)],
            },
            **{
                f"S{n}": {
                    "status": S.DECIDED,
                    "decisions": [(file_of(CD, "04-01"), "full_code", result, d("04-20"), None, None)],
                }
                for n, result in (
                    (2, "nfa_evidential"),
                    (3, "nfa_public_interest"),
                    (4, "out_of_court_disposal"),
                    (5, "other"),
                )
            },
            "S6": {
                "status": S.DECIDED,
                "plans": [
                    (
                        "P1",
                        file_of(CD, "04-01"),
                        d("04-05"),
                        "withdrawn",
                        d("04-30"),
                        "Closed by the charging decision",
                    )
                ],
            },
        },
    ),
    Sequence(
        "court, to the sentence",
        [
            CASE,
            suspect("S1", in_custody=True),
            *(suspect(f"S{n}") for n in range(2, 7)),
            *(referral(f"S{n}", "04-01", CD) for n in range(1, 7)),
            decision("S1", "04-20", "charge", "threshold"),
            *(decision(f"S{n}", "04-20", "charge", "full_code") for n in range(2, 7)),
            hearing("S1", "04-22", "magistrates", "first", court_name="Leeds Magistrates' Court"),
            hearing("S1", "05-10", "crown", "ptph", court_name="Leeds Crown Court"),
            plea("S1", "05-10", "not_guilty"),
            hearing("S1", "06-01", "crown", "mention"),
            decision("S1", "06-05", "charge", "full_code"),
            hearing("S1", "09-02", "crown", "trial"),
            hearing("S1", "09-03", "crown", "trial"),
            outcome("S1", "09-04", "convicted_after_trial"),
            hearing("S1", "10-01", "crown", "sentence"),
            hearing("S2", "05-10", "crown", "ptph"),
            plea("S2", "05-10", "guilty"),
            outcome("S2", "05-10", "guilty_plea"),
            hearing("S3", "04-25", "magistrates", "first"),
            hearing("S3", "05-20", "crown", "mention"),
            outcome("S3", "06-01", "discontinued"),
            hearing("S4", "04-25", "magistrates", "first"),
            hearing("S4", "05-23", "crown", "ptph"),
            hearing("S4", "07-01", "crown", "trial"),
            outcome("S4", "07-05", "acquitted"),
            hearing("S5", "04-25", "magistrates", "first"),
            hearing("S5", "05-23", "crown", "ptph"),
            outcome("S5", "06-10", "left_on_file"),
            hearing("S6", "04-25", "magistrates", "first"),
            hearing("S6", "06-03", "crown", "trial"),
            outcome("S6", "06-03", "no_evidence_offered"),
        ],
        {
            "S1": {
                "status": S.SENTENCED,
                "decisions": [(file_of(CD, "04-01"), "threshold", "charge", d("04-20"), d("05-09"), d("06-05"))],
                "hearings": [
                    (1, "magistrates", "first", "Leeds Magistrates' Court", d("04-22"), None),
                    (2, "crown", "ptph", "Leeds Crown Court", d("05-10"), "not_guilty"),
                    (3, "crown", "mention", "", d("06-01"), None),
                    (4, "crown", "trial", "", d("09-02"), None),
                    (5, "crown", "trial", "", d("09-03"), None),
                    (6, "crown", "sentence", "", d("10-01"), None),
                ],
                "prosecution": (
                    d("04-22"),
                    True,
                    d("10-21"),
                    "convicted_after_trial",
                    None,
                    d("09-04"),
                    NOT_RECORDED,
                    d("10-01"),
                ),
            },
            "S2": {
                "status": S.CONVICTED,
                "hearings": [(1, "crown", "ptph", "", d("05-10"), "guilty")],
                "prosecution": (d("05-10"), False, None, "guilty_plea", 1, d("05-10"), "", None),
            },
            "S3": {
                "status": S.DISCONTINUED,
                "prosecution": (d("04-25"), False, None, "discontinued", 2, d("06-01"), "", None),
            },
            "S4": {
                "status": S.ACQUITTED,
                "prosecution": (d("04-25"), False, None, "acquitted", None, d("07-05"), "", None),
            },
            "S5": {"status": S.LEFT_ON_FILE},
            "S6": {
                "status": S.DISCONTINUED,
                "prosecution": (d("04-25"), False, None, "no_evidence_offered", 2, d("06-03"), "", None),
            },
        },
    ),
    Sequence("the scorecard measures' history", [x for x in history() if b'"urn"' in x]),
]


# Orders of a file's lines


def _date_of(raw: bytes) -> str:
    """The date that orders the line (as ``Event.on`` reads it); "" for the undated (the case's people)."""
    data = json.loads(raw)
    return next((data[name] for name in ("date", "set_on", "decision_on", "sent_on") if data.get(name)), "")


def shuffled(lines: list[bytes], seed: int = SEED) -> list[bytes]:
    """The lines in a random order (fixed by the seed) in which lines of the same date keep their order in the file."""
    slots = [_date_of(x) for x in lines]
    random.Random(seed).shuffle(slots)  # noqa: S311 - a test's fixed order, not a secret
    same_day: dict[str, deque[bytes]] = defaultdict(deque)
    for raw in lines:
        same_day[_date_of(raw)].append(raw)
    return [same_day[slot].popleft() for slot in slots]


def dates_reversed(lines: list[bytes]) -> list[bytes]:
    """The latest date first, down to the earliest; lines of the same date in their order in the file."""
    return sorted(lines, key=_date_of, reverse=True)  # a stable sort, reversed or not


ORDERS: dict[str, Callable[[list[bytes]], list[bytes]]] = {
    "journey order": list,
    "shuffled": shuffled,
    "dates reversed": dates_reversed,
}


def under_urn(lines: list[bytes], n: int) -> list[bytes]:
    """The same lines with each URN's first serial digit made ``n``, so that one file can be imported three times."""

    def renamed(raw: bytes) -> bytes:
        data = json.loads(raw)
        if "urn" in data:
            data["urn"] = data["urn"][:4] + str(n) + data["urn"][5:]
        return json.dumps(data).encode()

    return [renamed(raw) for raw in lines]


# The records, as a canonical dump: no primary keys, every row by what it is


def _file(referral: Referral | None) -> tuple[str, date] | None:
    return None if referral is None else (referral.kind, referral.received_on)


def suspect_dump(suspect: Suspect) -> dict[str, Any]:
    hearings = list(Hearing.objects.filter(suspect=suspect).order_by("held_on", "id"))
    numbered = {h.pk: n for n, h in enumerate(hearings, start=1)}  # INTERCHANGE.md: 1, 2, 3 … in date order
    prosecution = Prosecution.objects.filter(suspect=suspect).first()
    plans = ActionPlan.objects.filter(suspect=suspect).select_related("referral").order_by("label")
    return {
        "status": suspect.status,
        "in_custody": suspect.in_custody,
        "referrals": [
            (r.kind, r.received_on, r.due_on, r.closed_on) for r in suspect.referrals.order_by("received_on", "id")
        ],
        "referral_details": list(
            suspect.referrals.order_by("received_on", "id").values_list("priority", "questions", "advice", "triage")
        ),
        "plans": [(p.label, _file(p.referral), p.set_on, p.status, p.closed_on, p.closing_reason) for p in plans],
        "actions": [list(p.actions.order_by("number").values_list("number", "status", "answered_on")) for p in plans],
        "prfis": [
            (_file(p.referral), p.prfi_on, p.reopened_on, _file(p.reopened_as))
            for p in Prfi.objects.filter(referral__suspect=suspect).select_related("referral", "reopened_as")
        ],
        "decisions": [
            (_file(x.referral), x.test, x.outcome, x.decided_on, x.full_code_review_due_on, x.full_code_reviewed_on)
            for x in ChargingDecision.objects.filter(referral__suspect=suspect).select_related("referral")
        ],
        "charged": sorted(
            ChargingDecision.charged_offences.through.objects.filter(
                chargingdecision__referral__suspect=suspect
            ).values_list("offence__code", flat=True)
        ),
        "police_nfas": list(
            PoliceNfa.objects.filter(suspect=suspect).order_by("nfa_on").values_list("nfa_on", "outcome_code")
        ),
        "hearings": [
            (numbered[h.pk], h.court, h.kind, h.court_name, h.held_on, getattr(getattr(h, "plea", None), "plea", None))
            for h in hearings
        ],
        "prosecution": None
        if prosecution is None
        else (
            prosecution.sent_on,
            prosecution.remanded_in_custody,
            prosecution.custody_time_limit_on,
            prosecution.result,
            numbered.get(prosecution.result_hearing_id or 0),
            prosecution.completed_on,
            prosecution.sentence,
            prosecution.sentenced_on,
        ),
        "prosecution_dates": None
        if prosecution is None
        else (prosecution.ptph_due_on, prosecution.prosecution_case_due_on, prosecution.defence_response_due_on),
    }


def case_dump(urn: str) -> dict[str, Any]:
    case = Case.objects.get(urn=urn)
    return {
        "case": (case.reported_on, case.police_force.name, case.cps_area.name),
        "offences": sorted(case.offences.values_list("code", flat=True)),
        "flags": sorted(case.flags.values_list("code", flat=True)),
        "suspects": {s.label: suspect_dump(s) for s in case.suspects.order_by("label")},
        "complainants": list(
            Complainant.objects.filter(case=case)
            .order_by("label")
            .values_list("label", "enhanced_rights", "withdrew_support_on", "withdrawal_stage")
        ),
        "letters": sorted(
            Communication.objects.filter(complainant__case=case).values_list(
                "complainant__label", "kind", "decision_on", "due_on", "sent_on"
            )
        ),
        "directions": sorted(
            JudgeDirection.objects.filter(case=case).values_list("direction", "set_on", "due_on", "complied_on")
        ),
        "timeline": sorted(TimelineEvent.objects.filter(case=case).values_list("verb", flat=True)),
    }


def urns_of(lines: list[bytes]) -> list[str]:
    return list(dict.fromkeys(json.loads(raw)["urn"] for raw in lines))


@pytest.mark.parametrize("sequence", VALID, ids=[s.id for s in VALID])
def test_each_valid_sequence_imports_and_any_order_of_its_lines_gives_the_same_records(sequence: Sequence) -> None:
    dumps = {}
    for n, (order, arrange) in enumerate(ORDERS.items(), start=1):
        lines = arrange(under_urn(sequence.lines, n))
        if order != "journey order":
            assert lines != under_urn(sequence.lines, n)  # the order did change
        import_lines(lines)
        # Each case's dump, under the URN of the journey-order import.
        dumps[order] = {urn[:4] + "0" + urn[5:]: case_dump(urn) for urn in urns_of(lines)}
    assert dumps["shuffled"] == dumps["journey order"]
    assert dumps["dates reversed"] == dumps["journey order"]

    records = dumps["journey order"].get(U)
    for label, expected in sequence.expected.items():
        assert records is not None
        actual = records["suspects"][label]
        assert {key: actual[key] for key in expected} == expected, label


# After charge, and where a prosecution ends (a conviction goes on to its sentence), written out here.
POST_CHARGE = {S.CHARGED, S.AWAITING_PTPH, S.AWAITING_TRIAL, S.AT_TRIAL, S.CONVICTED, S.ACQUITTED, S.DISCONTINUED,
               S.LEFT_ON_FILE, S.SENTENCED}  # fmt: skip
FINAL = {S.ACQUITTED, S.DISCONTINUED, S.LEFT_ON_FILE, S.SENTENCED}


@pytest.mark.parametrize("sequence", VALID, ids=[s.id for s in VALID])
def test_the_imported_status_is_where_the_tables_put_the_records(sequence: Sequence) -> None:
    """The import is not a second state machine: a suspect it left before charge rests where the tables say a file
    with these records rests (what a page reads), and one after charge has the prosecution its status needs."""
    import_lines(sequence.lines)
    for suspect in Suspect.objects.all():
        facts = facts_of(suspect)
        if suspect.status in POST_CHARGE:
            assert (facts.open_referral, facts.open_plans) == (None, 0)
            has_prosecution = Prosecution.objects.filter(suspect=suspect).exists()
            assert has_prosecution == (suspect.status != S.CHARGED), suspect
            if suspect.status in FINAL:
                assert Prosecution.objects.get(suspect=suspect).result
        elif suspect.status not in (S.DECIDED, S.POLICE_NFA):
            assert suspect.status == resting_status(facts), suspect
        else:
            assert (facts.open_referral, facts.open_plans) == (None, 0)


def test_a_threshold_charge_sent_that_day_is_reviewed_before_the_ptph_sending_makes_due() -> None:
    """Charged under the Threshold Test on 20 April and sent at a first hearing the same day: the PTPH falls due 28
    days after sending (18 May), so the Full Code review is due the day before, 17 May, not 28 days after the charge
    (18 May). No PTPH is in the file, as the pages set it on sending."""
    import_lines([CASE, suspect("S1"), referral("S1", "04-01", CD), decision("S1", "04-20", "charge", "threshold"),
                  hearing("S1", "04-20", "magistrates", "first")])  # fmt: skip
    assert ChargingDecision.objects.get().full_code_review_due_on == d("05-17")


# Refused sequences: each has one line a case's journey cannot contain, refused with its number and reason.


@dataclass(frozen=True)
class Refused:
    id: str
    lines: list[bytes]
    bad: int  # the index of the bad line in ``lines``
    reason: str  # the reason, or how it begins (ending in "…")


def _future() -> str:
    return (timezone.localdate() + timedelta(days=1)).isoformat()


def _refused() -> list[Refused]:
    referred = [CASE, suspect("S1"), referral("S1", "04-01", CD)]
    charged = [*referred, decision("S1", "04-10", "charge", "full_code")]
    return [
        Refused(
            "a plan with no referral and no advice",
            [CASE, suspect("S1"), plan("S1", "04-01", "P1")],
            2,
            "S1: You cannot set an action plan: an action plan answers an open referral or follows early advice "
            "already given. From here you can: …",
        ),
        Refused(
            "a PRFI with no file",
            [CASE, suspect("S1"), prfi("S1", "04-01")],
            2,
            "S1: You cannot close as PRFI while the suspect is “With police”. From here you can: …",
        ),
        Refused(
            "a decision on an early advice request",
            [CASE, suspect("S1"), referral("S1", "04-01", EA), decision("S1", "04-10", "nfa_evidential")],
            3,
            "S1: You cannot record the charging decision: the suspect has no open charging decision referral. …",
        ),
        Refused(
            "a decision for a suspect already decided",
            [*referred, decision("S1", "04-10", "nfa_evidential"), decision("S1", "04-20", "charge", "full_code")],
            4,
            "S1: You cannot record a decision to charge while the suspect is “Decided: not charged”. …",
        ),
        Refused(
            "advice given on a charging referral",
            [*referred, advice("S1", "04-10")],
            3,
            "S1: You cannot give early advice: the suspect has no open early advice referral. …",
        ),
        Refused(
            "a referral while one is open",
            [*referred, referral("S1", "04-10", EA)],
            3,
            "S1: You cannot request early advice while the suspect is “Referred for a charging decision”. …",
        ),
        Refused(
            "a referral while one is open, with a plan",
            [*referred, plan("S1", "04-05", "P1"), referral("S1", "04-10", EA)],
            4,
            "S1: You cannot request early advice: the suspect's charging decision referral is still open. …",
        ),
        Refused(
            "a police NFA while a referral is open, with a plan",
            [*referred, plan("S1", "04-05", "P1"), nfa("S1", "04-10")],
            4,
            "S1: You cannot record police NFA: the suspect's charging decision referral is still open. …",
        ),
        Refused(
            "a plan after the decision",
            [*referred, decision("S1", "04-10", "other"), plan("S1", "04-20", "P1")],
            4,
            "S1: You cannot set an action plan while the suspect is “Decided: not charged”. …",
        ),
        Refused(
            "a referral after a police NFA",
            [CASE, suspect("S1"), nfa("S1", "04-01"), referral("S1", "04-10", CD)],
            3,
            "S1: You cannot refer for a charging decision while the suspect is “No further action by police”. …",
        ),
        Refused(
            "a hearing before charge",
            [*referred, hearing("S1", "04-10", "magistrates", "first")],
            3,
            "S1: You cannot record sending to the Crown Court while the suspect is “Referred for a charging "
            "decision”. …",
        ),
        Refused(
            "an outcome with no hearing",
            [*charged, outcome("S1", "05-01", "acquitted")],
            4,
            "S1: You cannot record an acquittal while the suspect is “Charged”. …",
        ),
        Refused(
            "a second outcome",
            [
                *charged,
                hearing("S1", "04-12", "magistrates", "first"),
                outcome("S1", "05-01", "guilty_plea"),
                outcome("S1", "05-02", "acquitted"),
            ],
            6,
            "S1: You cannot record an acquittal while the suspect is “Convicted: awaiting sentence”. …",
        ),
        Refused(
            "a sentence before a conviction",
            [*charged, hearing("S1", "04-12", "magistrates", "first"), hearing("S1", "05-01", "crown", "sentence")],
            5,
            "S1: You cannot record the sentence while the suspect is “Sent to the Crown Court: awaiting PTPH”. …",
        ),
        Refused(
            "a plan answered twice",
            [*referred, plan("S1", "04-05", "P1"), answered("P1", "04-10"), answered("P1", "04-12")],
            5,
            "P1 is answered: it can no longer change.",
        ),
        Refused(
            "a plan answered after the PRFI that closed it",
            [*referred, plan("S1", "04-05", "P1"), prfi("S1", "04-10"), answered("P1", "04-12")],
            5,
            "P1 is closed as PRFI: it can no longer change.",
        ),
        Refused(
            "a plan label used twice in a case",
            [
                *referred,
                suspect("S2"),
                referral("S2", "04-01", CD),
                plan("S1", "04-05", "P1"),
                plan("S2", "04-06", "P1"),
            ],
            6,
            f"P1 was set on {U} already",
        ),
        Refused(
            "an unknown plan answered",
            [*referred, answered("P9", "04-10")],
            3,
            "no action_plan_set for P9 on this case",
        ),
        Refused(
            "a suspect never added", [CASE, referral("S9", "04-01", CD)], 1, "no suspect_added for S9 on this case"
        ),
        Refused(
            "a date before the case was reported",
            [CASE, suspect("S1"), referral("S1", "02-01", CD)],
            2,
            "referral_received on 2024-02-01 is before the case was reported",
        ),
        Refused(
            "a date in the future",
            [*referred, line("decision", urn=U, suspect="S1", date=_future(), outcome="other")],
            3,
            f"the date {_future()} is in the future",
        ),
        Refused(
            "a police NFA's outcome that is not a Home Office outcome",
            [CASE, suspect("S1"), nfa("S1", "04-01", outcome_code="99")],
            2,
            "police_nfa: “outcome_code” must be a Home Office outcome: one of 10, 12, 13, 14, 15, 16, 18, 20, 21",
        ),
        Refused(
            "a court name longer than the service keeps",
            [*charged, hearing("S1", "04-12", "magistrates", "first", court_name="x" * 101)],
            4,
            "hearing: “court_name” is longer than 100 characters",
        ),
    ]


REFUSED = _refused()


@pytest.mark.parametrize("refused", REFUSED, ids=[r.id for r in REFUSED])
def test_each_refused_sequence_names_its_line_and_reason_in_any_order_and_writes_nothing(refused: Refused) -> None:
    for arrange in ORDERS.values():
        lines = arrange(refused.lines)
        with pytest.raises(Rejected) as rejected:
            import_lines(lines)
        errors = [(lines[error.line - 1], error.reason) for error in rejected.value.errors]
        assert len(errors) == 1, errors
        bad_line, reason = errors[0]
        assert bad_line == refused.lines[refused.bad]
        if refused.reason.endswith("…"):  # the tables' reason, then the moves they allow
            assert reason.startswith(refused.reason.rstrip("…")), reason
        else:
            assert reason == refused.reason
        written = [
            Case.objects.count(),
            Suspect.objects.count(),
            Referral.objects.count(),
            ActionPlan.objects.count(),
            Prfi.objects.count(),
            ChargingDecision.objects.count(),
            PoliceNfa.objects.count(),
            Hearing.objects.count(),
            Prosecution.objects.count(),
        ]
        assert written == [0] * len(written)


def test_a_file_of_every_valid_sequence_and_one_bad_line_writes_nothing() -> None:
    """All or nothing: every valid sequence (each under its own URN) with one refused line among them."""
    lines = [raw for n, sequence in enumerate(VALID[:-1], start=1) for raw in under_urn(sequence.lines, n)]
    bad = under_urn([plan("S1", "12-01", "P99")], 1)[0]  # S1 of the first sequence was charged in June
    lines = shuffled([*lines, bad])
    with pytest.raises(Rejected) as rejected:
        import_lines(lines)
    assert [lines[error.line - 1] for error in rejected.value.errors] == [bad]
    assert (Case.objects.count(), Referral.objects.count(), ActionPlan.objects.count()) == (0, 0, 0)
