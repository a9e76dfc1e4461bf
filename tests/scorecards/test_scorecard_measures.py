"""Every measure on hand-built journeys whose expected values are worked out here by hand, read three ways: computed
from what the import wrote, on the scorecard page, and in the CSV download.

The journeys (all in 2024; Q1 of 2024-25 is 1 April to 30 June, Q2 1 July to 30 September):

Case A (West Yorkshire Police, Yorkshire and Humberside). Suspect S1: early advice requested 3 Apr; plan P1 set 8 Apr
and answered 20 Apr; advice given 24 Apr (21 days: on time, just). Referred for charge 1 May; P2 set 10 May, answered
1 Jun; P3 set 5 Jun, answered 20 Jun; charged under the Threshold Test 28 Jun; the Full Code review 20 Jul is not a
second decision. First hearing (magistrates) 1 Jul; first Crown Court hearing 29 Jul, guilty plea, outcome the same
day. Complainant C1 (enhanced rights) sent the point-of-charge letter (not a measured letter).

Case B (same force). S1: referred for charge 10 Apr, PRFI 1 May, the police respond 20 May (the same referral
reopened), NFA (evidential) on Sunday 30 Jun, the last day of Q1; C1 (enhanced) sent the NFA letter on Monday 1 Jul,
the first working day after: on time. S2: early advice requested 10 Jun, PRFI 25 Jun (not an answer).

Case C (Northumbria Police, North East). S1: referred 1 Feb, charged (Full Code) 1 Apr, the first day of Q1. S2:
referred 1 Mar, out-of-court disposal 31 Mar (Q4 of 2023-24). S1 in court: magistrates 5 Apr, Crown Court PTPH 3 May
(not guilty), adjourned to a mention 14 Jun, trial 2 Sep: discontinued, at the fourth hearing. Letters of Friday
23 Aug, before the August bank holiday (Monday 26 Aug): C1 (standard rights, 5 working days: due Monday 2 Sep) sent the
discontinuance letter on 2 Sep, on time; C2 (enhanced, 1 working day: due Tuesday 27 Aug) the charge-altered letter on
28 Aug, late. Directions set 3 May: due 31 May, complied 31 May (on time); due 14 Jun, complied 20 Jun (late); due
1 Jul (Q2), not complied. C1 withdrew support 15 May, after charge.

Case D (West Yorkshire Police). S1: referred 5 Jan, charged 1 Feb (Q4 of 2023-24); magistrates 2 Feb; Crown Court PTPH
1 Mar, not guilty; trial 5 Aug, where S1 pleads guilty: a guilty plea, but not at the first Crown Court hearing.

Survey, Q1: three responses for Yorkshire and Humberside (two agree) and one with no Area (agrees).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from accounts.models import User
from accounts.roles import Role
from scorecards import compute, measures
from scorecards.compute import NATIONAL, Place
from scorecards.dimensions import BY_ID
from scorecards.funnel import attrition_funnel
from scorecards.journey_import import import_lines
from scorecards.periods import parse_period
from tests.clients import signed_in
from tests.journeys import line, reported

A, B, C, D = "13AA0000001", "13AA0000002", "10AA0000003", "13AA0000004"


def history() -> list[bytes]:
    return [
        reported(A, "2024-03-01"),
        line("suspect_added", urn=A, suspect="S1", sex="male"),
        line("complainant_added", urn=A, complainant="C1"),
        line("referral_received", urn=A, suspect="S1", date="2024-04-03", kind="early_advice"),
        line("action_plan_set", urn=A, suspect="S1", date="2024-04-08", plan="P1", actions=3),
        line("action_plan_answered", urn=A, plan="P1", date="2024-04-20"),
        line("early_advice_given", urn=A, suspect="S1", date="2024-04-24"),
        line("referral_received", urn=A, suspect="S1", date="2024-05-01", kind="charging_decision"),
        line("action_plan_set", urn=A, suspect="S1", date="2024-05-10", plan="P2", actions=1),
        line("action_plan_answered", urn=A, plan="P2", date="2024-06-01"),
        line("action_plan_set", urn=A, suspect="S1", date="2024-06-05", plan="P3", actions=2),
        line("action_plan_answered", urn=A, plan="P3", date="2024-06-20"),
        line("decision", urn=A, suspect="S1", date="2024-06-28", outcome="charge", test="threshold"),
        line("decision", urn=A, suspect="S1", date="2024-07-20", outcome="charge", test="full_code"),
        line("victim_letter", urn=A, complainant="C1", kind="point_of_charge", decision_on="2024-06-28",
             sent_on="2024-06-28"),
        line("hearing", urn=A, suspect="S1", date="2024-07-01", court="magistrates", kind="first"),
        line("hearing", urn=A, suspect="S1", date="2024-07-29", court="crown", kind="ptph"),
        line("plea", urn=A, suspect="S1", date="2024-07-29", plea="guilty"),
        line("outcome", urn=A, suspect="S1", date="2024-07-29", result="guilty_plea"),
        reported(B, "2024-04-01"),
        line("suspect_added", urn=B, suspect="S1", sex="female"),
        line("suspect_added", urn=B, suspect="S2"),
        line("complainant_added", urn=B, complainant="C1", enhanced_rights=True),
        line("referral_received", urn=B, suspect="S1", date="2024-04-10", kind="charging_decision"),
        line("prfi", urn=B, suspect="S1", date="2024-05-01"),
        line("referral_received", urn=B, suspect="S1", date="2024-05-20", kind="charging_decision"),
        line("decision", urn=B, suspect="S1", date="2024-06-30", outcome="nfa_evidential"),
        line("victim_letter", urn=B, complainant="C1", kind="nfa", decision_on="2024-06-30", sent_on="2024-07-01"),
        line("referral_received", urn=B, suspect="S2", date="2024-06-10", kind="early_advice"),
        line("prfi", urn=B, suspect="S2", date="2024-06-25"),
        reported(C, "2024-01-10", force="Northumbria Police", area="North East"),
        line("suspect_added", urn=C, suspect="S1", sex="male"),
        line("suspect_added", urn=C, suspect="S2", sex="male"),
        line("complainant_added", urn=C, complainant="C1", enhanced_rights=False),
        line("complainant_added", urn=C, complainant="C2"),
        line("referral_received", urn=C, suspect="S1", date="2024-02-01", kind="charging_decision"),
        line("decision", urn=C, suspect="S1", date="2024-04-01", outcome="charge", test="full_code"),
        line("referral_received", urn=C, suspect="S2", date="2024-03-01", kind="charging_decision"),
        line("decision", urn=C, suspect="S2", date="2024-03-31", outcome="out_of_court_disposal"),
        line("hearing", urn=C, suspect="S1", date="2024-04-05", court="magistrates", kind="first"),
        line("hearing", urn=C, suspect="S1", date="2024-05-03", court="crown", kind="ptph"),
        line("plea", urn=C, suspect="S1", date="2024-05-03", plea="not_guilty"),
        line("hearing", urn=C, suspect="S1", date="2024-06-14", court="crown", kind="mention"),
        line("hearing", urn=C, suspect="S1", date="2024-09-02", court="crown", kind="trial"),
        line("outcome", urn=C, suspect="S1", date="2024-09-02", result="discontinued"),
        line("victim_letter", urn=C, complainant="C1", kind="discontinuance", decision_on="2024-08-23",
             sent_on="2024-09-02"),
        line("victim_letter", urn=C, complainant="C2", kind="charge_altered", decision_on="2024-08-23",
             sent_on="2024-08-28"),
        line("judge_direction", urn=C, direction="D1", set_on="2024-05-03", due_on="2024-05-31",
             complied_on="2024-05-31"),
        line("judge_direction", urn=C, direction="D2", set_on="2024-05-03", due_on="2024-06-14",
             complied_on="2024-06-20"),
        line("judge_direction", urn=C, direction="D3", set_on="2024-05-03", due_on="2024-07-01", complied_on=None),
        line("complainant_withdrew", urn=C, complainant="C1", date="2024-05-15", stage="post_charge"),
        reported(D, "2024-01-02"),
        line("suspect_added", urn=D, suspect="S1"),
        line("referral_received", urn=D, suspect="S1", date="2024-01-05", kind="charging_decision"),
        line("decision", urn=D, suspect="S1", date="2024-02-01", outcome="charge", test="full_code"),
        line("hearing", urn=D, suspect="S1", date="2024-02-02", court="magistrates", kind="first"),
        line("hearing", urn=D, suspect="S1", date="2024-03-01", court="crown", kind="ptph"),
        line("plea", urn=D, suspect="S1", date="2024-03-01", plea="not_guilty"),
        line("hearing", urn=D, suspect="S1", date="2024-08-05", court="crown", kind="trial"),
        line("plea", urn=D, suspect="S1", date="2024-08-05", plea="guilty"),
        line("outcome", urn=D, suspect="S1", date="2024-08-05", result="guilty_plea"),
        line("survey_response", date="2024-04-15", question="listened_to_in_court", agree=True,
             cps_area="Yorkshire and Humberside"),
        line("survey_response", date="2024-05-15", question="listened_to_in_court", agree=True,
             cps_area="Yorkshire and Humberside"),
        line("survey_response", date="2024-06-15", question="listened_to_in_court", agree=False,
             cps_area="Yorkshire and Humberside"),
        line("survey_response", date="2024-06-30", question="listened_to_in_court", agree=True),
    ]  # fmt: skip


# (numerator, denominator, value) in England and Wales, worked out by hand from the journeys above.
Q1 = {
    "referrals_early_advice": (2, None, 2),  # A.S1 3 Apr, B.S2 10 Jun
    "referrals_charging_decision": (2, None, 2),  # A.S1 1 May, B.S1 10 Apr and again 20 May after its PRFI
    "legal_decisions": (3, None, 3),  # A.S1 28 Jun, B.S1 30 Jun, C.S1 1 Apr (C.S2 31 Mar is Q4; A's review no)
    "charge_rate": (2, 3, 2 / 3),
    "mean_days_to_charge": (146, 2, 73.0),  # A: 3 Apr to 28 Jun = 27 + 31 + 28 = 86; C: 1 Feb to 1 Apr = 29 + 31 = 60
    "median_days_to_charge": (None, 2, 73.0),  # of 60 and 86, the mean of the two
    "early_advice_within_21_days": (1, 1, 1.0),  # A.S1 in 21 days; B.S2's PRFI is not an answer
    "prfi_early_advice": (1, None, 1),  # B.S2
    "prfi_charging_decision": (1, None, 1),  # B.S1
    "consultations_per_suspect": (5, 3, 5 / 3),  # A.S1 2 (early advice, charge), B.S1 2 (10 Apr, 20 May), C.S1 1
    "action_plans_set": (3, None, 3),  # P1, P2, P3
    "suspects_over_two_plans_after_early_advice": (1, None, 1),  # A.S1 (three plans); B.S1, B.S2, C.S1 none
    "completed_prosecutions": (0, None, 0),
    "conviction_rate": (0, 0, None),  # no denominator: no value, not 0
    "judge_directions_on_time": (1, 2, 0.5),  # D1 on its due date; D2 late
    "victim_letters_on_time": (1, 1, 1.0),  # B's NFA letter on the first working day after a Sunday decision
    "complainant_withdrawals": (1, None, 1),  # C.C1
    "survey_listened_to_in_court": (3, 4, 0.75),
}
# DOMAIN.md's further measures (not in the CSV's version 1).
BEYOND_VERSION_1 = {
    "complainant_withdrawals_post_charge": (1, None, 1),  # C.C1, after charge
    "complainant_withdrawals_pre_charge": (0, None, 0),
    "survey_responds_to_feedback": (0, 0, None),  # no community panel responses in the file
}
Q2 = {
    "legal_decisions": (0, None, 0),  # A's Full Code review of 20 Jul is not a decision
    "completed_prosecutions": (3, None, 3),  # A.S1 29 Jul, C.S1 2 Sep, D.S1 5 Aug
    "conviction_rate": (2, 3, 2 / 3),  # A.S1 and D.S1
    "guilty_plea_first_hearing": (1, 3, 1 / 3),  # A.S1 at the first Crown Court hearing; D.S1 at the second
    "dropped_third_or_subsequent_hearing": (1, 3, 1 / 3),  # C.S1 discontinued at the fourth hearing
    # A: 28 Jun to 29 Jul = 31; C: 1 Apr to 2 Sep = 154; D: 1 Feb to 5 Aug = 29 + 31 + 30 + 31 + 30 + 31 + 4 = 186
    "median_days_charge_to_completion": (None, 3, 154.0),
    "judge_directions_on_time": (0, 1, 0.0),  # D3, never complied
    "victim_letters_on_time": (1, 2, 0.5),  # C1's on time (5 working days skip the bank holiday); C2's late
}


@pytest.fixture
def journeys(db: None) -> None:
    import_lines(history())


def _figures(period: str, place: Place = NATIONAL) -> dict[str, tuple[Any, Any, Any]]:
    return {
        m.id: (f.numerator, f.denominator, f.value)
        for m in measures.MEASURES
        for f in [compute.figure(m, parse_period(period), place)]
    }


def _expect(actual: tuple[Any, Any, Any], expected: tuple[Any, Any, Any]) -> None:
    numerator, denominator, value = actual
    assert (numerator, denominator) == expected[:2]
    assert value == (None if expected[2] is None else pytest.approx(expected[2]))


@pytest.mark.parametrize(
    ("period", "expected"), [("2024-25 Q1", Q1), ("2024-25 Q2", Q2), ("2024-25 Q1", BEYOND_VERSION_1)]
)
def test_every_measure_from_the_imported_records(journeys: None, period: str, expected: dict[str, Any]) -> None:
    figures = _figures(period)
    for measure_id, values in expected.items():
        _expect(figures[measure_id], values)


def test_each_area_counts_its_own_suspects_and_responses(journeys: None) -> None:
    places = {p.name: p for p in compute.places() if p.force_id is None}
    yorkshire = _figures("2024-25 Q1", places["Yorkshire and Humberside"])
    north_east = _figures("2024-25 Q1", places["North East"])
    _expect(yorkshire["charge_rate"], (1, 2, 0.5))  # A.S1 charged; B.S1 NFA
    _expect(north_east["charge_rate"], (1, 1, 1.0))  # C.S1
    _expect(yorkshire["survey_listened_to_in_court"], (2, 3, 2 / 3))  # the response with no Area is national only
    _expect(north_east["judge_directions_on_time"], (1, 2, 0.5))
    _expect(yorkshire["judge_directions_on_time"], (0, 0, None))


def test_the_rolling_year_and_the_quarter_trend(journeys: None) -> None:
    year = _figures("12m to 2024-09-30")
    _expect(year["legal_decisions"], (5, None, 5))  # 1 Oct 2023 to 30 Sep 2024: C.S2's 31 Mar and D's 1 Feb too
    trend = compute.trend(measures.BY_ID["legal_decisions"], [parse_period("2023-24 Q4"), parse_period("2024-25 Q1")],
                          NATIONAL)  # fmt: skip
    assert [(f.period.label, f.value) for f in trend] == [("2023-24 Q4", 2), ("2024-25 Q1", 3)]


def test_breakdown_by_suspect_sex_counts_each_suspect_under_their_own(journeys: None) -> None:
    rows = dict(compute.breakdown(measures.BY_ID["legal_decisions"], parse_period("2024-25 Q1"), NATIONAL,
                                  BY_ID["suspect_sex"]))  # fmt: skip
    assert {label: figure.value for label, figure in rows.items()} == {"Female": 1, "Male": 2, "Not recorded": 0}


def test_the_page_shows_the_same_figures(journeys: None, user_of: Callable[..., User]) -> None:
    analyst = signed_in(user_of(Role.ANALYST))
    response = analyst.get("/scorecards/", {"period": "2024-25 Q1", "place": "national"})
    assert response.status_code == 200
    figures = response.context["figures"]
    shown = {panel["measure"].id: panel["figure"] for _, panels in figures.groups for panel in panels}
    for measure_id, values in {**Q1, **BEYOND_VERSION_1}.items():
        figure = shown[measure_id]
        _expect((figure.numerator, figure.denominator, figure.value), values)
    page = response.content.decode()
    assert "66.7%" in page  # the charge rate as people read it
    assert "2 of 3 suspects with a legal decision in the period" in page


def _csv_rows(client: Client, period: str) -> dict[tuple[str, str, str], dict[str, str]]:
    response = client.get("/scorecards/scorecard.csv", {"period": period})
    assert response.status_code == 200
    reader = csv.DictReader(io.StringIO(response.content.decode("utf-8")))
    return {(r["measure_id"], r["cps_area"], r["police_force"]): r for r in reader}


def test_the_csv_holds_the_same_figures(journeys: None, user_of: Callable[..., User]) -> None:
    analyst = signed_in(user_of(Role.ANALYST))
    for period, expected in (("2024-25 Q1", Q1), ("2024-25 Q2", Q2)):
        rows = _csv_rows(analyst, period)
        for measure_id, (numerator, denominator, value) in expected.items():
            row = rows[(measure_id, "", "")]
            assert row["numerator"] == ("" if numerator is None else str(numerator))
            assert row["denominator"] == ("" if denominator is None else str(denominator))
            assert (float(row["value"]) if row["value"] else None) == (
                None if value is None else pytest.approx(value, abs=1e-6)
            )
            assert row["suppressed"] == "false"
    force = _csv_rows(analyst, "2024-25 Q1")[("charge_rate", "North East", "Northumbria Police")]
    assert (force["numerator"], force["denominator"], force["value"]) == ("1", "1", "1.000000")


def test_the_funnel_follows_the_suspects_reported_in_the_period(journeys: None) -> None:
    # Reported January to March 2024: A (one suspect), C (two), D (one). All four referred; A.S1, C.S1 and D.S1
    # charged and their prosecutions completed; A.S1 and D.S1 convicted (C.S1's was discontinued).
    steps = attrition_funnel(parse_period("2023-24 Q4"), NATIONAL)
    assert [(step.label, step.suspects) for step in steps] == [
        ("Reported to police", 4),
        ("Referred to the CPS", 4),
        ("Charged", 3),
        ("Prosecution completed", 3),
        ("Convicted", 2),
    ]
