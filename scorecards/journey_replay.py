"""Replaying one case's journey: its events, in date order, applied to unsaved records of the same tables the pages
write, refusing what the journey does not allow (a decision with no open referral, a hearing before charge, an
outcome before the first hearing, a date in the future...). ``scorecards.journey_import`` writes what this builds.

What the format does not carry (reasons, advice, an action's wording) is written as "Not recorded in the imported
history"; the people who took each step are the service's journey-import account. A decision after a Threshold Test
charge with no new referral is its Full Code review; a referral of the same kind after PRFI reopens the PRFI'd
referral, as the pages do."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from accounts.models import CpsArea, PoliceForce, User
from actionplans.models import Action, ActionPlan, ActionStatus, PlanStatus
from cases.deadlines import charging_decision_due, early_advice_due, threshold_review_due
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
from cases.models.court import RESULTS_AT_A_HEARING
from cases.models.precharge import THRESHOLD_CONDITIONS, BadCharacter, DecisionOutcome, DecisionTest, ReferralKind
from cases.models.timeline import Stage
from cases.services.court import prosecution_dates
from cases.transitions import SuspectStatus
from scorecards.journey_format import Event
from victims.letters import letter_due
from victims.models import Communication, Complainant
from victims.models.communications import DECISION_LETTERS, CommunicationKind
from victims.models.complainant import Channel

NOT_RECORDED = "Not recorded in the imported history."
LETTER_KIND: dict[str, str] = {"hello": CommunicationKind.INTRODUCTION, **{kind: kind for kind in DECISION_LETTERS}}
WAITING_ON = {ReferralKind.EARLY_ADVICE: SuspectStatus.EARLY_ADVICE_REQUESTED, ReferralKind.CHARGING_DECISION:
              SuspectStatus.REFERRED}  # fmt: skip


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
    suspect: Suspect
    open_referral: Referral | None = None
    open_plan: ActionPlan | None = None
    last_prfi: Prfi | None = None
    last_decision: ChargingDecision | None = None
    charge: ChargingDecision | None = None
    hearings: list[Hearing] = field(default_factory=list)
    pleaded: set[int] = field(default_factory=set)  # the hearings (by id()) that have a plea
    prosecution: Prosecution | None = None


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
        self.records.timeline.append(
            TimelineEvent(case=self.case, verb="journey_imported", stage=Stage.CASE, summary="Journey imported")
        )

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
        if journey.open_referral is not None:
            raise BadLine(f"{suspect} already has an open {journey.open_referral.kind} referral")
        prfi = journey.last_prfi
        if prfi is not None and prfi.reopened_on is None and prfi.referral.kind == kind:
            # The police respond to a PRFI: the same referral is open again, as the pages reopen it.
            prfi.reopened_on = date
            prfi.referral.closed_on = None
            journey.open_referral = prfi.referral
        else:
            in_custody = journey.suspect.in_custody
            due = early_advice_due(date) if kind == ReferralKind.EARLY_ADVICE else charging_decision_due(
                date, in_custody=in_custody)  # fmt: skip
            referral = Referral(suspect=journey.suspect, kind=kind, received_on=date, due_on=due.on,
                                priority=due.priority, created_by=self.account)  # fmt: skip
            if kind == ReferralKind.EARLY_ADVICE:
                referral.questions = NOT_RECORDED
            journey.open_referral = referral
            self.records.referrals.append(referral)
        journey.suspect.status = WAITING_ON[ReferralKind(kind)]

    def _open_referral(self, journey: SuspectJourney, what: str) -> Referral:
        if journey.open_referral is None:
            raise BadLine(f"{what} for {journey.suspect.label}, who has no open referral")
        return journey.open_referral

    def _close(self, journey: SuspectJourney, on: date, status: PlanStatus, reason: str) -> None:
        referral = self._open_referral(journey, "closing a referral")
        referral.closed_on = on
        journey.open_referral = None
        if journey.open_plan is not None:
            plan = journey.open_plan
            plan.status, plan.closed_on, plan.closing_reason = status, max(on, plan.set_on), reason
            journey.open_plan = None

    def _early_advice_given(self, *, urn: str, suspect: str, date: date) -> None:
        journey = self._suspect(suspect)
        referral = self._open_referral(journey, "early advice given")
        if referral.kind != ReferralKind.EARLY_ADVICE:
            raise BadLine(f"{suspect}'s open referral is for a charging decision, not early advice")
        referral.advice = NOT_RECORDED
        self._close(journey, date, PlanStatus.WITHDRAWN, "Closed when early advice was given")
        journey.suspect.status = SuspectStatus.EARLY_ADVICE_GIVEN

    def _action_plan_set(self, *, urn: str, suspect: str, date: date, plan: str, actions: int) -> None:
        journey = self._suspect(suspect)
        referral = self._open_referral(journey, "an action plan")
        if plan in self.plans:
            raise BadLine(f"{plan} was set on {urn} already")
        if journey.open_plan is not None:
            raise BadLine(f"{journey.open_plan.label} is still open on {suspect}'s referral")
        record = ActionPlan(suspect=journey.suspect, referral=referral, label=plan, set_on=date, set_by=self.account)
        steps = [
            Action(plan=record, number=n, request=NOT_RECORDED, line_of_enquiry=NOT_RECORDED,
                   proportionality=NOT_RECORDED, due_on=date)
            for n in range(1, actions + 1)
        ]  # fmt: skip
        journey.open_plan = record
        self.plans[plan] = (record, journey, steps)
        self.records.plans.append(record)
        self.records.actions += steps
        journey.suspect.status = SuspectStatus.ACTION_PLAN

    def _action_plan_answered(self, *, urn: str, plan: str, date: date) -> None:
        if plan not in self.plans:
            raise BadLine(f"no action_plan_set for {plan} on this case")
        record, journey, steps = self.plans[plan]
        if record.status != PlanStatus.OPEN:
            raise BadLine(f"{plan} is already {record.get_status_display().lower()}")
        if date < record.set_on:
            raise BadLine(f"{plan} was answered before it was set")
        record.status, record.closed_on = PlanStatus.ANSWERED, date
        for step in steps:
            step.status, step.answered_on, step.answered_by = ActionStatus.ANSWERED, date, self.account
            step.response = NOT_RECORDED
        journey.open_plan = None
        journey.suspect.status = WAITING_ON[ReferralKind(record.referral.kind)]

    def _prfi(self, *, urn: str, suspect: str, date: date) -> None:
        journey = self._suspect(suspect)
        referral = self._open_referral(journey, "PRFI")
        journey.last_prfi = Prfi(referral=referral, prfi_on=date, reason=NOT_RECORDED, recorded_by=self.account)
        self.records.prfis.append(journey.last_prfi)
        self._close(journey, date, PlanStatus.PRFI, "Closed as PRFI")
        journey.suspect.status = SuspectStatus.PRFI

    def _decision(self, *, urn: str, suspect: str, date: date, outcome: str, test: str = "") -> None:
        journey = self._suspect(suspect)
        if outcome == DecisionOutcome.CHARGE and not test:
            raise BadLine("a decision to charge names its test: full_code or threshold")
        previous = journey.last_decision
        if journey.open_referral is None and previous is not None and previous.test == DecisionTest.THRESHOLD:
            self._full_code_review(previous, date=date, outcome=outcome, test=test)
            return
        referral = self._open_referral(journey, "a decision")
        if referral.kind != ReferralKind.CHARGING_DECISION:
            raise BadLine(f"{suspect}'s open referral is for early advice, not a charging decision")
        threshold = test == DecisionTest.THRESHOLD
        if threshold and outcome != DecisionOutcome.CHARGE:
            raise BadLine("the Threshold Test is only for a decision to charge")
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
            journey.charge = journey.charge or decision
        journey.last_decision = decision
        self._close(journey, date, PlanStatus.WITHDRAWN, "Closed by the charging decision")
        journey.suspect.status = SuspectStatus.DECIDED

    def _full_code_review(self, threshold: ChargingDecision, *, date: date, outcome: str, test: str) -> None:
        """A Full Code decision after a Threshold Test charge, with no new referral, is its review."""
        if test != DecisionTest.FULL_CODE or outcome != DecisionOutcome.CHARGE:
            raise BadLine("after a Threshold Test charge, only a Full Code charge reviews it; record a "
                          "discontinuance as an outcome")  # fmt: skip
        if threshold.full_code_reviewed_on is not None:
            raise BadLine("the Threshold Test charge was reviewed under the Full Code Test already")
        threshold.full_code_reviewed_on = date

    def _police_nfa(self, *, urn: str, suspect: str, date: date) -> None:
        journey = self._suspect(suspect)
        if journey.open_referral is not None:
            raise BadLine(f"{suspect}'s referral to the CPS is still open")
        self.records.police_nfas.append(
            PoliceNfa(suspect=journey.suspect, nfa_on=date, reason=NOT_RECORDED, recorded_by=self.account)
        )
        journey.suspect.status = SuspectStatus.POLICE_NFA

    # After charge

    def _hearing(self, *, urn: str, suspect: str, date: date, court: str, kind: str) -> None:
        journey = self._suspect(suspect)
        if journey.charge is None:
            raise BadLine(f"a hearing for {suspect}, who has not been charged")
        if date < journey.charge.decided_on:
            raise BadLine(f"a hearing before {suspect} was charged")
        hearing = Hearing(suspect=journey.suspect, court=court, kind=kind, held_on=date)
        journey.hearings.append(hearing)
        self.records.hearings.append(hearing)
        if journey.prosecution is None:
            # Sent to the Crown Court at the first hearing: the format has no sending event.
            remanded = journey.suspect.in_custody
            journey.prosecution = Prosecution(suspect=journey.suspect, sent_on=date, remanded_in_custody=remanded,
                                              **prosecution_dates(date, remanded_in_custody=remanded))  # fmt: skip
            self.records.prosecutions.append(journey.prosecution)

    def _plea(self, *, urn: str, suspect: str, date: date, plea: str) -> None:
        journey = self._suspect(suspect)
        hearing = next((h for h in journey.hearings if h.held_on == date and id(h) not in journey.pleaded), None)
        if hearing is None:
            raise BadLine(f"no hearing of {suspect} on {date:%Y-%m-%d} without a plea")
        journey.pleaded.add(id(hearing))
        self.records.pleas.append(Plea(hearing=hearing, plea=plea))

    def _outcome(self, *, urn: str, suspect: str, date: date, result: str) -> None:
        journey = self._suspect(suspect)
        prosecution = journey.prosecution
        if prosecution is None:
            raise BadLine(f"an outcome for {suspect}, who has had no hearing")
        if prosecution.result:
            raise BadLine(f"{suspect}'s prosecution already has its outcome")
        if date < prosecution.sent_on:
            raise BadLine(f"an outcome before {suspect}'s first hearing")
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
