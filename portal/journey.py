"""What a complainant (or their ISVA) reads of their case, gathered for the journey page: for each person they
reported, where it is now and what comes next in plain words (``cases.plain_words``), how long that usually takes
(``scorecards.guides``), the steps so far and the court dates; then the special measures granted to them, the letters
sent to them and their ISVA.

Only what the complainant is told is read: a step's date and kind from the suspect's records, never a reason, an
advice, an action's words, what happened at a hearing, a caseworker's note, a suspect's name or label, or another
complainant of the case. The people reported are named by their order ("The first person you reported")."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.functional import Promise

from actionplans.models import ActionPlan, PlanStatus
from cases.models import ChargingDecision, Hearing, PoliceNfa, Prfi, Prosecution, Referral, Suspect, Trial
from cases.models.court import HearingKind, Result
from cases.models.precharge import DecisionOutcome, ReferralKind
from cases.plain_words import HEARINGS, PLAIN_STEPS, RESULTS, PastStep, PlainStep, person_reported
from cases.transitions import SuspectStatus
from portal.wording import LETTERS, SPECIAL_MEASURES
from scorecards.guides import TypicalDuration, typical_duration
from victims.invitations import letters_shown
from victims.models import CommunicationKind, Invitation, Isva
from victims.models.court import MeasureStatus, SpecialMeasure, SpecialMeasureKind
from victims.own_requests import vrr_deadline


@dataclass(frozen=True)
class Step:
    on: date
    text: Promise | str


@dataclass(frozen=True)
class CourtDate:
    on: date
    what: Promise
    court: str  # the court's name, where recorded
    to_come: bool


@dataclass(frozen=True)
class PersonJourney:
    name: str  # "The first person you reported"; empty when they reported one person
    step: PlainStep
    guide: TypicalDuration | None
    past: list[Step]
    court_dates: list[CourtDate]
    trial_on: date | None  # the trial's date once fixed


@dataclass(frozen=True)
class Letter:
    pk: int
    kind: Promise
    sent_on: date


@dataclass(frozen=True)
class Measure:
    text: Promise
    recording_on: date | None  # a pre-recorded cross-examination's date


@dataclass(frozen=True)
class Journey:
    invitation: Invitation
    people: list[PersonJourney]
    measures: list[Measure]
    letters: list[Letter]
    isva: Isva | None
    review_by: date | None  # the last day to ask for a Victims' Right to Review, while one may be asked for

    @property
    def for_isva(self) -> bool:
        return self.invitation.for_isva

    @property
    def heading(self) -> int:
        """The level of the headings within a person's part: under their own heading when there are several."""
        return 3 if len(self.people) > 1 else 2


Steps = dict[int, list[tuple[date, int, Promise | str]]]  # by suspect: each step's date, order that day, words


def _add(steps: Steps, suspect_id: int, on: date | None, order: int, text: Promise | str) -> None:
    if on is not None:
        steps[suspect_id].append((on, order, text))


def _steps_before_charge(steps: Steps, ids: list[int]) -> None:
    referrals = Referral.objects.filter(suspect__in=ids)
    for suspect_id, kind, received_on in referrals.values_list("suspect", "kind", "received_on"):
        early = kind == ReferralKind.EARLY_ADVICE
        _add(steps, suspect_id, received_on, 1, PastStep.EARLY_ADVICE_ASKED if early else PastStep.SENT_FOR_DECISION)
    answered = referrals.filter(kind=ReferralKind.EARLY_ADVICE).exclude(advice="")
    for suspect_id, closed_on in answered.values_list("suspect", "closed_on"):
        _add(steps, suspect_id, closed_on, 3, PastStep.EARLY_ADVICE_GIVEN)
    plans = ActionPlan.objects.filter(suspect__in=ids).values_list("suspect", "set_on", "status", "closed_on")
    for suspect_id, set_on, status, closed_on in plans:
        _add(steps, suspect_id, set_on, 2, PastStep.MORE_WORK_ASKED)
        if status == PlanStatus.ANSWERED:
            _add(steps, suspect_id, closed_on, 2, PastStep.MORE_WORK_DONE)
    for suspect_id, prfi_on in Prfi.objects.filter(referral__suspect__in=ids).values_list(
        "referral__suspect", "prfi_on"
    ):
        _add(steps, suspect_id, prfi_on, 4, PastStep.ON_HOLD)
    decisions = ChargingDecision.objects.filter(referral__suspect__in=ids)
    for suspect_id, outcome, decided_on in decisions.values_list("referral__suspect", "outcome", "decided_on"):
        charged = outcome == DecisionOutcome.CHARGE
        _add(steps, suspect_id, decided_on, 5, PastStep.CHARGED if charged else PastStep.NOT_CHARGED)
    for suspect_id, nfa_on in PoliceNfa.objects.filter(suspect__in=ids).values_list("suspect", "nfa_on"):
        _add(steps, suspect_id, nfa_on, 5, PastStep.POLICE_NO_ACTION)


def _steps_at_court(steps: Steps, ids: list[int]) -> None:
    prosecutions = Prosecution.objects.filter(suspect__in=ids).values_list(
        "suspect", "sent_on", "result", "completed_on", "sentenced_on"
    )
    for suspect_id, sent_on, result, completed_on, sentenced_on in prosecutions:
        _add(steps, suspect_id, sent_on, 6, PastStep.SENT_TO_CROWN_COURT)
        if result:
            _add(steps, suspect_id, completed_on, 7, RESULTS[Result(result)])
        _add(steps, suspect_id, sentenced_on, 8, PastStep.SENTENCED)


def _past_steps(suspects: list[Suspect]) -> Steps:
    """Each suspect's steps so far, read from their records' dates and kinds only."""
    steps: Steps = defaultdict(list)
    ids = [suspect.pk for suspect in suspects]
    _steps_before_charge(steps, ids)
    _steps_at_court(steps, ids)
    return steps


def _court_dates(suspects: list[Suspect], today: date) -> tuple[dict[int, list[CourtDate]], dict[int, date]]:
    ids = [suspect.pk for suspect in suspects]
    hearings: dict[int, list[CourtDate]] = defaultdict(list)
    for suspect_id, kind, court_name, held_on in Hearing.objects.filter(suspect__in=ids).values_list(
        "suspect", "kind", "court_name", "held_on"
    ):
        hearings[suspect_id].append(CourtDate(held_on, HEARINGS[HearingKind(kind)], court_name, held_on >= today))
    trials = Trial.objects.filter(suspect__in=ids, outcome="").order_by("listed_for", "id")
    trial_on = dict(trials.values_list("suspect", "listed_for"))
    return hearings, trial_on


def journey_of(invitation: Invitation, *, today: date | None = None) -> Journey:
    """The journey page's contents for a standing invitation."""
    today = today or timezone.localdate()
    complainant = invitation.complainant
    case = complainant.case
    suspects = list(Suspect.objects.filter(case=case).order_by("pk").only("pk", "status", "case"))
    steps = _past_steps(suspects)
    hearings, trial_on = _court_dates(suspects, today)
    guides: dict[str, TypicalDuration | None] = {}
    people = []
    reported = Step(case.reported_on, PastStep.REPORTED)
    for position, suspect in enumerate(suspects, start=1):
        plain = PLAIN_STEPS[SuspectStatus(suspect.status)]
        if plain.guide is not None and plain.guide not in guides:
            guides[plain.guide] = typical_duration(plain.guide, case, today=today)
        past = [reported, *(Step(on, text) for on, _, text in sorted(steps[suspect.pk], key=lambda s: s[:2]))]
        people.append(
            PersonJourney(
                name=person_reported(position) if len(suspects) > 1 else "",
                step=plain,
                guide=guides.get(plain.guide) if plain.guide else None,
                past=past,
                court_dates=sorted(hearings[suspect.pk], key=lambda h: h.on),
                trial_on=trial_on.get(suspect.pk),
            )
        )
    granted = SpecialMeasure.objects.filter(complainant=complainant, status=MeasureStatus.GRANTED)
    measures = [
        Measure(SPECIAL_MEASURES[SpecialMeasureKind(measure)], recording_on)
        for measure, recording_on in granted.values_list("measure", "s28_recording_on")
    ]
    sent = letters_shown(invitation)
    letters = [
        Letter(pk, LETTERS[CommunicationKind(kind)], sent_on)
        for pk, kind, sent_on in sent.values_list("pk", "kind", "sent_on")
        if sent_on is not None
    ]
    review_by = vrr_deadline(complainant)
    return Journey(
        invitation=invitation,
        people=people,
        measures=measures,
        letters=letters,
        isva=Isva.objects.filter(complainant=complainant).first(),
        review_by=review_by if review_by is not None and review_by >= today else None,
    )
