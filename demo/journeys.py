"""Demo journeys, recorded through the real services so that timelines, review points, letters, allocations and
notifications are genuine, dated around today as a live RASSO unit's work is:

- the referrals waiting on the CPS: early advice requests and charging files received over the last few weeks, some
  due this week, some overdue by days or weeks, one in custody received today; each with the offences the police
  propose and what the file holds; some of them given by the unit head to a prosecutor other than the case's;
- plans of every age on the demo officer's charging files (before, at and past each 28/56/90-day review; one answered
  and decided: a decision not to prosecute ten days ago whose letter is late);
- three suspects with more than two plans after early advice, for the unit head's proportionality queue, each with a
  complainant (with an invented name) on the case, as the plans' cases have;
- one case in court, with a trial in three weeks that still has readiness gaps.

Each journey opens its own case in the demo force (so that the journeys do not depend on the population's size; its
URN's unit letters ``QD`` are never the population's), which the demo unit head allocates to a prosecutor of the team
with a reason; the demo supervisor hands one over to another officer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import PoliceForce, User
from actionplans.models import ActionPlan
from actionplans.services import PlannedAction, answer_action, set_action_plan
from cases.models import Offence, Referral, Suspect
from cases.models.precharge import FileItem
from cases.services import court
from cases.services.allocation import allocate_case, allocate_referral, change_officer_in_charge
from cases.services.precharge import (
    give_early_advice,
    record_charging_decision,
    refer_for_charging_decision,
    request_early_advice,
    triage_referral,
)
from cases.services.records import add_suspect, open_case
from demo.team import Team
from victims.identity import add_complainant

# How long ago each charging-referral plan was set: before, at and past each of the 28/56/90-day reviews.
PLAN_AGES = (3, 12, 31, 45, 62, 97, 130)
ANSWERED_AGE = 45
REPEATED_PLANS = 3
# The early advice requests waiting on the CPS, by how many days ago each was received (advice is due in 21 days):
# one new, two due this week, two overdue by days or weeks.
EARLY_ADVICE_AGES = (1, 16, 19, 26, 38)
# The charging files waiting on the CPS (a decision is due in 28 days), by how many days ago each was received and
# whether it has been accepted at triage: one new, two due this week, two overdue, and (age 0) one in custody.
CHARGING_FILES = ((2, True), (23, True), (27, False), (33, True), (49, False), (0, False))
# The files the unit head gives to a prosecutor other than the case's (by their place in CHARGING_FILES).
ALLOCATED_SEPARATELY = (1, 5)
# The oldest case a journey starts on (the in-court case's referral is 150 days old).
OLDEST_JOURNEY_DAYS = 160
FULL_FILE = list(FileItem.values)
# A file the police sent without its digital material or third-party material.
PARTIAL_FILE = [
    item for item in FileItem.values if item not in {FileItem.DIGITAL_MATERIAL, FileItem.THIRD_PARTY_MATERIAL}
]


@dataclass
class Unit:
    """Who works the demo journeys: the demo users of each role, the demo force and the team; how many cases they
    have opened."""

    team: Team
    force: PoliceForce
    officer: User
    prosecutor: User
    head: User
    supervisor: User
    opened: int = 0


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


def _proposed() -> QuerySet[Offence]:
    return Offence.objects.filter(code__in=["rape", "assault_by_penetration"])


def _open(unit: Unit, *, officer: User, prosecutor: User, today: date) -> Suspect:
    """A case the officer opens and the unit head allocates; its suspect."""
    unit.opened += 1
    force = unit.force
    reported_on = today - timedelta(days=OLDEST_JOURNEY_DAYS + 3 * unit.opened)
    case = open_case(
        actor=officer,
        urn=f"{force.code}QD{unit.opened:05d}{reported_on.year % 100:02d}",
        police_force=force,
        cps_area=unit.team.area,
        reported_on=reported_on,
        offence_date_from=reported_on - timedelta(days=2),
        offences=Offence.objects.filter(code="rape"),
    )
    allocate_case(actor=unit.head, case=case, prosecutor=prosecutor, reason="New RASSO case for the unit")
    return add_suspect(actor=officer, case=case)


def _refer(officer: User, suspect: Suspect, received_on: date, *, file: list[str] = FULL_FILE) -> Referral:
    """A charging file for a suspect on bail or released under investigation."""
    return refer_for_charging_decision(
        actor=officer,
        suspect=suspect,
        received_on=received_on,
        proposed_offences=_proposed(),
        in_custody=False,
        file_contents=file,
    )


def create_journeys(*, unit: Unit, today: date) -> int:
    """Every journey above; returns how many plans were set."""
    plans = _plans_of_every_age(unit, today)
    plans += _plans_after_early_advice(unit, today)
    _in_court(_open(unit, officer=unit.officer, prosecutor=unit.prosecutor, today=today), unit=unit, today=today)
    _waiting_on_the_cps(unit, today)
    return plans


def _plans_of_every_age(unit: Unit, today: date) -> int:
    officer, prosecutor = unit.officer, unit.prosecutor
    for n, age in enumerate(PLAN_AGES, start=1):
        suspect = _open(unit, officer=officer, prosecutor=prosecutor, today=today)
        add_complainant(actor=officer, case=suspect.case, name=f"Invented Person {n}", enhanced_rights=n % 4 != 0)
        set_on = today - timedelta(days=age)
        referral = _refer(officer, suspect, set_on - timedelta(days=7))
        triage_referral(actor=prosecutor, referral=referral, accepted=True, on=set_on - timedelta(days=5))
        plan = set_action_plan(actor=prosecutor, referral=referral, set_on=set_on, actions=_actions(set_on, officer))
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
    return len(PLAN_AGES)


def _plans_after_early_advice(unit: Unit, today: date) -> int:
    """Advice given on time, then three plans following it, the last still open."""
    officer, prosecutor = unit.officer, unit.prosecutor
    for n in range(REPEATED_PLANS):
        suspect = _open(unit, officer=officer, prosecutor=prosecutor, today=today)
        add_complainant(actor=officer, case=suspect.case, name=f"Invented Person {len(PLAN_AGES) + n + 1}")
        start = today - timedelta(days=140 - 5 * n)
        advice_request = request_early_advice(
            actor=officer,
            suspect=suspect,
            requested_on=start,
            questions="What is needed before a charging file?",
            proposed_offences=_proposed(),
        )
        give_early_advice(
            actor=prosecutor,
            referral=advice_request,
            answered_on=start + timedelta(days=12),
            advice="Obtain the phone download and the taxi rank CCTV before a charging file",
        )
        for m in range(REPEATED_PLANS):
            set_on = start + timedelta(days=20 + 30 * m)
            plan = set_action_plan(
                actor=prosecutor, referral=advice_request, set_on=set_on, actions=_actions(set_on, officer)
            )
            if m < REPEATED_PLANS - 1:
                _answer_all(plan, officer=officer, on=set_on + timedelta(days=25))
    return REPEATED_PLANS * REPEATED_PLANS


def _waiting_on_the_cps(unit: Unit, today: date) -> None:
    """The live queue: early advice requests and charging files, spread over the team's prosecutors and officers;
    the first case handed over to another officer."""
    prosecutors = unit.team.prosecutors
    officers = unit.team.officers[unit.force.pk]
    for n, age in enumerate(EARLY_ADVICE_AGES):
        officer = officers[n % len(officers)]
        suspect = _open(unit, officer=officer, prosecutor=prosecutors[n % len(prosecutors)], today=today)
        if n == 0:
            officer = officers[1]
            change_officer_in_charge(
                actor=unit.supervisor, case=suspect.case, officer=officer, reason="Officer moved to another team"
            )
        request_early_advice(
            actor=officer,
            suspect=suspect,
            requested_on=today - timedelta(days=age),
            questions="Which lines of enquiry are needed, and is the complainant's account enough to charge?",
            proposed_offences=_proposed(),
        )
    for n, (age, accepted) in enumerate(CHARGING_FILES):
        officer = officers[(n + 1) % len(officers)]
        case_prosecutor = prosecutors[(n + 1) % len(prosecutors)]
        suspect = _open(unit, officer=officer, prosecutor=case_prosecutor, today=today)
        received_on = today - timedelta(days=age)
        if age == 0:
            arrested = timezone.make_aware(datetime.combine(today - timedelta(days=1), time(18, 30)))
            referral = refer_for_charging_decision(
                actor=officer,
                suspect=suspect,
                received_on=received_on,
                proposed_offences=_proposed(),
                in_custody=True,
                arrested_at=arrested,
                file_contents=PARTIAL_FILE,
            )
        else:
            referral = _refer(officer, suspect, received_on, file=FULL_FILE if n % 2 else PARTIAL_FILE)
        if accepted:
            triage_referral(
                actor=case_prosecutor, referral=referral, accepted=True, on=received_on + timedelta(days=1)
            )
        if n in ALLOCATED_SEPARATELY:
            other = next(p for p in prosecutors if p.pk != case_prosecutor.pk)
            reason = "Suspect in custody: to the duty prosecutor" if age == 0 else "Linked to another of their cases"
            allocate_referral(actor=unit.head, referral=referral, prosecutor=other, reason=reason)


def _in_court(suspect: Suspect, *, unit: Unit, today: date) -> None:
    officer, prosecutor = unit.officer, unit.prosecutor
    add_complainant(actor=officer, case=suspect.case, name="Invented Person 0")
    referral = _refer(officer, suspect, today - timedelta(days=150))
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
