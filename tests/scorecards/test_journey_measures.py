"""Every measure of INTERCHANGE.md's version 1 on journeys that use the sequences "Which sequences are valid" spells
out (plans after early advice, several open at once; PRFI of the file waiting on the police; a referral after PRFI;
early advice asked again), imported in journey order, shuffled and with dates reversed. The expected figures are
worked out here by hand from the lines.

All in 2024 unless said; Q4 of 2023-24 is 1 January to 31 March, Q1 of 2024-25 1 April to 30 June, Q2 1 July to
30 September.

Case M1 (West Yorkshire Police, Yorkshire and Humberside).
S1: early advice asked 20 Mar (Q4), given 5 Apr (16 days); P1 8 Apr and P2 10 Apr follow the advice with no referral
open (both open at once), answered 30 Apr and 2 May; P3 6 May; PRFI 20 May closes the early advice file (the most
recent referral; none is open) and P3 with it; the police respond with a referral for charge 3 Jun: a new referral,
received that day; P4 10 Jun to 20 Jun on it; charged (Full Code) 28 Jun. First hearing (magistrates) 1 Jul; PTPH at
the Crown Court 29 Jul, guilty plea, outcome the same day; sentenced 30 Aug.
S2: early advice asked 2 Apr, given 30 Apr (28 days: late); R1 1 May to 5 May after it; advice asked again 7 May, R2
9 May to 15 May on it, given 20 May (13 days); R3 21 May to 24 May; referred for charge 27 May; NFA (public interest)
25 Jun.

Case M2 (West Yorkshire Police).
S1: referred for charge 4 Mar (Q4); P1 15 Mar (Q4); PRFI 10 Apr closes the open charging referral; referred again
13 May (a new referral, in Q1); charged under the Threshold Test 14 Jun, its Full Code review 8 Jul (not a second
decision). Magistrates 17 Jun, PTPH 15 Jul (not guilty), mention 1 Aug, trial 9 Sep; discontinued 10 Sep, at the
fourth hearing.
S2: early advice asked 1 Apr; Q1 3 Apr to 12 Apr on it; given 15 Apr (14 days); Q2 20 Apr to 1 May after it;
referred 6 May; out-of-court disposal 31 May.

Case M3 (Northumbria Police, North East).
S1: early advice asked 3 Apr, given 22 Apr (19 days); X1, X2, X3 set 23, 24 and 25 Apr, all open at once, answered
15 May; police NFA 3 Jun (outcome 15): neither a decision nor a PRFI.
S2: referred 8 Apr, charged (Full Code) 30 Apr; magistrates 2 May, PTPH 30 May (not guilty), trial 12 Aug, acquitted
16 Aug.
S3: early advice asked 10 Apr, given 24 Apr (14 days); Z1 25 Apr; PRFI 10 Jun closes the early advice file: the
advice given stays an answer.
S4: early advice asked 5 Apr; PRFI 6 May, before any advice: not an answer (it would be a late one, 31 days); asked
again 13 May, given 22 May (9 days).
"""

from __future__ import annotations

from typing import Any

import pytest

from cases.models import ChargingDecision, Suspect
from cases.transitions import SuspectStatus
from scorecards import compute, measures
from scorecards.compute import NATIONAL
from scorecards.journey_import import import_lines
from scorecards.periods import parse_period
from tests.journeys import line, reported
from tests.scorecards.test_journey_sequences import ORDERS

M1, M2, M3 = "13AA0000301", "13AA0000302", "10AA0000303"
EA, CD = "early_advice", "charging_decision"


class Lines:
    """The lines of one case, written short."""

    def __init__(self, urn: str) -> None:
        self.urn = urn

    def _at(self, event: str, day: str, **fields: Any) -> bytes:
        return line(event, urn=self.urn, date=f"2024-{day}", **fields)

    def suspect(self, label: str) -> bytes:
        return line("suspect_added", urn=self.urn, suspect=label)

    def referral(self, label: str, day: str, kind: str) -> bytes:
        return self._at("referral_received", day, suspect=label, kind=kind)

    def advice(self, label: str, day: str) -> bytes:
        return self._at("early_advice_given", day, suspect=label)

    def plan(self, label: str, day: str, name: str) -> bytes:
        return self._at("action_plan_set", day, suspect=label, plan=name, actions=2)

    def answered(self, name: str, day: str) -> bytes:
        return self._at("action_plan_answered", day, plan=name)

    def prfi(self, label: str, day: str) -> bytes:
        return self._at("prfi", day, suspect=label)

    def decision(self, label: str, day: str, outcome: str, test: str | None = None) -> bytes:
        return self._at("decision", day, suspect=label, outcome=outcome, **({"test": test} if test else {}))

    def nfa(self, label: str, day: str, code: str) -> bytes:
        return self._at("police_nfa", day, suspect=label, outcome_code=code)

    def hearing(self, label: str, day: str, court: str, kind: str) -> bytes:
        return self._at("hearing", day, suspect=label, court=court, kind=kind)

    def plea(self, label: str, day: str, plea: str) -> bytes:
        return self._at("plea", day, suspect=label, plea=plea)

    def outcome(self, label: str, day: str, result: str) -> bytes:
        return self._at("outcome", day, suspect=label, result=result)


def history() -> list[bytes]:
    a, b, c = Lines(M1), Lines(M2), Lines(M3)
    return [
        reported(M1, "2024-01-15"), a.suspect("S1"), a.suspect("S2"),
        a.referral("S1", "03-20", EA), a.advice("S1", "04-05"), a.plan("S1", "04-08", "P1"),
        a.plan("S1", "04-10", "P2"), a.answered("P1", "04-30"), a.answered("P2", "05-02"),
        a.plan("S1", "05-06", "P3"), a.prfi("S1", "05-20"), a.referral("S1", "06-03", CD),
        a.plan("S1", "06-10", "P4"), a.answered("P4", "06-20"), a.decision("S1", "06-28", "charge", "full_code"),
        a.hearing("S1", "07-01", "magistrates", "first"), a.hearing("S1", "07-29", "crown", "ptph"),
        a.plea("S1", "07-29", "guilty"), a.outcome("S1", "07-29", "guilty_plea"),
        a.hearing("S1", "08-30", "crown", "sentence"),
        a.referral("S2", "04-02", EA), a.advice("S2", "04-30"), a.plan("S2", "05-01", "R1"),
        a.answered("R1", "05-05"), a.referral("S2", "05-07", EA), a.plan("S2", "05-09", "R2"),
        a.answered("R2", "05-15"), a.advice("S2", "05-20"), a.plan("S2", "05-21", "R3"),
        a.answered("R3", "05-24"), a.referral("S2", "05-27", CD),
        a.decision("S2", "06-25", "nfa_public_interest"),
        reported(M2, "2024-02-01"), b.suspect("S1"), b.suspect("S2"),
        b.referral("S1", "03-04", CD), b.plan("S1", "03-15", "P1"), b.prfi("S1", "04-10"),
        b.referral("S1", "05-13", CD), b.decision("S1", "06-14", "charge", "threshold"),
        b.decision("S1", "07-08", "charge", "full_code"),
        b.hearing("S1", "06-17", "magistrates", "first"), b.hearing("S1", "07-15", "crown", "ptph"),
        b.plea("S1", "07-15", "not_guilty"), b.hearing("S1", "08-01", "crown", "mention"),
        b.hearing("S1", "09-09", "crown", "trial"), b.outcome("S1", "09-10", "discontinued"),
        b.referral("S2", "04-01", EA), b.plan("S2", "04-03", "Q1"), b.answered("Q1", "04-12"),
        b.advice("S2", "04-15"), b.plan("S2", "04-20", "Q2"), b.answered("Q2", "05-01"),
        b.referral("S2", "05-06", CD), b.decision("S2", "05-31", "out_of_court_disposal"),
        reported(M3, "2024-03-01", force="Northumbria Police", area="North East"),
        *(c.suspect(f"S{n}") for n in range(1, 5)),
        c.referral("S1", "04-03", EA), c.advice("S1", "04-22"), c.plan("S1", "04-23", "X1"),
        c.plan("S1", "04-24", "X2"), c.plan("S1", "04-25", "X3"), c.answered("X1", "05-15"),
        c.answered("X2", "05-15"), c.answered("X3", "05-15"), c.nfa("S1", "06-03", "15"),
        c.referral("S2", "04-08", CD), c.decision("S2", "04-30", "charge", "full_code"),
        c.hearing("S2", "05-02", "magistrates", "first"), c.hearing("S2", "05-30", "crown", "ptph"),
        c.plea("S2", "05-30", "not_guilty"), c.hearing("S2", "08-12", "crown", "trial"),
        c.outcome("S2", "08-16", "acquitted"),
        c.referral("S3", "04-10", EA), c.advice("S3", "04-24"), c.plan("S3", "04-25", "Z1"),
        c.prfi("S3", "06-10"),
        c.referral("S4", "04-05", EA), c.prfi("S4", "05-06"), c.referral("S4", "05-13", EA),
        c.advice("S4", "05-22"),
    ]  # fmt: skip


NO_COURT = {
    "completed_prosecutions": (0, None, 0),
    "conviction_rate": (0, 0, None),
    "guilty_plea_first_hearing": (0, 0, None),
    "dropped_third_or_subsequent_hearing": (0, 0, None),
    "median_days_charge_to_completion": (None, 0, None),
}
NOTHING_ELSE = {  # no directions, letters, withdrawals or survey responses in these journeys
    "judge_directions_on_time": (0, 0, None),
    "victim_letters_on_time": (0, 0, None),
    "complainant_withdrawals": (0, None, 0),
    "survey_listened_to_in_court": (0, 0, None),
}
# (numerator, denominator, value) in England and Wales, worked out by hand from the journeys above.
Q1 = {
    # M1.S2 (2 Apr, 7 May), M2.S2 (1 Apr), M3.S1 (3 Apr), M3.S3 (10 Apr), M3.S4 (5 Apr, and 13 May after the PRFI);
    # M1.S1's of 20 Mar is Q4.
    "referrals_early_advice": (5, None, 5),
    # M1.S1 3 Jun (the response to its PRFI), M1.S2 27 May, M2.S1 13 May (its response to PRFI: its first referral,
    # 4 Mar, is Q4), M2.S2 6 May, M3.S2 8 Apr.
    "referrals_charging_decision": (5, None, 5),
    "legal_decisions": (5, None, 5),  # M1.S1 28 Jun, M1.S2 25 Jun, M2.S1 14 Jun, M2.S2 31 May, M3.S2 30 Apr
    "charge_rate": (3, 5, 3 / 5),  # M1.S1, M2.S1, M3.S2
    # From the first referral of any kind. M1.S1 20 Mar to 28 Jun = 11 + 30 + 31 + 28 = 100; M2.S1 4 Mar (the
    # referral PRFI'd) to 14 Jun = 27 + 30 + 31 + 14 = 102; M3.S2 8 Apr to 30 Apr = 22. 224 over 3.
    "mean_days_to_charge": (224, 3, 224 / 3),
    "median_days_to_charge": (None, 3, 100.0),  # of 22, 100 and 102
    # Answers given in Q1: M1.S1 5 Apr (16 days), M1.S2 30 Apr (28: late) and 20 May (13), M2.S2 15 Apr (14), M3.S1
    # 22 Apr (19), M3.S3 24 Apr (14: answered, though its file was PRFI'd later), M3.S4 22 May (9). M3.S4's PRFI of
    # 6 May is not an answer.
    "early_advice_within_21_days": (6, 7, 6 / 7),
    "prfi_early_advice": (3, None, 3),  # M1.S1 20 May (the early advice file, none open), M3.S3 10 Jun, M3.S4 6 May
    "prfi_charging_decision": (1, None, 1),  # M2.S1 10 Apr
    # Referrals received up to the decision: M1.S1 2 (20 Mar, 3 Jun), M1.S2 3 (2 Apr, 7 May, 27 May), M2.S1 2 (4 Mar,
    # 13 May), M2.S2 2 (1 Apr, 6 May), M3.S2 1 (8 Apr). 10 over 5.
    "consultations_per_suspect": (10, 5, 2.0),
    # M1 P1 P2 P3 P4, R1 R2 R3; M2 Q1 Q2 (M2's P1 is 15 Mar, Q4); M3 X1 X2 X3, Z1.
    "action_plans_set": (13, None, 13),
    # Suspects with a decision or PRFI in Q1, and their plans set on or after their first early advice referral, up
    # to it: M1.S1 four by 28 Jun (P1 to P3 after the advice with no referral open, P4 on the charging referral);
    # M1.S2 three by 25 Jun (R1 after the first request's advice; only R2 and R3 follow the second request); M2.S2 two
    # (no); M3.S3 one, M3.S4 none; M2.S1 and M3.S2 never asked for early advice. M3.S1's three end in a police NFA,
    # neither a decision nor a PRFI.
    "suspects_over_two_plans_after_early_advice": (2, None, 2),
    **NO_COURT,
    **NOTHING_ELSE,
}
Q2 = {
    "referrals_early_advice": (0, None, 0),
    "referrals_charging_decision": (0, None, 0),
    "legal_decisions": (0, None, 0),  # M2.S1's Full Code review of 8 Jul is not a decision
    "charge_rate": (0, 0, None),
    "mean_days_to_charge": (None, 0, None),
    "median_days_to_charge": (None, 0, None),
    "early_advice_within_21_days": (0, 0, None),
    "prfi_early_advice": (0, None, 0),
    "prfi_charging_decision": (0, None, 0),
    "consultations_per_suspect": (None, 0, None),
    "action_plans_set": (0, None, 0),
    "suspects_over_two_plans_after_early_advice": (0, None, 0),
    "completed_prosecutions": (3, None, 3),  # M1.S1 29 Jul, M2.S1 10 Sep, M3.S2 16 Aug
    "conviction_rate": (1, 3, 1 / 3),  # M1.S1's guilty plea
    "guilty_plea_first_hearing": (1, 3, 1 / 3),  # M1.S1 at the PTPH, its first Crown Court hearing
    "dropped_third_or_subsequent_hearing": (1, 3, 1 / 3),  # M2.S1 discontinued at the fourth hearing
    # M1.S1 28 Jun to 29 Jul = 31; M2.S1 14 Jun to 10 Sep = 16 + 31 + 31 + 10 = 88; M3.S2 30 Apr to 16 Aug =
    # 31 + 30 + 31 + 16 = 108.
    "median_days_charge_to_completion": (None, 3, 88.0),
    **NOTHING_ELSE,
}
Q4 = {
    "referrals_early_advice": (1, None, 1),  # M1.S1 20 Mar
    "referrals_charging_decision": (1, None, 1),  # M2.S1 4 Mar (its referral of 13 May is counted in Q1)
    "action_plans_set": (1, None, 1),  # M2's P1, 15 Mar
    "legal_decisions": (0, None, 0),
    "prfi_charging_decision": (0, None, 0),  # M2.S1's PRFI is 10 Apr
}


@pytest.fixture(params=list(ORDERS))
def journeys(request: pytest.FixtureRequest, db: None) -> str:
    import_lines(ORDERS[request.param](history()))
    return str(request.param)


def test_every_contract_measure_has_its_figures_worked_out() -> None:
    assert set(Q1) == set(Q2) == set(measures.CONTRACT_IDS)


@pytest.mark.parametrize(("period", "expected"), [("2024-25 Q1", Q1), ("2024-25 Q2", Q2), ("2023-24 Q4", Q4)])
def test_each_measure_on_the_journeys_in_any_order(journeys: str, period: str, expected: dict[str, Any]) -> None:
    for measure_id, (numerator, denominator, value) in expected.items():
        figure = compute.figure(measures.BY_ID[measure_id], parse_period(period), NATIONAL)
        assert (figure.numerator, figure.denominator) == (numerator, denominator), measure_id
        assert figure.value == (None if value is None else pytest.approx(value)), measure_id


def test_the_journeys_end_where_the_tables_put_them(journeys: str) -> None:
    statuses = {(s.case.urn, s.label): s.status for s in Suspect.objects.select_related("case")}
    assert statuses == {
        (M1, "S1"): SuspectStatus.SENTENCED,
        (M1, "S2"): SuspectStatus.DECIDED,
        (M2, "S1"): SuspectStatus.DISCONTINUED,
        (M2, "S2"): SuspectStatus.DECIDED,
        (M3, "S1"): SuspectStatus.POLICE_NFA,
        (M3, "S2"): SuspectStatus.ACQUITTED,
        (M3, "S3"): SuspectStatus.PRFI,
        (M3, "S4"): SuspectStatus.EARLY_ADVICE_GIVEN,
    }
    # M2.S1's Threshold Test charge was reviewed on 8 Jul, before its PTPH of 15 Jul: due 28 days from 14 Jun.
    threshold = ChargingDecision.objects.get(referral__suspect__case__urn=M2, referral__suspect__label="S1")
    assert (str(threshold.full_code_review_due_on), str(threshold.full_code_reviewed_on)) == (
        "2024-07-12",
        "2024-07-08",
    )
