"""What each measure counts, as querysets over the journey facts (``JourneyFact``, worked out from the stage tables
by ``scorecards.journey_facts``; the survey's measures read its responses): one row per counted item, with the day
that places it in a period, its place and, where the measure needs them, whether the item is a "hit" for the
numerator and the number (days, referrals) a mean or median is taken of.

Nothing here runs a query: ``scorecards.compute`` turns these into grouped SQL. A ``Source`` may read any table (the
own view's guides read stage tables the measures do not)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, F, Q, QuerySet
from django.db.models.expressions import Combinable

from cases.models.precharge import ReferralKind
from scorecards.models import FactKind, JourneyFact
from victims.models import SurveyResponse
from victims.models.review import SurveyQuestion


@dataclass(frozen=True)
class Source:
    """One table's contribution to a measure. Paths are ORM lookups from the row."""

    queryset: QuerySet[Any]
    on: str  # the date that places the item in a period
    unit: str  # what is counted once: "referral__suspect" counts suspects, "pk" counts the rows themselves
    case: str | None  # the path to the case; None for survey responses, which belong to an Area only
    hit: Q | Exists | None = None  # the numerator's condition; None when every item counts
    amount: Combinable | None = None  # the number a mean or median is taken of
    suspect: str | None = None  # the path to the suspect, for breakdowns by the suspect's characteristics
    complainant: str | None = None  # the path to the complainant, likewise
    area: str = ""  # the path to the Area, when not the case's
    force: str = ""  # the path to the police force, when not the case's

    def area_path(self) -> str:
        return self.area or f"{self.case}__cps_area"

    def force_path(self) -> str | None:
        if self.force:
            return self.force
        return f"{self.case}__police_force" if self.case else None


def _facts(
    *kinds: FactKind,
    where: Q | None = None,
    hit: Q | None = None,
    amount: str | None = None,
    suspect: bool = True,
    complainant: bool = False,
) -> list[Source]:
    """Facts of these kinds, counted once per ``unit``. A breakdown by the people reads the item's own suspect or
    complainant where it has one (``suspect``, ``complainant``), else every one of its case."""
    rows = JourneyFact.objects.filter(kind__in=kinds)
    return [
        Source(
            rows.filter(where) if where is not None else rows,
            on="day",
            unit="unit",
            case="case",
            hit=hit,
            amount=F(amount) if amount else None,
            suspect="suspect" if suspect else None,
            complainant="complainant" if complainant else None,
            area="cps_area",
            force="police_force",
        )
    ]


def referrals(kind: ReferralKind) -> list[Source]:
    early_advice = kind == ReferralKind.EARLY_ADVICE
    return _facts(FactKind.EARLY_ADVICE_REFERRAL if early_advice else FactKind.CHARGING_REFERRAL)


def legal_decisions() -> list[Source]:
    return _facts(FactKind.DECISION)


def charge_rate() -> list[Source]:
    return _facts(FactKind.DECISION, hit=Q(charged=True))


def days_to_charge() -> list[Source]:
    return _facts(FactKind.DECISION, where=Q(charged=True), amount="days")


def early_advice_within_21_days() -> list[Source]:
    """Answers only: a request closed as PRFI before the advice was given was not answered; the police's response
    to a PRFI is a new request, answered or not on its own."""
    return _facts(FactKind.EARLY_ADVICE_ANSWER, hit=Q(on_time=True))


def prfis(kind: ReferralKind) -> list[Source]:
    early_advice = kind == ReferralKind.EARLY_ADVICE
    return _facts(FactKind.EARLY_ADVICE_PRFI if early_advice else FactKind.CHARGING_PRFI)


def consultations_per_suspect() -> list[Source]:
    return _facts(FactKind.DECISION, amount="consultations")


def action_plans_set() -> list[Source]:
    return _facts(FactKind.ACTION_PLAN)


def suspects_over_two_plans_after_early_advice() -> list[Source]:
    """Counted once for each suspect with a decision or a PRFI in the period (a suspect with both, once)."""
    return _facts(
        FactKind.DECISION,
        FactKind.EARLY_ADVICE_PRFI,
        FactKind.CHARGING_PRFI,
        hit=Q(over_two_plans=True),
        suspect=False,
    )


def completed_prosecutions() -> list[Source]:
    return _facts(FactKind.COMPLETION)


def conviction_rate() -> list[Source]:
    return _facts(FactKind.COMPLETION, hit=Q(convicted=True))


def guilty_plea_first_hearing() -> list[Source]:
    return _facts(FactKind.COMPLETION, hit=Q(plea_at_first_crown_hearing=True))


def dropped_third_or_subsequent_hearing() -> list[Source]:
    return _facts(FactKind.COMPLETION, hit=Q(dropped_at_third_hearing=True))


def days_charge_to_completion() -> list[Source]:
    return _facts(FactKind.COMPLETION, amount="days")


def judge_directions_on_time() -> list[Source]:
    return _facts(FactKind.JUDGE_DIRECTION, hit=Q(on_time=True), suspect=False)


def victim_letters_on_time() -> list[Source]:
    """The letter's due date was stored with it when its clock started (1 or 5 working days after the decision)."""
    return _facts(FactKind.VICTIM_LETTER, hit=Q(on_time=True), suspect=False, complainant=True)


def complainant_withdrawals(stage: str = "") -> list[Source]:
    where = Q(withdrawal_stage=stage) if stage else None
    return _facts(FactKind.WITHDRAWAL, where=where, suspect=False, complainant=True)


def survey(question: SurveyQuestion) -> list[Source]:
    """Survey responses are not part of a case's journey: their own table is already one narrow row each, with its
    Area at most (no case, so no police force and no breakdown)."""
    return [
        Source(
            SurveyResponse.objects.filter(question=question),
            on="responded_on",
            unit="pk",
            case=None,
            hit=Q(agree=True),
            area="cps_area",
        )
    ]
