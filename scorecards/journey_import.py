"""Importing journey files (INTERCHANGE.md, version 1) into the same tables the pages write, so that every measure
reads one set of tables.

A file is imported all or nothing, in one transaction: every line is checked, alone and against the case's other
events in date order (then file order), and any bad line rejects the whole file with a report of every bad line.
The same file imported again changes nothing (its SHA-256 is kept); a case whose URN the service already holds is a
bad line. Records are written with bulk inserts, a few thousand cases at a time. What the format does not carry
(reasons, advice, an action's wording) is written as "Not recorded in the imported history"; the people who took
each step are the service's journey-import account."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.utils import timezone

from accounts.models import CpsArea, PoliceForce, User
from accounts.roles import Role
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
from cases.transitions import PreChargeStatus
from scorecards.journey_format import Event, LineError, read_lines
from scorecards.models import ImportStatus, JourneyImport
from victims.letters import letter_due
from victims.models import Communication, Complainant, SurveyResponse
from victims.models.communications import DECISION_LETTERS, CommunicationKind
from victims.models.complainant import Channel

NOT_RECORDED = "Not recorded in the imported history."
IMPORT_ACCOUNT = "journey-import"
CASES_PER_WRITE = 2_000
MAX_REPORTED_ERRORS = 100_000
URNS_PER_QUERY = 10_000  # SQLite binds at most 32,766 values in one statement
LETTER_KIND: dict[str, str] = {"hello": CommunicationKind.INTRODUCTION, **{kind: kind for kind in DECISION_LETTERS}}
WAITING_ON = {ReferralKind.EARLY_ADVICE: PreChargeStatus.EARLY_ADVICE_REQUESTED, ReferralKind.CHARGING_DECISION:
              PreChargeStatus.REFERRED}  # fmt: skip
Progress = Callable[[int], None]


class BadLine(Exception):  # noqa: N818 - a line of the file, not a program error
    pass


class Rejected(Exception):  # noqa: N818
    def __init__(self, errors: list[LineError]) -> None:
        super().__init__(f"{len(errors)} bad lines")
        self.errors = errors


def import_account() -> User:
    """The account named as the author of imported steps: an administrator that cannot sign in."""
    user, _ = User.objects.get_or_create(
        username=IMPORT_ACCOUNT,
        defaults={"role": Role.ADMINISTRATOR, "is_active": False, "first_name": "Journey", "last_name": "import",
                  "password": make_password(None)},
    )  # fmt: skip
    return user


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
        journey.suspect.pre_charge_status = WAITING_ON[ReferralKind(kind)]

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
        journey.suspect.pre_charge_status = PreChargeStatus.EARLY_ADVICE_GIVEN

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
        journey.suspect.pre_charge_status = PreChargeStatus.ACTION_PLAN

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
        journey.suspect.pre_charge_status = WAITING_ON[ReferralKind(record.referral.kind)]

    def _prfi(self, *, urn: str, suspect: str, date: date) -> None:
        journey = self._suspect(suspect)
        referral = self._open_referral(journey, "PRFI")
        journey.last_prfi = Prfi(referral=referral, prfi_on=date, reason=NOT_RECORDED, recorded_by=self.account)
        self.records.prfis.append(journey.last_prfi)
        self._close(journey, date, PlanStatus.PRFI, "Closed as PRFI")
        journey.suspect.pre_charge_status = PreChargeStatus.PRFI

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
        journey.suspect.pre_charge_status = PreChargeStatus.DECIDED

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
        journey.suspect.pre_charge_status = PreChargeStatus.POLICE_NFA

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


def _order(events: list[Event]) -> list[Event]:
    """The case first, then its people (their lines carry no date), then dated events by date and file order."""
    first = {"case_reported": 0, "suspect_added": 1, "complainant_added": 1}
    return sorted(events, key=lambda e: (first.get(e.name, 2), e.on or date.min, e.line))


def _write(records: Records) -> None:
    def bulk(model: type[models.Model], rows: list[Any]) -> None:
        model.objects.bulk_create(rows, batch_size=CASES_PER_WRITE)  # type: ignore[attr-defined]

    bulk(Case, records.cases)
    bulk(Case.offences.through, [Case.offences.through(case=c, offence=o) for c, o in records.case_offences])
    bulk(Case.flags.through, [Case.flags.through(case=c, caseflag=f) for c, f in records.case_flags])
    bulk(Suspect, records.suspects)
    bulk(Complainant, records.complainants)
    bulk(Referral, records.referrals)
    bulk(ChargingDecision, records.decisions)
    through = ChargingDecision.charged_offences.through
    bulk(through, [through(chargingdecision=d, offence=o) for d, o in records.charged_offences])
    for name in ("prfis", "police_nfas", "plans", "actions", "hearings", "prosecutions", "pleas", "directions",
                 "letters", "timeline"):  # fmt: skip
        rows = getattr(records, name)
        if rows:
            bulk(type(rows[0]), rows)


@dataclass
class Outcome:
    cases: int = 0
    events: int = 0
    errors: list[LineError] = field(default_factory=list)


def _survey_responses(events: list[Event], reference: Reference, errors: list[LineError]) -> list[SurveyResponse]:
    responses = []
    for event in events:
        area_name = event.fields.get("cps_area")
        if area_name is not None and area_name not in reference.areas:
            errors.append(LineError(event.line, f"unknown CPS Area “{area_name}”"))
            continue
        responses.append(
            SurveyResponse(cps_area=reference.areas.get(area_name or ""), question=event.fields["question"],
                           agree=event.fields["agree"], responded_on=event.fields["date"])
        )  # fmt: skip
    return responses


def _by_case(
    parsed: Iterable[Event | LineError], errors: list[LineError]
) -> tuple[dict[str, list[Event]], list[Event]]:
    cases: dict[str, list[Event]] = defaultdict(list)
    surveys = []
    for item in parsed:
        if isinstance(item, LineError):
            errors.append(item)
        elif item.urn is None:
            surveys.append(item)
        else:
            cases[item.urn].append(item)
    return cases, surveys


def _check_cases(cases: dict[str, list[Event]], errors: list[LineError]) -> set[str]:
    """Every case is reported exactly once in the file, and is new to the service; returns the URNs never reported,
    whose events are not checked further."""
    urns = list(cases)
    existing = {
        urn
        for start in range(0, len(urns), URNS_PER_QUERY)
        for urn in Case.objects.filter(urn__in=urns[start : start + URNS_PER_QUERY]).values_list("urn", flat=True)
    }
    for urn, events in cases.items():
        reported = [event for event in events if event.name == "case_reported"]
        if not reported:
            errors += [LineError(e.line, f"no case_reported for {urn} in this file") for e in events]
        for event in reported[1:]:
            errors.append(LineError(event.line, f"{urn} was reported already on line {reported[0].line}"))
        if reported and urn in existing:
            errors.append(LineError(reported[0].line, f"a case with the URN {urn} is already in the service"))
    return {urn for urn, events in cases.items() if not any(e.name == "case_reported" for e in events)}


def import_lines(lines: Iterable[bytes], *, progress: Progress | None = None) -> Outcome:
    """Check and write the events of a file in one transaction; raises Rejected (nothing written) with every bad
    line. ``progress`` is told the number of events applied so far."""
    errors: list[LineError] = []
    cases, surveys = _by_case(read_lines(lines), errors)
    unreported = _check_cases(cases, errors)
    reference, account, today = Reference.load(), import_account(), timezone.localdate()
    outcome = Outcome()
    with transaction.atomic():
        records = Records()
        for urn, urn_events in cases.items():
            if urn in unreported:
                continue
            journey = CaseJourney(records, reference, account, today)
            for event in _order(urn_events):
                try:
                    journey.apply(event)
                except BadLine as error:
                    errors.append(LineError(event.line, str(error)))
                    if journey.case is None:
                        break
            outcome.cases += 1
            outcome.events += len(urn_events)
            if progress is not None:
                progress(outcome.events)
            if len(records.cases) >= CASES_PER_WRITE:
                if not errors:
                    _write(records)
                records = Records()
        responses = _survey_responses(surveys, reference, errors)
        if errors:
            raise Rejected(sorted(errors, key=lambda e: e.line)[:MAX_REPORTED_ERRORS])
        _write(records)
        SurveyResponse.objects.bulk_create(responses, batch_size=CASES_PER_WRITE)
        outcome.events += len(responses)
    return outcome


def run_import(
    journey_import: JourneyImport, lines: list[bytes], *, progress: Progress | None = None
) -> JourneyImport:
    """Import a file recorded as ``journey_import``, and record how it ended: imported, unchanged or rejected. An
    imported file's record is saved in the transaction that writes its cases, so a repeat can never import it twice."""
    journey_import.lines_total = journey_import.lines_done = len(lines)
    journey_import.content = b""
    journey_import.finished_at = timezone.now()
    if JourneyImport.objects.filter(sha256=journey_import.sha256, status=ImportStatus.IMPORTED).exists():
        journey_import.status = ImportStatus.UNCHANGED
        journey_import.save()
        return journey_import
    try:
        with transaction.atomic():
            outcome = import_lines(lines, progress=progress)
            journey_import.status = ImportStatus.IMPORTED
            journey_import.cases, journey_import.events = outcome.cases, outcome.events
            journey_import.finished_at = timezone.now()
            journey_import.save()
    except Rejected as rejected:
        journey_import.status = ImportStatus.REJECTED
        journey_import.errors = [{"line": e.line, "reason": e.reason} for e in rejected.errors]
        journey_import.finished_at = timezone.now()
        journey_import.save()
    if progress is not None:
        progress(len(lines))
    return journey_import
