"""What each measure counts, as querysets over the stage tables: one row per counted item, with the date that places
it in a period, the path to its case (for the place and the breakdowns) and, where the measure needs them, whether the
item is a "hit" for the numerator and the number (days, referrals) a mean or median is taken of.

Nothing here runs a query: ``scorecards.compute`` turns these into grouped SQL."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.expressions import Combinable

from actionplans.models import ActionPlan
from cases.models import ChargingDecision, Hearing, JudgeDirection, Plea, Prfi, Prosecution, Referral
from cases.models.court import Court, Result
from cases.models.precharge import DecisionOutcome, ReferralKind
from victims.models import Communication, Complainant, SurveyResponse
from victims.models.communications import CommunicationKind
from victims.models.review import SurveyQuestion

EARLY_ADVICE_TARGET_DAYS = 21  # INTERCHANGE.md "Measures, version 1": early_advice_within_21_days
CONVICTIONS = (Result.GUILTY_PLEA, Result.CONVICTED_AFTER_TRIAL)
DROPPED = (Result.DISCONTINUED, Result.NO_EVIDENCE_OFFERED)
THIRD_HEARING = 3
PLANS_BEFORE_REVIEW = 2  # more than two plans after early advice puts a suspect in the proportionality queue
VCL_LETTERS = (CommunicationKind.NFA, CommunicationKind.DISCONTINUANCE, CommunicationKind.CHARGE_ALTERED)


class DaysBetween(Func):
    """Calendar days from ``start`` to ``end`` (dates), as an integer, on PostgreSQL and SQLite alike."""

    arg_joiner = " - "
    template = "(%(expressions)s)"
    output_field = IntegerField()

    def __init__(self, end: Any, start: Any) -> None:
        super().__init__(end, start)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="CAST(ROUND(julianday(%(expressions)s)) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )


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
    area: str = ""  # the path to the Area when there is no case

    def area_path(self) -> str:
        return f"{self.case}__cps_area" if self.case else self.area

    def force_path(self) -> str | None:
        return f"{self.case}__police_force" if self.case else None


def _first_referral_received(suspect: str) -> Subquery:
    return Subquery(
        Referral.objects.filter(suspect=OuterRef(suspect)).order_by("received_on", "id").values("received_on")[:1]
    )


def referrals(kind: ReferralKind) -> list[Source]:
    return [
        Source(
            Referral.objects.filter(kind=kind),
            on="received_on",
            unit="suspect",
            case="suspect__case",
            suspect="suspect",
        )
    ]


def _decisions(queryset: QuerySet[ChargingDecision] | None = None, **extra: Any) -> list[Source]:
    return [
        Source(
            queryset if queryset is not None else ChargingDecision.objects.all(),
            on="decided_on",
            unit="referral__suspect",
            case="referral__suspect__case",
            suspect="referral__suspect",
            **extra,
        )
    ]


def legal_decisions() -> list[Source]:
    return _decisions()


def charge_rate() -> list[Source]:
    return _decisions(hit=Q(outcome=DecisionOutcome.CHARGE))


def days_to_charge() -> list[Source]:
    charges = ChargingDecision.objects.filter(outcome=DecisionOutcome.CHARGE).annotate(
        first_referral_on=_first_referral_received("referral__suspect")
    )
    return _decisions(charges, amount=DaysBetween(F("decided_on"), F("first_referral_on")))


def answered_early_advice() -> QuerySet[Referral]:
    """Early advice requests answered with advice, each with ``days`` from the request to the answer."""
    answered = Referral.objects.filter(kind=ReferralKind.EARLY_ADVICE, closed_on__isnull=False).exclude(advice="")
    return answered.annotate(days=DaysBetween(F("closed_on"), F("received_on")))


def early_advice_within_21_days() -> list[Source]:
    """Answers only: a request closes with the advice given, or as PRFI without it. A PRFI after the advice (plans
    outstanding) closes the file of an answered request, which stays answered; the police's response to a PRFI is a
    new request, answered or not on its own."""
    return [
        Source(
            answered_early_advice(),
            on="closed_on",
            unit="pk",
            case="suspect__case",
            suspect="suspect",
            hit=Q(days__lte=EARLY_ADVICE_TARGET_DAYS),
        )
    ]


def prfis(kind: ReferralKind) -> list[Source]:
    return [
        Source(
            Prfi.objects.filter(referral__kind=kind),
            on="prfi_on",
            unit="referral__suspect",
            case="referral__suspect__case",
            suspect="referral__suspect",
        )
    ]


def consultations_per_suspect() -> list[Source]:
    consultations = ChargingDecision.objects.annotate(
        consultations=Subquery(
            Referral.objects.filter(suspect=OuterRef("referral__suspect"), received_on__lte=OuterRef("decided_on"))
            .order_by()
            .values("suspect")
            .annotate(n=Count("pk"))
            .values("n")
        )
    )
    return [
        Source(
            consultations,
            on="decided_on",
            unit="pk",
            case="referral__suspect__case",
            suspect="referral__suspect",
            amount=F("consultations"),
        )
    ]


def action_plans_set() -> list[Source]:
    return [Source(ActionPlan.objects.all(), on="set_on", unit="pk", case="suspect__case", suspect="suspect")]


def _plans_after_early_advice(suspect: str, until: str) -> Subquery:
    first_early_advice = Subquery(
        Referral.objects.filter(suspect=OuterRef(OuterRef(suspect)), kind=ReferralKind.EARLY_ADVICE)
        .order_by("received_on", "id")
        .values("received_on")[:1]
    )
    return Subquery(
        ActionPlan.objects.filter(
            suspect=OuterRef(suspect), set_on__gte=first_early_advice, set_on__lte=OuterRef(until)
        )
        .order_by()
        .values("suspect")
        .annotate(n=Count("pk"))
        .values("n")
    )


def suspects_over_two_plans_after_early_advice() -> list[Source]:
    """Counted once for each suspect with a decision or a PRFI in the period (a suspect with both, once)."""
    decisions = ChargingDecision.objects.annotate(plans=_plans_after_early_advice("referral__suspect", "decided_on"))
    prfis = Prfi.objects.annotate(plans=_plans_after_early_advice("referral__suspect", "prfi_on"))
    over_two = Q(plans__gt=PLANS_BEFORE_REVIEW)
    return [
        Source(decisions, on="decided_on", unit="referral__suspect", case="referral__suspect__case", hit=over_two),
        Source(prfis, on="prfi_on", unit="referral__suspect", case="referral__suspect__case", hit=over_two),
    ]


def _completed(queryset: QuerySet[Prosecution] | None = None, **extra: Any) -> list[Source]:
    completed = (queryset if queryset is not None else Prosecution.objects.all()).exclude(result="")
    return [Source(completed, on="completed_on", unit="suspect", case="suspect__case", suspect="suspect", **extra)]


def completed_prosecutions() -> list[Source]:
    return _completed()


def conviction_rate() -> list[Source]:
    return _completed(hit=Q(result__in=CONVICTIONS))


def guilty_plea_first_hearing() -> list[Source]:
    """A guilty plea at a Crown Court hearing of the suspect's with no earlier one (the earlier in date order, or on
    the same day recorded first)."""
    earlier_crown_hearing = Hearing.objects.filter(suspect=OuterRef("hearing__suspect"), court=Court.CROWN).filter(
        Q(held_on__lt=OuterRef("hearing__held_on"))
        | Q(held_on=OuterRef("hearing__held_on"), pk__lt=OuterRef("hearing"))
    )
    at_the_first = Plea.objects.filter(
        plea="guilty", hearing__suspect=OuterRef("suspect"), hearing__court=Court.CROWN
    ).exclude(Exists(earlier_crown_hearing))
    return _completed(hit=Exists(at_the_first))


def dropped_third_or_subsequent_hearing() -> list[Source]:
    hearings_by_then = Subquery(
        Hearing.objects.filter(suspect=OuterRef("suspect"), held_on__lte=OuterRef("completed_on"))
        .order_by()
        .values("suspect")
        .annotate(n=Count("pk"))
        .values("n")
    )
    prosecutions = Prosecution.objects.annotate(hearings_by_then=hearings_by_then)
    return _completed(prosecutions, hit=Q(result__in=DROPPED, hearings_by_then__gte=THIRD_HEARING))


def days_charge_to_completion() -> list[Source]:
    charged_on = Subquery(
        ChargingDecision.objects.filter(referral__suspect=OuterRef("suspect"), outcome=DecisionOutcome.CHARGE)
        .order_by("decided_on", "id")
        .values("decided_on")[:1]
    )
    prosecutions = Prosecution.objects.annotate(charged_on=charged_on)
    return _completed(prosecutions, amount=DaysBetween(F("completed_on"), F("charged_on")))


def judge_directions_on_time() -> list[Source]:
    return [
        Source(
            JudgeDirection.objects.all(),
            on="due_on",
            unit="pk",
            case="case",
            hit=Q(complied_on__isnull=False, complied_on__lte=F("due_on")),
        )
    ]


def victim_letters_on_time() -> list[Source]:
    """The due date is stored with each letter when its clock starts (``deadlines.letter_due``: 1 or 5 working
    days after the decision, skipping weekends and England and Wales bank holidays)."""
    return [
        Source(
            Communication.objects.filter(kind__in=VCL_LETTERS),
            on="decision_on",
            unit="pk",
            case="complainant__case",
            complainant="complainant",
            hit=Q(sent_on__isnull=False, sent_on__lte=F("due_on")),
        )
    ]


def complainant_withdrawals(stage: str = "") -> list[Source]:
    complainants = Complainant.objects.filter(withdrew_support_on__isnull=False)
    if stage:
        complainants = complainants.filter(withdrawal_stage=stage)
    return [Source(complainants, on="withdrew_support_on", unit="pk", case="case", complainant="pk")]


def survey(question: SurveyQuestion) -> list[Source]:
    return [
        Source(
            SurveyResponse.objects.filter(question=question),
            on="responded_on",
            unit="pk",
            case=None,
            area="cps_area",
            hit=Q(agree=True),
        )
    ]
