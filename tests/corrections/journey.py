"""One of every correctable record in one case, for the correction tests of pages and API alike."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from accounts.models import User
from accounts.roles import Role
from actionplans.models import Action
from actionplans.services import answer_action, set_action_plan
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
    Trial,
)
from cases.models.court import HearingKind, Result
from cases.services.court import (
    list_trial,
    record_hearing,
    record_outcome,
    record_sending,
    record_sentence,
    set_judge_direction,
)
from cases.services.precharge import (
    give_early_advice,
    prfi_referral,
    record_police_nfa,
    refer_for_charging_decision,
    request_early_advice,
)
from tests.factories import full_code_decision, make_case, make_user, planned_actions, suspect_with_facts

AREA = "Yorkshire and Humberside"
REASON = (
    "Typed from the wrong court list: the clerk's record of the hearing, received this morning, gives the right "
    "date, and the list we copied from was for the week before."
)


@dataclass
class Journey:
    """One of every correctable record, in one case of West Yorkshire Police and the Yorkshire and Humberside Area."""

    case: Case
    officer: User
    prosecutor: User
    head: User
    advice: Referral
    referral: Referral
    decision: ChargingDecision
    hearing: Hearing
    prosecution: Prosecution
    trial: Trial
    direction: JudgeDirection
    action: Action
    prfi: Prfi
    nfa: PoliceNfa

    def record(self, kind: str) -> Any:
        return {
            "case": self.case,
            "referral": self.referral,
            "early-advice": self.advice,
            "charging-decision": self.decision,
            "prfi": self.prfi,
            "police-nfa": self.nfa,
            "action-answer": self.action,
            "hearing": self.hearing,
            "outcome": self.prosecution,
            "sentence": self.prosecution,
            "trial": self.trial,
            "judge-direction": self.direction,
        }[kind]


def build_journey() -> Journey:
    officer = make_user(Role.INVESTIGATOR, first_name="Olive", last_name="Grey")
    prosecutor = make_user(Role.PROSECUTOR, cps_area=AREA, first_name="Priya", last_name="Shah")
    head = make_user(Role.UNIT_HEAD, cps_area=AREA, first_name="Hana", last_name="Webb")
    case = make_case(officer_in_charge=officer, cps_area=AREA, reported_on=date(2025, 1, 10))
    charged = Suspect.objects.get(case=case)
    advice = request_early_advice(
        actor=officer, suspect=charged, requested_on=date(2025, 2, 1), questions="Which lines of enquiry?"
    )
    give_early_advice(actor=prosecutor, referral=advice, answered_on=date(2025, 2, 10), advice="Download the phone")
    referral = refer_for_charging_decision(actor=officer, suspect=charged, received_on=date(2025, 3, 1))
    decision = full_code_decision(
        prosecutor=prosecutor, referral=referral, outcome="charge", decided_on=date(2025, 3, 20)
    )
    prosecution = record_sending(
        actor=prosecutor, suspect=charged, sent_on=date(2025, 4, 1), remanded_in_custody=False
    )
    hearing = record_hearing(
        actor=prosecutor,
        suspect=charged,
        court="crown",
        court_name="Leeds Crown Court",
        kind=HearingKind.PTPH,
        held_on=date(2025, 4, 29),
        plea="guilty",
    )
    trial = list_trial(actor=prosecutor, suspect=charged, listed_for=date(2025, 5, 20))
    record_outcome(
        actor=prosecutor, suspect=charged, result=Result.GUILTY_PLEA, completed_on=date(2025, 4, 29), hearing=hearing
    )
    record_sentence(actor=prosecutor, suspect=charged, sentence="Six years", sentenced_on=date(2025, 6, 2))
    direction = set_judge_direction(
        actor=prosecutor, case=case, direction="Serve the ABE", set_on=date(2025, 4, 29), due_on=date(2025, 5, 13)
    )

    planned = suspect_with_facts(case=case, label="Suspect 2")
    planned_referral = refer_for_charging_decision(actor=officer, suspect=planned, received_on=date(2025, 2, 15))
    plan = set_action_plan(
        actor=prosecutor,
        referral=planned_referral,
        set_on=date(2025, 2, 20),
        actions=planned_actions(2, due_on=date(2025, 3, 20)),
    )
    action = answer_action(
        actor=officer, action=plan.actions.get(number=1), answered_on=date(2025, 3, 1), response="Statement taken"
    )

    paused = suspect_with_facts(case=case, label="Suspect 3")
    prfi = prfi_referral(
        actor=prosecutor,
        referral=refer_for_charging_decision(actor=officer, suspect=paused, received_on=date(2025, 2, 15)),
        prfi_on=date(2025, 3, 5),
        reason="Awaiting the phone download",
    )

    dropped = suspect_with_facts(case=case, label="Suspect 4")
    nfa = record_police_nfa(
        actor=officer, suspect=dropped, nfa_on=date(2025, 3, 10), outcome_code="15", reason="Evidential difficulties"
    )
    return Journey(
        case=case,
        officer=officer,
        prosecutor=prosecutor,
        head=head,
        advice=advice,
        referral=referral,
        decision=decision,
        hearing=hearing,
        prosecution=Prosecution.objects.get(pk=prosecution.pk),
        trial=trial,
        direction=direction,
        action=action,
        prfi=prfi,
        nfa=nfa,
    )
