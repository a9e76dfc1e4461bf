"""Replaying one case's journey: its events, in date order, applied to unsaved records of the same tables the pages
write. ``scorecards.journey_import`` writes what this builds.

Every move of a suspect's status is the transition tables' (``cases.transitions``): the replay keeps each suspect's
file as the tables read it (``Facts``, changed by each move's declared effect, as ``cases.services.common.facts_of``
reads it from the records) and asks ``next_status`` where each event leads; a move the tables refuse is a bad line
with their reason (a decision for a suspect already decided, a hearing before charge, a sentence before a
conviction...). The replay refuses on its own only what the tables do not know of a file: a plan label unknown or
used twice, a plan answered twice, a plea with no hearing that day, a date before the case was reported or in the
future, and the like. A hearing makes a move only when it is one: the first sends the suspect to the Crown Court, a
PTPH while awaiting it holds it, a trial while awaiting the PTPH or the trial begins it, a sentence hearing passes
the sentence; a mention, a second PTPH or another day of trial moves nothing.

What the format does not carry (reasons, advice, an action's wording, the sentence) is written as "Not recorded in
the imported history"; the people who took each step are the service's journey-import account. As on the pages, a
plan answers the open referral or follows the most recent one (early advice given); PRFI closes the open referral or
the file of the most recent one; a referral after PRFI is a new referral, received on its own date with its own
deadline, and the PRFI is reopened by it; a decision, a PRFI or a police NFA closes the suspect's open plans. A
decision after a Threshold Test charge with no new referral is its Full Code review."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import cast

from django.core.exceptions import ValidationError

from accounts.models import CpsArea, PoliceForce, User
from actionplans.models import Action, ActionPlan, PlanStatus
from actionplans.transitions import ActionEvent, PlanEvent, action_move, plan_move
from cases.models import (
    Case,
    CaseFlag,
    ChargingDecision,
    Hearing,
    JudgeDirection,
    Offence,
    Plea,
    PoliceNfa,
    Prfi,
    Prosecution,
    Referral,
    Suspect,
    TimelineEvent,
)
from cases.models.court import RESULTS_AT_A_HEARING, HearingKind, Result
from cases.models.precharge import THRESHOLD_CONDITIONS, BadCharacter, DecisionOutcome, DecisionTest, ReferralKind
from cases.models.timeline import Stage, Verb
from cases.services.court import HELD_HEARING_EVENTS, OUTCOME_EVENTS
from cases.transitions import TRANSITIONS, Facts, SuspectStatus, TransitionNotAllowed, events_allowed, next_status
from cases.transitions import Event as Move
from deadlines import charging_decision_due, early_advice_due, letter_due, prosecution_dates, threshold_review_due
from scorecards.journey_format import Event
from victims.models import Communication, Complainant
from victims.models.communications import DECISION_LETTERS, CommunicationKind
from victims.models.complainant import Channel

NOT_RECORDED = "Not recorded in the imported history."
LETTER_KIND: dict[str, str] = {"hello": CommunicationKind.INTRODUCTION, **{kind: kind for kind in DECISION_LETTERS}}
REFERRAL_MOVE = {ReferralKind.EARLY_ADVICE: Move.REQUEST_EARLY_ADVICE,
                 ReferralKind.CHARGING_DECISION: Move.REFER_FOR_CHARGING_DECISION}  # fmt: skip


class BadLine(Exception):  # noqa: N818 - a line of the file, not a program error
    pass


@dataclass(frozen=True)
class Reference:
    """Organisations, offences and flags by the names and codes the format uses."""

    forces: dict[str, PoliceForce]
    areas: dict[str, CpsArea]
    served: set[tuple[int, int]]
    offences: dict[str, Offence]
    flags: dict[str, CaseFlag]

    @classmethod
    def load(cls) -> Reference:
        return cls(
            forces={force.name: force for force in PoliceForce.objects.all()},
            areas={area.name: area for area in CpsArea.objects.all()},
            served=set(CpsArea.forces.through.objects.values_list("cpsarea_id", "policeforce_id")),
            offences={offence.code: offence for offence in Offence.objects.all()},
            flags={flag.code: flag for flag in CaseFlag.objects.all()},
        )


@dataclass
class SuspectJourney:
    """A suspect's records so far, and their file as the transition tables read it."""

    suspect: Suspect
    facts: Facts = field(default_factory=Facts)
    referrals: list[Referral] = field(default_factory=list)
    plans: list[ActionPlan] = field(default_factory=list)
    prfis: list[Prfi] = field(default_factory=list)
    decision: ChargingDecision | None = None
    hearings: list[Hearing] = field(default_factory=list)
    pleaded: set[int] = field(default_factory=set)  # the hearings (by id()) that have a plea
    prosecution: Prosecution | None = None

    @property
    def open_referral(self) -> Referral | None:
        return next((r for r in self.referrals if r.closed_on is None), None)

    @property
    def current_file(self) -> Referral:
        """The referral a plan or a PRFI belongs to: the open one, else the most recent (the tables have checked
        that there is one)."""
        return self.open_referral or self.referrals[-1]

    def open_plans(self) -> list[ActionPlan]:
        return [plan for plan in self.plans if plan.status == PlanStatus.OPEN]


@dataclass
class Records:
    """Unsaved records for a batch of cases, in the order they are written."""

    cases: list[Case] = field(default_factory=list)
    case_offences: list[tuple[Case, Offence]] = field(default_factory=list)
    case_flags: list[tuple[Case, CaseFlag]] = field(default_factory=list)
    suspects: list[Suspect] = field(default_factory=list)
    complainants: list[Complainant] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    decisions: list[ChargingDecision] = field(default_factory=list)
    charged_offences: list[tuple[ChargingDecision, Offence]] = field(default_factory=list)
    prfis: list[Prfi] = field(default_factory=list)
    police_nfas: list[PoliceNfa] = field(default_factory=list)
    plans: list[ActionPlan] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    hearings: list[Hearing] = field(default_factory=list)
    prosecutions: list[Prosecution] = field(default_factory=list)
    pleas: list[Plea] = field(default_factory=list)
    directions: list[JudgeDirection] = field(default_factory=list)
    letters: list[Communication] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)


def move(journey: SuspectJourney, event: Move) -> None:
    """Apply a declared transition to the suspect: the status the tables give, and the file as the move's declared
    effect leaves it; a move the tables refuse is a bad line with their reason."""
    try:
        journey.suspect.status = next_status(event=event, status=journey.suspect.status, facts=journey.facts)
    except TransitionNotAllowed as refused:
        raise BadLine(f"{journey.suspect.label}: {refused}") from None
    effect = TRANSITIONS[event].effect
    if effect is not None:
        journey.facts = effect(journey.facts)


class CaseJourney:
    """One case's events applied in order to unsaved records, refusing what the journey does not allow."""

    def __init__(self, records: Records, reference: Reference, account: User, today: date) -> None:
        self.records = records
        self.reference = reference
        self.account = account
        self.today = today
        self.case: Case | None = None
        self.offences: list[Offence] = []
        self.suspects: dict[str, SuspectJourney] = {}
        self.complainants: dict[str, Complainant] = {}
        self.plans: dict[str, tuple[ActionPlan, SuspectJourney, list[Action]]] = {}

    def apply(self, event: Event) -> None:
        if event.on is not None and event.on > self.today:
            raise BadLine(f"the date {event.on:%Y-%m-%d} is in the future")
        if event.name != "case_reported" and self.case is not None and event.on and event.on < self.case.reported_on:
            raise BadLine(f"{event.name} on {event.on:%Y-%m-%d} is before the case was reported")
        getattr(self, f"_{event.name}")(**event.fields)

    # The case and its people

    def _case_reported(self, *, urn: str, date: date, police_force: str, cps_area: str, offences: list[str],
                       flags: Iterable[str] = ()) -> None:  # fmt: skip
        ref = self.reference
        force, area = ref.forces.get(police_force), ref.areas.get(cps_area)
        problems = [f"unknown police force “{police_force}”"] if force is None else []
        problems += [f"unknown CPS Area “{cps_area}”"] if area is None else []
        problems += [f"unknown offence code “{code}”" for code in offences if code not in ref.offences]
        problems += [f"unknown flag “{code}”" for code in flags if code not in ref.flags]
        if force is not None and area is not None and (area.pk, force.pk) not in ref.served:
            problems.append(f"{area.name} does not serve {force.name}")
        if problems or force is None or area is None:
            raise BadLine("; ".join(problems))
        self.case = Case(urn=urn, police_force=force, cps_area=area, reported_on=date)
        self.records.cases.append(self.case)
        self.offences = [ref.offences[code] for code in offences]
        self.records.case_offences += [(self.case, offence) for offence in self.offences]
        self.records.case_flags += [(self.case, ref.flags[code]) for code in flags]
        self.records.timeline.append(TimelineEvent(case=self.case, verb=Verb.JOURNEY_IMPORTED, stage=Stage.CASE))

    def _suspect_added(self, *, urn: str, suspect: str, in_custody: bool = False, **characteristics: str) -> None:
        if suspect in self.suspects:
            raise BadLine(f"{suspect} was added to {urn} already")
        record = Suspect(case=self.case, label=suspect, in_custody=in_custody, **characteristics)
        self.suspects[suspect] = SuspectJourney(record)
        self.records.suspects.append(record)

    def _complainant_added(self, *, urn: str, complainant: str, enhanced_rights: bool = True, **characteristics: str
                           ) -> None:  # fmt: skip
        if complainant in self.complainants:
            raise BadLine(f"{complainant} was added to {urn} already")
        record = Complainant(case=self.case, label=complainant, enhanced_rights=enhanced_rights, **characteristics)
        self.complainants[complainant] = record
        self.records.complainants.append(record)

    def _suspect(self, label: str) -> SuspectJourney:
        if label not in self.suspects:
            raise BadLine(f"no suspect_added for {label} on this case")
        return self.suspects[label]

    def _complainant(self, label: str) -> Complainant:
        if label not in self.complainants:
            raise BadLine(f"no complainant_added for {label} on this case")
        return self.complainants[label]

    # Before charge

    def _referral_received(self, *, urn: str, suspect: str, date: date, kind: str) -> None:
        journey = self._suspect(suspect)
        move(journey, REFERRAL_MOVE[ReferralKind(kind)])
        if kind == ReferralKind.EARLY_ADVICE:
            due = early_advice_due(date)
        else:
            due = charging_decision_due(date, in_custody=journey.suspect.in_custody)
        referral = Referral(suspect=journey.suspect, kind=kind, received_on=date, due_on=due.on, priority=due.priority,
                            questions=NOT_RECORDED if kind == ReferralKind.EARLY_ADVICE else "",
                            created_by=self.account)  # fmt: skip
        # After a PRFI the police's response reopens the CPS file: a new referral, and the PRFI names it.
        latest = journey.referrals[-1] if journey.referrals else None
        waiting = next((p for p in journey.prfis if p.referral is latest and p.reopened_on is None), None)
        if waiting is not None:
            waiting.reopened_on, waiting.reopened_as = date, referral
        journey.referrals.append(referral)
        self.records.referrals.append(referral)

    @staticmethod
    def _close_plans(journey: SuspectJourney, on: date, *, prfi: bool, reason: str) -> None:
        """A decision, PRFI or police NFA closes the suspect's open plans (as ``actionplans.services`` does)."""
        event = PlanEvent.CLOSE_AS_PRFI if prfi else PlanEvent.CLOSE_WITH_THE_FILE
        for plan in journey.open_plans():
            plan.status = plan_move(plan, event, role=None)
            plan.closed_on = max(on, plan.set_on)
            plan.closing_reason = reason
        journey.facts = replace(journey.facts, open_plans=0)

    def _early_advice_given(self, *, urn: str, suspect: str, date: date) -> None:
        journey = self._suspect(suspect)
        move(journey, Move.GIVE_EARLY_ADVICE)
        referral = journey.current_file  # the open early advice referral, as the tables require
        referral.advice, referral.closed_on = NOT_RECORDED, date

    def _action_plan_set(self, *, urn: str, suspect: str, date: date, plan: str, actions: int) -> None:
        journey = self._suspect(suspect)
        if plan in self.plans:
            raise BadLine(f"{plan} was set on {urn} already")
        move(journey, Move.SET_ACTION_PLAN)
        record = ActionPlan(suspect=journey.suspect, referral=journey.current_file, label=plan, set_on=date,
                            set_by=self.account)  # fmt: skip
        steps = [
            Action(plan=record, number=n, request=NOT_RECORDED, line_of_enquiry=NOT_RECORDED,
                   proportionality=NOT_RECORDED, due_on=date)
            for n in range(1, actions + 1)
        ]  # fmt: skip
        journey.plans.append(record)
        self.plans[plan] = (record, journey, steps)
        self.records.plans.append(record)
        self.records.actions += steps

    def _action_plan_answered(self, *, urn: str, plan: str, date: date) -> None:
        if plan not in self.plans:
            raise BadLine(f"no action_plan_set for {plan} on this case")
        record, journey, steps = self.plans[plan]
        try:
            answered = plan_move(record, PlanEvent.ANSWER, role=None)
        except ValidationError as refused:  # answered twice, or closed with the file
            raise BadLine(refused.messages[0]) from refused
        for step in steps:
            step.status = action_move(step, ActionEvent.ANSWER, role=None)
            step.answered_on, step.answered_by = date, self.account
            step.response = NOT_RECORDED
        move(journey, Move.ANSWER_ACTION_PLAN)
        record.status, record.closed_on = answered, date

    def _prfi(self, *, urn: str, suspect: str, date: date) -> None:
        journey = self._suspect(suspect)
        move(journey, Move.PRFI)
        referral = journey.current_file
        prfi = Prfi(referral=referral, prfi_on=date, reason=NOT_RECORDED, recorded_by=self.account)
        journey.prfis.append(prfi)
        self.records.prfis.append(prfi)
        if referral.closed_on is None:
            referral.closed_on = date
        self._close_plans(journey, date, prfi=True, reason="Closed as PRFI")

    def _decision(self, *, urn: str, suspect: str, date: date, outcome: str, test: str = "") -> None:
        journey = self._suspect(suspect)
        if outcome == DecisionOutcome.CHARGE and not test:
            raise BadLine("a decision to charge names its test: full_code or threshold")
        threshold = test == DecisionTest.THRESHOLD
        if threshold and outcome != DecisionOutcome.CHARGE:
            raise BadLine("the Threshold Test is only for a decision to charge")
        previous = journey.decision
        if previous is not None and previous.test == DecisionTest.THRESHOLD:
            self._full_code_review(previous, date=date, outcome=outcome, test=test)
            return
        move(journey, Move.CHARGE if outcome == DecisionOutcome.CHARGE else Move.RECORD_DECISION)
        referral = journey.current_file  # the open referral for a charging decision, as the tables require
        decision = ChargingDecision(
            referral=referral, test=test or DecisionTest.FULL_CODE, outcome=outcome, decided_on=date,
            decided_by=self.account, evidential_reasons=NOT_RECORDED, public_interest_reasons=NOT_RECORDED,
            bad_character=BadCharacter.NOT_APPLICABLE, bad_character_rationale=NOT_RECORDED,
            suspect_conduct=NOT_RECORDED, full_code_review_due_on=threshold_review_due(date) if threshold else None,
            **dict.fromkeys(THRESHOLD_CONDITIONS, threshold),
        )  # fmt: skip
        self.records.decisions.append(decision)
        if outcome == DecisionOutcome.CHARGE:
            self.records.charged_offences += [(decision, offence) for offence in self.offences]
        journey.decision = decision
        referral.closed_on = date
        journey.facts = replace(journey.facts, open_referral=None)
        self._close_plans(journey, date, prfi=False, reason="Closed by the charging decision")

    def _full_code_review(self, threshold: ChargingDecision, *, date: date, outcome: str, test: str) -> None:
        """A Full Code decision after a Threshold Test charge, with no new referral, is its review."""
        if test != DecisionTest.FULL_CODE or outcome != DecisionOutcome.CHARGE:
            raise BadLine("after a Threshold Test charge, only a Full Code charge reviews it; record a "
                          "discontinuance as an outcome")  # fmt: skip
        if threshold.full_code_reviewed_on is not None:
            raise BadLine("the Threshold Test charge was reviewed under the Full Code Test already")
        threshold.full_code_reviewed_on = date

    def _police_nfa(self, *, urn: str, suspect: str, date: date, outcome_code: str = "") -> None:
        journey = self._suspect(suspect)
        move(journey, Move.RECORD_POLICE_NFA)
        self.records.police_nfas.append(
            PoliceNfa(suspect=journey.suspect, nfa_on=date, outcome_code=outcome_code, reason=NOT_RECORDED,
                      recorded_by=self.account)
        )  # fmt: skip
        self._close_plans(journey, date, prfi=False, reason="Closed by the police NFA")

    # After charge

    def _hearing(self, *, urn: str, suspect: str, date: date, court: str, kind: str, court_name: str = "") -> None:
        journey = self._suspect(suspect)
        if journey.prosecution is None:
            # Sent to the Crown Court at the first hearing: the format has no sending event.
            move(journey, Move.SEND_TO_CROWN_COURT)
            remanded = journey.suspect.in_custody
            journey.prosecution = Prosecution(suspect=journey.suspect, sent_on=date, remanded_in_custody=remanded,
                                              **prosecution_dates(date, remanded_in_custody=remanded))  # fmt: skip
            self.records.prosecutions.append(journey.prosecution)
            # As the pages do on sending: before the PTPH that sending makes due, until one is listed.
            self._review_threshold_charge_before(journey, journey.prosecution.ptph_due_on)
        if kind == HearingKind.PTPH and not any(h.kind == HearingKind.PTPH for h in journey.hearings):
            self._review_threshold_charge_before(journey, date)
        hearing = Hearing(suspect=journey.suspect, court=court, kind=kind, court_name=court_name, held_on=date)
        journey.hearings.append(hearing)
        self.records.hearings.append(hearing)
        self._hearing_moves(journey, kind, date)

    @staticmethod
    def _hearing_moves(journey: SuspectJourney, kind: str, on: date) -> None:
        """The move a hearing makes, if it makes one, as the court services make it: the PTPH held, the trial begun
        (when the tables allow it from the status now), the sentence passed. A mention, a second PTPH or another day
        of the trial leaves the status where it is."""
        held = HELD_HEARING_EVENTS.get(HearingKind(kind))
        if held is not None and held in events_allowed(journey.suspect.status, journey.facts):
            move(journey, held)
        elif kind == HearingKind.SENTENCE and journey.suspect.status != SuspectStatus.SENTENCED:
            move(journey, Move.SENTENCE)
            prosecution = cast(Prosecution, journey.prosecution)  # the tables sentence only a convicted suspect
            prosecution.sentenced_on, prosecution.sentence = on, NOT_RECORDED

    @staticmethod
    def _review_threshold_charge_before(journey: SuspectJourney, ptph_on: date) -> None:
        """A Threshold Test charge not yet reviewed is due for its Full Code review before the PTPH."""
        decision = journey.decision
        if decision is not None and decision.test == DecisionTest.THRESHOLD and decision.full_code_reviewed_on is None:
            decision.full_code_review_due_on = threshold_review_due(decision.decided_on, ptph_on=ptph_on)

    def _plea(self, *, urn: str, suspect: str, date: date, plea: str) -> None:
        journey = self._suspect(suspect)
        hearing = next((h for h in journey.hearings if h.held_on == date and id(h) not in journey.pleaded), None)
        if hearing is None:
            raise BadLine(f"no hearing of {suspect} on {date:%Y-%m-%d} without a plea")
        journey.pleaded.add(id(hearing))
        self.records.pleas.append(Plea(hearing=hearing, plea=plea))

    def _outcome(self, *, urn: str, suspect: str, date: date, result: str) -> None:
        journey = self._suspect(suspect)
        move(journey, OUTCOME_EVENTS[Result(result)])
        prosecution = journey.prosecution
        if prosecution is None:  # the tables allow a result only after sending, which the first hearing records
            raise BadLine(f"an outcome for {suspect}, who has had no hearing")
        prosecution.result, prosecution.completed_on = result, date
        if result in RESULTS_AT_A_HEARING:
            prosecution.result_hearing = [h for h in journey.hearings if h.held_on <= date][-1]

    def _judge_direction(self, *, urn: str, direction: str, set_on: date, due_on: date, complied_on: date | None = None
                         ) -> None:  # fmt: skip
        if due_on < set_on or (complied_on is not None and complied_on < set_on):
            raise BadLine("a direction is due, and complied with, on or after the day it was set")
        if complied_on is not None and complied_on > self.today:
            raise BadLine(f"the date {complied_on:%Y-%m-%d} is in the future")
        self.records.directions.append(
            JudgeDirection(case=self.case, direction=direction, set_on=set_on, due_on=due_on, complied_on=complied_on,
                           recorded_by=self.account)
        )  # fmt: skip

    # Victims

    def _victim_letter(self, *, urn: str, complainant: str, kind: str, decision_on: date | None = None,
                       sent_on: date | None = None) -> None:  # fmt: skip
        person = self._complainant(complainant)
        letter_kind = LETTER_KIND[kind]
        due_on = None
        if letter_kind in DECISION_LETTERS:
            if decision_on is None:
                raise BadLine(f"a {kind} letter names the date of the decision it reports (decision_on)")
            due_on = letter_due(decision_on, enhanced_rights=person.enhanced_rights)
        if sent_on is not None and decision_on is not None and sent_on < decision_on:
            raise BadLine("the letter was sent before the decision it reports")
        if sent_on is not None and sent_on > self.today:
            raise BadLine(f"the date {sent_on:%Y-%m-%d} is in the future")
        self.records.letters.append(
            Communication(complainant=person, kind=letter_kind, decision_on=decision_on, due_on=due_on,
                          sent_on=sent_on, channel=Channel.LETTER if sent_on else "",
                          sent_by=self.account if sent_on else None)
        )  # fmt: skip

    def _complainant_withdrew(self, *, urn: str, complainant: str, date: date, stage: str) -> None:
        person = self._complainant(complainant)
        if person.withdrew_support_on is not None:
            raise BadLine(f"{complainant} withdrew support already")
        person.withdrew_support_on, person.withdrawal_stage = date, stage


def order_events(events: list[Event]) -> list[Event]:
    """The case first, then its people (their lines carry no date), then dated events by date and file order."""
    first = {"case_reported": 0, "suspect_added": 1, "complainant_added": 1}
    return sorted(events, key=lambda e: (first.get(e.name, 2), e.on or date.min, e.line))
