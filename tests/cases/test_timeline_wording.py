"""The timeline's wording: every verb has its wording, each way of wording it renders from the facts a service
records, and what is shown is screened for the case's people when it is read, once for a page of events."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from accounts.roles import Role
from cases.models import Case, Suspect, TimelineEvent
from cases.models.timeline import Stage, Verb
from cases.services.common import record_event
from cases.timeline import WORDING, in_words
from tests.factories import make_case
from victims.identity import add_complainant

pytestmark = pytest.mark.django_db

DAY = date(2025, 1, 6)
SUSPECT = {"suspect": "Suspect 1"}
COMPLAINANT = {"complainant": "Complainant A"}
HEARING = {"hearing_kind": "ptph", "suspect": "Suspect 1", "court": "Leeds Crown Court", "held_on": "2025-01-06"}
ACTION = {"number": 2, "plan": "Plan 1", "suspect": "Suspect 1"}
LETTER = {"letter": "Decision letter", "complainant": "Complainant A"}

# Each way each verb is worded, from the facts its service records, and what a person reads.
SAMPLES: list[tuple[Verb, dict[str, Any], str]] = [
    (Verb.CASE_OPENED, {"urn": "13AB1234524"}, "Case 13AB1234524 opened"),
    (Verb.SUSPECT_ADDED, SUSPECT, "Suspect 1 added"),
    (
        Verb.EARLY_ADVICE_REQUESTED,
        {**SUSPECT, "due_on": "2025-01-20"},
        "Early advice requested for Suspect 1; due 20 January 2025",
    ),
    (Verb.EARLY_ADVICE_GIVEN, {**SUSPECT, "late": False}, "Early advice given for Suspect 1"),
    (Verb.EARLY_ADVICE_GIVEN, {**SUSPECT, "late": True}, "Early advice given for Suspect 1 (late)"),
    (
        Verb.REFERRED_FOR_CHARGING_DECISION,
        {**SUSPECT, "priority": False, "due_on": "2025-02-03"},
        "Suspect 1 referred for a charging decision; due 3 February 2025",
    ),
    (
        Verb.REFERRED_FOR_CHARGING_DECISION,
        {**SUSPECT, "priority": True, "due_on": "2025-02-03"},
        "Suspect 1 referred for a charging decision (priority: in custody); due 3 February 2025",
    ),
    (Verb.FILE_TRIAGED, {**SUSPECT, "rejection_reasons": []}, "File for Suspect 1 accepted for review"),
    (
        Verb.FILE_TRIAGED,
        {**SUSPECT, "rejection_reasons": ["interview_summary", "no_mg3"]},
        "File for Suspect 1 rejected: no interview summary, no mg3 (report to prosecutor)",
    ),
    (
        Verb.CHARGING_DECISION_RECORDED,
        {**SUSPECT, "decision_outcome": "charge", "decision_test": "full_code"},
        "Suspect 1: Charge (Full Code Test)",
    ),
    (
        Verb.PRFI,
        {"referral_kind": "charging_decision", **SUSPECT},
        "Charging decision file for Suspect 1 closed as PRFI",
    ),
    (
        Verb.REOPENED_AFTER_PRFI,
        {"referral_kind": "early_advice", **SUSPECT, "due_on": "2025-01-20"},
        "Early advice referral for Suspect 1 received again after PRFI; due 20 January 2025",
    ),
    (
        Verb.POLICE_NFA,
        {**SUSPECT, "crime_outcome": "16"},
        "No further action by police for Suspect 1 (Home Office outcome 16: named suspect, victim does not support or "
        "has withdrawn support)",
    ),
    (
        Verb.REFERRED_BACK_FOR_REVIEW,
        SUSPECT,
        "NFA scrutiny panel referred Suspect 1 back for further review: police review reopened",
    ),
    (Verb.SENT_TO_CROWN_COURT, {**SUSPECT, "remanded": False}, "Suspect 1 sent to the Crown Court"),
    (
        Verb.SENT_TO_CROWN_COURT,
        {**SUSPECT, "remanded": True},
        "Suspect 1 sent to the Crown Court (remanded in custody)",
    ),
    (
        Verb.HEARING_LISTED,
        {**HEARING, "plea": ""},
        "Plea and trial preparation hearing for Suspect 1 at Leeds Crown Court listed for 6 January 2025",
    ),
    (
        Verb.HEARING_RECORDED,
        {**HEARING, "plea": ""},
        "Plea and trial preparation hearing for Suspect 1 at Leeds Crown Court",
    ),
    (
        Verb.HEARING_RECORDED,
        {**HEARING, "plea": "not_guilty"},
        "Plea and trial preparation hearing for Suspect 1 at Leeds Crown Court: not guilty plea",
    ),
    (
        Verb.HEARING_HELD,
        {**HEARING, "court": "", "plea": ""},
        "Plea and trial preparation hearing for Suspect 1 held on 6 January 2025",
    ),
    (
        Verb.HEARING_HELD,
        {**HEARING, "plea": ""},
        "Plea and trial preparation hearing for Suspect 1 at Leeds Crown Court held on 6 January 2025",
    ),
    (
        Verb.HEARING_HELD,
        {**HEARING, "court": "", "plea": "guilty"},
        "Plea and trial preparation hearing for Suspect 1 held on 6 January 2025: guilty plea",
    ),
    (
        Verb.HEARING_HELD,
        {**HEARING, "plea": "guilty"},
        "Plea and trial preparation hearing for Suspect 1 at Leeds Crown Court held on 6 January 2025: guilty plea",
    ),
    (Verb.CASE_OUTCOME, {**SUSPECT, "result": "guilty_plea"}, "Outcome for Suspect 1: guilty plea"),
    (
        Verb.SENTENCED,
        {**SUSPECT, "sentenced_on": "2025-01-06", "sentence": "6 years' imprisonment"},
        "Suspect 1 sentenced on 6 January 2025: 6 years' imprisonment",
    ),
    (Verb.TRIAL_LISTED, {**SUSPECT, "listed_for": "2025-03-03"}, "Trial of Suspect 1 listed for 3 March 2025"),
    (Verb.TRIAL_OUTCOME, {**SUSPECT, "trial_outcome": "cracked"}, "Trial of Suspect 1: cracked"),
    (Verb.DIRECTION_SET, {"direction": "Serve the ABE"}, "Judge's direction: Serve the ABE"),
    (
        Verb.DIRECTION_COMPLIED,
        {"direction": "Serve the ABE", "late": False},
        "Judge's direction complied with: Serve the ABE",
    ),
    (
        Verb.DIRECTION_COMPLIED,
        {"direction": "Serve the ABE", "late": True},
        "Judge's direction complied with (late): Serve the ABE",
    ),
    (Verb.ACTION_PLAN_SET, {"plan": "Plan 1", **SUSPECT, "count": 1}, "Plan 1 set for Suspect 1: 1 action"),
    (Verb.ACTION_PLAN_SET, {"plan": "Plan 1", **SUSPECT, "count": 3}, "Plan 1 set for Suspect 1: 3 actions"),
    (Verb.ACTION_PLAN_ANSWERED, {"plan": "Plan 1", **SUSPECT}, "Plan 1 for Suspect 1 answered"),
    (Verb.ACTION_PLAN_WITHDRAWN, {"plan": "Plan 1", **SUSPECT}, "Plan 1 for Suspect 1 withdrawn"),
    (Verb.ACTION_ANSWERED, {**ACTION, "late": False}, "Action 2 of Plan 1 for Suspect 1 answered"),
    (
        Verb.ACTION_ANSWERED,
        {**ACTION, "late": True},
        "Action 2 of Plan 1 for Suspect 1 answered (after the agreed date)",
    ),
    (Verb.ACTION_WITHDRAWN, {**ACTION, "late": False}, "Action 2 of Plan 1 for Suspect 1 withdrawn"),
    (Verb.COMPLAINANT_ADDED, COMPLAINANT, "Complainant A added"),
    (Verb.WISHES_RECORDED, COMPLAINANT, "Communication wishes of Complainant A recorded"),
    (Verb.ISVA_RECORDED, {**COMPLAINANT, "isva": "ISVA"}, "ISVA of Complainant A recorded"),
    (
        Verb.SPECIAL_MEASURE_RECORDED,
        {**COMPLAINANT, "measure": "Screens", "status": "granted"},
        "Screens for Complainant A: granted",
    ),
    (Verb.SUPPORT_WITHDRAWN, COMPLAINANT, "Complainant A withdrew support"),
    (Verb.MEETING_OFFERED, COMPLAINANT, "Pre-trial meeting offered to Complainant A"),
    (Verb.MEETING_HELD, COMPLAINANT, "Pre-trial meeting with Complainant A held"),
    (Verb.MEETING_DECLINED, COMPLAINANT, "Pre-trial meeting with Complainant A declined"),
    (Verb.VRR_RECEIVED, COMPLAINANT, "Victims' Right to Review request from Complainant A"),
    (Verb.VRR_OUTCOME, COMPLAINANT, "Victims' Right to Review for Complainant A: outcome recorded"),
    (Verb.INVITED_TO_OWN_VIEW, COMPLAINANT, "Complainant A invited to see their case"),
    (Verb.INVITED_TO_OWN_VIEW, {**COMPLAINANT, "isva": True}, "The ISVA of Complainant A invited to see the case"),
    (Verb.JOINED_OWN_VIEW, COMPLAINANT, "Complainant A signed in to see their case for the first time"),
    (
        Verb.JOINED_OWN_VIEW,
        {**COMPLAINANT, "isva": True},
        "The ISVA of Complainant A signed in to see the case for the first time",
    ),
    (
        Verb.OWN_VIEW_ENDED,
        {**COMPLAINANT, "reason": "at their request"},
        "Complainant A can no longer see their case: at their request",
    ),
    (
        Verb.OWN_VIEW_ENDED,
        {**COMPLAINANT, "isva": True, "reason": "consent to sharing withdrawn"},
        "The ISVA of Complainant A can no longer see the case: consent to sharing withdrawn",
    ),
    (
        Verb.WISHES_CHANGED_BY_COMPLAINANT,
        {**COMPLAINANT, "changed": "how to contact them, language"},
        "Complainant A changed their communication wishes: how to contact them, language",
    ),
    (Verb.CALL_REQUESTED, COMPLAINANT, "Complainant A asked to be called"),
    (Verb.CALL_REQUESTED, {**COMPLAINANT, "isva": True}, "The ISVA of Complainant A asked to be called"),
    (
        Verb.NO_LONGER_SUPPORTS,
        COMPLAINANT,
        "Complainant A said they no longer support the prosecution: follow up with them",
    ),
    (Verb.LETTER_DUE, {**LETTER, "due_on": None}, "Decision letter owed to Complainant A"),
    (
        Verb.LETTER_DUE,
        {**LETTER, "due_on": "2025-01-10"},
        "Decision letter owed to Complainant A; due 10 January 2025",
    ),
    (Verb.LETTER_SENT, {**LETTER, "on_time": False, "late": False}, "Decision letter sent to Complainant A"),
    (Verb.LETTER_SENT, {**LETTER, "on_time": True, "late": False}, "Decision letter sent to Complainant A on time"),
    (Verb.LETTER_SENT, {**LETTER, "on_time": False, "late": True}, "Decision letter sent to Complainant A late"),
    (
        Verb.CORRECTED,
        {"record": "Complainant A's details", "fields": ["Name", "Date of birth"], "reason": "Misspelt"},
        "Complainant A's details corrected (name, date of birth): Misspelt",
    ),
    (Verb.CASE_ALLOCATED, {"reason": "New case", "reallocated": False}, "Case allocated to a prosecutor: New case"),
    (
        Verb.CASE_ALLOCATED,
        {"reason": "Leave", "reallocated": True},
        "Case reallocated to another prosecutor: Leave",
    ),
    (
        Verb.REFERRAL_ALLOCATED,
        {**SUSPECT, "referral_kind": "charging_decision", "reason": "Duty", "reallocated": False},
        "Charging decision referral for Suspect 1 allocated to a prosecutor: Duty",
    ),
    (
        Verb.REFERRAL_ALLOCATED,
        {**SUSPECT, "referral_kind": "early_advice", "reason": "Linked case", "reallocated": True},
        "Early advice referral for Suspect 1 reallocated to another prosecutor: Linked case",
    ),
    (Verb.OFFICER_IN_CHARGE_CHANGED, {"reason": "Report", "changed": False}, "Officer in charge recorded: Report"),
    (Verb.OFFICER_IN_CHARGE_CHANGED, {"reason": "Moved", "changed": True}, "Officer in charge changed: Moved"),
    (Verb.JOURNEY_IMPORTED, {}, "Journey imported"),
]


def test_every_verb_has_its_wording() -> None:
    assert set(WORDING) == set(Verb)


def test_every_way_of_wording_every_verb_is_sampled() -> None:
    sampled = {(verb, str(in_words(verb, payload))) for verb, payload, _ in SAMPLES}
    ways = sum(len(wording) if isinstance(wording, dict) else 1 for wording in WORDING.values())
    assert {verb for verb, _ in sampled} == set(Verb)
    # ACTION_PLAN_SET is one wording with a singular and a plural.
    assert len(sampled) == ways + 1


@pytest.mark.parametrize(
    ("verb", "payload", "shown"), SAMPLES, ids=[f"{v.value}-{n}" for n, (v, _, _) in enumerate(SAMPLES)]
)
def test_each_wording_renders_from_its_facts(verb: Verb, payload: dict[str, Any], shown: str) -> None:
    assert in_words(verb, payload) == shown


def test_an_event_recorded_before_the_wording_keeps_its_text() -> None:
    assert in_words("a_verb_since_retired", {"text": "Case 13AB1234524 opened"}) == "Case 13AB1234524 opened"


@pytest.fixture
def officer(user_of: Callable[..., User]) -> User:
    return user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")


def test_quoted_words_are_screened_when_recorded(officer: User) -> None:
    case = make_case(officer_in_charge=officer)
    Suspect.objects.filter(case=case).update(name="Li Zyxwvut")
    add_complainant(actor=officer, case=case, name="Anna Qqqqrstu")
    event = record_event(
        actor=officer,
        case=case,
        verb=Verb.DIRECTION_SET,
        stage=Stage.COURT,
        payload={"direction": "Serve Zyxwvut's interview and Qqqqrstu's ABE"},
    )
    assert event.payload == {"direction": "Serve Suspect 1 interview and Complainant A ABE"}
    assert TimelineEvent.objects.get(pk=event.pk).summary == (
        "Judge's direction: Serve Suspect 1 interview and Complainant A ABE"
    )


def test_a_page_of_events_is_worded_without_a_query(officer: User) -> None:
    cases: list[Case] = [make_case(officer_in_charge=officer) for _ in range(3)]
    for case in cases:
        for number in range(4):
            record_event(actor=officer, case=case, verb=Verb.CASE_OPENED, stage=Stage.CASE, payload={"urn": case.urn})
            record_event(
                actor=officer,
                case=case,
                verb=Verb.DIRECTION_SET,
                stage=Stage.COURT,
                payload={"direction": f"D{number}"},
            )
    events = list(TimelineEvent.objects.all())
    with CaptureQueriesContext(connection) as queries:
        shown = [event.summary for event in events]
    assert len(queries) == 0
    assert shown.count(f"Case {cases[0].urn} opened") == 4
