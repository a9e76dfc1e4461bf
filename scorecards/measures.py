"""The registry of measures: INTERCHANGE.md "Measures, version 1" with its ids, and DOMAIN.md's further measures that
can be defined honestly from what the service records. Each says what it counts, over what, in which unit, which
stage tables it reads, and which suppression family it belongs to (measures whose figures can be derived from one
another are suppressed together)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import partial

from cases.models.precharge import ReferralKind
from scorecards import facts
from victims.models.complainant import WithdrawalStage
from victims.models.review import SurveyQuestion

VERSION = "1"


class Kind(StrEnum):
    COUNT = "count"
    RATE = "rate"
    MEAN = "mean"
    MEDIAN = "median"


class Group(StrEnum):
    PRE_CHARGE = "Referrals and charging"
    ACTION_PLANS = "Action plans and PRFI"
    COURT = "Court"
    VICTIMS = "Victims"


@dataclass(frozen=True)
class Measure:
    id: str
    title: str
    definition: str
    kind: Kind
    group: Group
    numerator: str
    denominator: str
    unit: str
    reads: tuple[str, ...]
    sources: Callable[[], list[facts.Source]]
    family: str = ""  # measures that share a count; defaults to the measure's own id
    in_contract: bool = True  # one of INTERCHANGE.md's version 1 measures

    @property
    def suppression_family(self) -> str:
        return self.family or self.id

    @property
    def has_force_figures(self) -> bool:
        """Survey responses belong to an Area at most, so their measures have no police force figures."""
        return all(source.case is not None for source in self.sources())


SUSPECTS = "suspects"
REFERRALS = ("cases_referral",)
DECISIONS = ("cases_chargingdecision", "cases_referral")
COMPLETED = ("cases_prosecution",)

MEASURES: tuple[Measure, ...] = (
    Measure(
        "referrals_early_advice",
        "Suspects referred for early advice",
        "Suspects with at least one early advice referral received in the period.",
        Kind.COUNT,
        Group.PRE_CHARGE,
        "suspects with an early advice referral received in the period",
        "",
        SUSPECTS,
        REFERRALS,
        partial(facts.referrals, ReferralKind.EARLY_ADVICE),
    ),
    Measure(
        "referrals_charging_decision",
        "Suspects referred for a charging decision",
        "Suspects with at least one referral for a charging decision received in the period.",
        Kind.COUNT,
        Group.PRE_CHARGE,
        "suspects with a charging decision referral received in the period",
        "",
        SUSPECTS,
        REFERRALS,
        partial(facts.referrals, ReferralKind.CHARGING_DECISION),
    ),
    Measure(
        "legal_decisions",
        "Legal decisions",
        "Suspects with a charging decision in the period: charge, NFA, out-of-court disposal or other. PRFI is not a "
        "legal decision. The Full Code review of a Threshold Test charge is not a second decision.",
        Kind.COUNT,
        Group.PRE_CHARGE,
        "suspects with a decision in the period",
        "",
        SUSPECTS,
        DECISIONS,
        facts.legal_decisions,
        family="decisions",
    ),
    Measure(
        "charge_rate",
        "Charge rate",
        "Suspects whose decision in the period was to charge, out of all suspects with a legal decision in the "
        "period.",
        Kind.RATE,
        Group.PRE_CHARGE,
        "suspects charged in the period",
        "suspects with a legal decision in the period",
        "rate",
        DECISIONS,
        facts.charge_rate,
        family="decisions",
    ),
    Measure(
        "mean_days_to_charge",
        "Mean days to charge",
        "Over suspects charged in the period: the mean number of calendar days from their first referral of any "
        "kind (early advice or charging decision) to the decision to charge.",
        Kind.MEAN,
        Group.PRE_CHARGE,
        "total days",
        "suspects charged in the period",
        "days",
        DECISIONS,
        facts.days_to_charge,
        family="decisions",
    ),
    Measure(
        "median_days_to_charge",
        "Median days to charge",
        "Over suspects charged in the period: the median of the calendar days from their first referral of any kind "
        "to the decision to charge (of an even count, the mean of the two middle values).",
        Kind.MEDIAN,
        Group.PRE_CHARGE,
        "",
        "suspects charged in the period",
        "days",
        DECISIONS,
        facts.days_to_charge,
        family="decisions",
    ),
    Measure(
        "early_advice_within_21_days",
        "Early advice within 21 days",
        "Early advice answers given in the period within 21 calendar days of the request, out of all early advice "
        "answers given in the period. A request closed as PRFI before the advice was given was not answered.",
        Kind.RATE,
        Group.PRE_CHARGE,
        "answers given within 21 days",
        "answers given in the period",
        "rate",
        REFERRALS,
        facts.early_advice_within_21_days,
    ),
    Measure(
        "prfi_early_advice",
        "PRFI at early advice",
        "Suspects whose early advice referral was closed as PRFI (pending further investigation) in the period.",
        Kind.COUNT,
        Group.ACTION_PLANS,
        "suspects PRFI'd in the period from early advice",
        "",
        SUSPECTS,
        ("cases_prfi", "cases_referral"),
        partial(facts.prfis, ReferralKind.EARLY_ADVICE),
    ),
    Measure(
        "prfi_charging_decision",
        "PRFI at charging decision",
        "Suspects whose referral for a charging decision was closed as PRFI in the period.",
        Kind.COUNT,
        Group.ACTION_PLANS,
        "suspects PRFI'd in the period from a charging decision referral",
        "",
        SUSPECTS,
        ("cases_prfi", "cases_referral"),
        partial(facts.prfis, ReferralKind.CHARGING_DECISION),
    ),
    Measure(
        "consultations_per_suspect",
        "Consultations per suspect",
        "Over suspects with a decision in the period: the mean number of referrals of both kinds they had up to that "
        "decision. A referral received after PRFI is a new referral, counted on the day it was received.",
        Kind.MEAN,
        Group.PRE_CHARGE,
        "total referrals",
        "suspects with a decision in the period",
        "referrals",
        DECISIONS,
        facts.consultations_per_suspect,
        family="decisions",
    ),
    Measure(
        "action_plans_set",
        "Action plans set",
        "Action plans a prosecutor set in the period.",
        Kind.COUNT,
        Group.ACTION_PLANS,
        "plans set in the period",
        "",
        "plans",
        ("actionplans_actionplan",),
        facts.action_plans_set,
    ),
    Measure(
        "suspects_over_two_plans_after_early_advice",
        "Suspects with more than two plans after early advice",
        "Suspects with a decision or PRFI in the period who had more than two action plans set on or after their "
        "first early advice referral (the proportionality queue).",
        Kind.COUNT,
        Group.ACTION_PLANS,
        "suspects with a decision or PRFI and more than two plans",
        "",
        SUSPECTS,
        ("actionplans_actionplan", "cases_chargingdecision", "cases_prfi", "cases_referral"),
        facts.suspects_over_two_plans_after_early_advice,
    ),
    Measure(
        "completed_prosecutions",
        "Completed prosecutions",
        "Suspects whose prosecution reached an outcome in the period.",
        Kind.COUNT,
        Group.COURT,
        "suspects with an outcome in the period",
        "",
        SUSPECTS,
        COMPLETED,
        facts.completed_prosecutions,
        family="completed",
    ),
    Measure(
        "conviction_rate",
        "Conviction rate",
        "Outcomes in the period that were a guilty plea or a conviction after trial, out of completed prosecutions.",
        Kind.RATE,
        Group.COURT,
        "convictions in the period",
        "completed prosecutions in the period",
        "rate",
        COMPLETED,
        facts.conviction_rate,
        family="completed",
    ),
    Measure(
        "guilty_plea_first_hearing",
        "Guilty plea at the first Crown Court hearing",
        "Completed prosecutions in the period whose suspect pleaded guilty at their first Crown Court hearing, out of "
        "completed prosecutions.",
        Kind.RATE,
        Group.COURT,
        "completed prosecutions with a guilty plea at the first Crown Court hearing",
        "completed prosecutions in the period",
        "rate",
        ("cases_prosecution", "cases_hearing", "cases_plea"),
        facts.guilty_plea_first_hearing,
        family="completed",
    ),
    Measure(
        "dropped_third_or_subsequent_hearing",
        "Dropped at the third or a later hearing",
        "Completed prosecutions in the period that were discontinued, or in which no evidence was offered, on or "
        "after the suspect's third hearing (magistrates' and Crown Court hearings numbered together in date order), "
        "out of completed prosecutions.",
        Kind.RATE,
        Group.COURT,
        "completed prosecutions dropped at the third or a later hearing",
        "completed prosecutions in the period",
        "rate",
        ("cases_prosecution", "cases_hearing"),
        facts.dropped_third_or_subsequent_hearing,
        family="completed",
    ),
    Measure(
        "median_days_charge_to_completion",
        "Median days from charge to completion",
        "Over completed prosecutions in the period: the median of the calendar days from the decision to charge to "
        "the outcome.",
        Kind.MEDIAN,
        Group.COURT,
        "",
        "completed prosecutions in the period",
        "days",
        ("cases_prosecution", "cases_chargingdecision"),
        facts.days_charge_to_completion,
        family="completed",
    ),
    Measure(
        "judge_directions_on_time",
        "Judge's directions complied with on time",
        "Directions due in the period that were complied with on or before their due date, out of all directions due "
        "in the period.",
        Kind.RATE,
        Group.COURT,
        "directions complied with by their due date",
        "directions due in the period",
        "rate",
        ("cases_judgedirection",),
        facts.judge_directions_on_time,
    ),
    Measure(
        "victim_letters_on_time",
        "Victim letters on time",
        "NFA, discontinuance and charge-altered letters whose decision fell in the period that were sent within 1 "
        "working day of the decision (complainants with enhanced rights) or 5 (others), out of all such letters. "
        "Working days skip weekends and England and Wales bank holidays.",
        Kind.RATE,
        Group.VICTIMS,
        "letters sent on time",
        "letters whose decision fell in the period",
        "rate",
        ("victims_communication", "victims_complainant"),
        facts.victim_letters_on_time,
    ),
    Measure(
        "complainant_withdrawals",
        "Complainants who withdrew support",
        "Complainants who withdrew their support for the case in the period.",
        Kind.COUNT,
        Group.VICTIMS,
        "complainants who withdrew in the period",
        "",
        "complainants",
        ("victims_complainant",),
        facts.complainant_withdrawals,
        family="withdrawals",
    ),
    Measure(
        "survey_listened_to_in_court",
        "Felt listened to by the CPS in court",
        "Responses in the period to “I feel listened to by the CPS in court” that agree, out of all responses to it. "
        "A response belongs to its CPS Area when one was given.",
        Kind.RATE,
        Group.VICTIMS,
        "responses that agree",
        "responses in the period",
        "rate",
        ("victims_surveyresponse",),
        partial(facts.survey, SurveyQuestion.LISTENED_TO_IN_COURT),
    ),
    # DOMAIN.md's further measures: not in the published version 1 contract, so marked as such.
    Measure(
        "survey_responds_to_feedback",
        "The CPS responds to feedback",
        "Responses in the period to “The CPS responds to our feedback” (community panels) that agree, out of all "
        "responses to it.",
        Kind.RATE,
        Group.VICTIMS,
        "responses that agree",
        "responses in the period",
        "rate",
        ("victims_surveyresponse",),
        partial(facts.survey, SurveyQuestion.RESPONDS_TO_FEEDBACK),
        in_contract=False,
    ),
    *(
        Measure(
            f"complainant_withdrawals_{stage.value}",
            f"Complainants who withdrew support: {stage.label.lower()}",
            f"Complainants who withdrew their support in the period, {stage.label.lower()} (victim attrition by "
            "stage).",
            Kind.COUNT,
            Group.VICTIMS,
            f"complainants who withdrew in the period, {stage.label.lower()}",
            "",
            "complainants",
            ("victims_complainant",),
            partial(facts.complainant_withdrawals, stage.value),
            family="withdrawals",
            in_contract=False,
        )
        for stage in WithdrawalStage
    ),
)

BY_ID = {measure.id: measure for measure in MEASURES}
CONTRACT_IDS = tuple(measure.id for measure in MEASURES if measure.in_contract)


def by_group() -> dict[Group, list[Measure]]:
    grouped: dict[Group, list[Measure]] = {group: [] for group in Group}
    for measure in MEASURES:
        grouped[measure.group].append(measure)
    return grouped
