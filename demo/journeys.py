"""Demo journeys, recorded through the real services so that timelines, review points and letters are genuine: plans
of every age on the demo officer's cases (one answered), three suspects with more than two plans after early advice
for the unit head's proportionality queue, a complainant on each of those cases (with an invented name), and a
decision not to prosecute ten days ago whose letter is late; and one case in court, with a trial in three weeks that
still has readiness gaps."""

from __future__ import annotations

from datetime import date, timedelta

from accounts.models import User
from actionplans.models import ActionPlan
from actionplans.services import PlannedAction, answer_action, set_action_plan
from cases.models import Case, Offence, Suspect
from cases.services import court
from cases.services.precharge import record_charging_decision, refer_for_charging_decision, request_early_advice
from victims.identity import add_complainant

# How long ago each charging-referral plan was set: before, at and past each of the 28/56/90-day reviews.
PLAN_AGES = (3, 12, 31, 45, 62, 97, 130)
ANSWERED_AGE = 45
REPEATED_PLANS = 3
IN_COURT = 1


def _actions(set_on: date, owner: User) -> list[PlannedAction]:
    return [
        PlannedAction(
            request="Download and review the complainant's and suspect's phone messages for the week of the offence",
            line_of_enquiry="Whether messages corroborate the account of the evening",
            proportionality="Limited to one week and the parties' messages to each other",
            due_on=set_on + timedelta(days=21),
            owner=owner,
        ),
        PlannedAction(
            request="Obtain CCTV from the taxi rank",
            line_of_enquiry="Movements after leaving the venue",
            proportionality="Two hours of footage from one camera",
            due_on=set_on + timedelta(days=14),
            owner=owner,
        ),
    ]


def _answer_all(plan: ActionPlan, *, officer: User, on: date) -> None:
    for action in plan.actions.all():
        answer_action(actor=officer, action=action, answered_on=on, response="Done; see the file.")


def create_journeys(*, officer: User, prosecutor: User, today: date) -> int:
    """Plans on cases of the demo officer's force in the demo prosecutor's Area, every action owned by the demo
    officer; returns how many plans were set."""
    cases = list(
        Case.objects.filter(
            police_force_id=officer.police_force_id,
            cps_area_id=prosecutor.cps_area_id,
            reported_on__lte=today - timedelta(days=310),
        ).order_by("-reported_on", "urn")[: len(PLAN_AGES) + REPEATED_PLANS + IN_COURT]
    )
    plans = 0
    for n, case in enumerate(cases, start=1):
        add_complainant(actor=officer, case=case, name=f"Invented Person {n}", enhanced_rights=n % 4 != 0)
    for case, age in zip(cases, PLAN_AGES, strict=False):
        suspect = Suspect.objects.get(case=case, label="Suspect 1")
        set_on = today - timedelta(days=age)
        referral = refer_for_charging_decision(actor=officer, suspect=suspect, received_on=set_on - timedelta(days=7))
        plan = set_action_plan(actor=prosecutor, referral=referral, set_on=set_on, actions=_actions(set_on, officer))
        plans += 1
        if age == ANSWERED_AGE:
            _answer_all(plan, officer=officer, on=set_on + timedelta(days=20))
            record_charging_decision(
                actor=prosecutor,
                referral=referral,
                test="full_code",
                outcome="nfa_evidential",
                decided_on=today - timedelta(days=10),
                bad_character="not_applicable",
                bad_character_rationale="No previous convictions or allegations",
                suspect_conduct="Denies; messages after the evening do not refer to it",
                evidential_reasons="The answers to the plan do not give a realistic prospect of conviction",
            )
    for case in cases[len(PLAN_AGES) : len(PLAN_AGES) + REPEATED_PLANS]:
        suspect = Suspect.objects.get(case=case, label="Suspect 1")
        start = today - timedelta(days=300)
        advice_request = request_early_advice(
            actor=officer, suspect=suspect, requested_on=start, questions="What is needed before a charging file?"
        )
        for n in range(REPEATED_PLANS):
            set_on = start + timedelta(days=10 + 60 * n)
            plan = set_action_plan(
                actor=prosecutor, referral=advice_request, set_on=set_on, actions=_actions(set_on, officer)
            )
            plans += 1
            if n < REPEATED_PLANS - 1:
                _answer_all(plan, officer=officer, on=set_on + timedelta(days=25))
    for case in cases[len(PLAN_AGES) + REPEATED_PLANS :]:
        _in_court(
            Suspect.objects.get(case=case, label="Suspect 1"), officer=officer, prosecutor=prosecutor, today=today
        )
    return plans


def _in_court(suspect: Suspect, *, officer: User, prosecutor: User, today: date) -> None:
    referral = refer_for_charging_decision(actor=officer, suspect=suspect, received_on=today - timedelta(days=150))
    record_charging_decision(
        actor=prosecutor,
        referral=referral,
        test="full_code",
        outcome="charge",
        decided_on=today - timedelta(days=120),
        bad_character="requested",
        bad_character_rationale="A previous allegation; the PNC record has been requested",
        suspect_conduct="Planned the evening; messages afterwards admit contact",
        evidential_reasons="Consistent account, supported by the messages and the medical evidence",
        public_interest_reasons="A serious offence; the complainant supports a prosecution",
        charged_offences=Offence.objects.filter(code="rape"),
    )
    court.record_sending(
        actor=prosecutor, suspect=suspect, sent_on=today - timedelta(days=118), remanded_in_custody=True
    )
    court.record_hearing(
        actor=prosecutor,
        suspect=suspect,
        court="magistrates",
        court_name="Leeds Magistrates' Court",
        kind="first",
        held_on=today - timedelta(days=119),
    )
    court.record_hearing(
        actor=prosecutor,
        suspect=suspect,
        court="crown",
        court_name="Leeds Crown Court",
        kind="ptph",
        held_on=today - timedelta(days=90),
        plea="not_guilty",
    )
    court.set_judge_direction(
        actor=prosecutor,
        case=suspect.case,
        direction="Serve the phone download on the defence",
        set_on=today - timedelta(days=90),
        due_on=today - timedelta(days=20),
    )
    trial = court.list_trial(actor=prosecutor, suspect=suspect, listed_for=today + timedelta(weeks=3))
    court.update_readiness(
        actor=prosecutor, trial=trial, done=list(trial.readiness.values_list("item_id", flat=True))[:4]
    )
