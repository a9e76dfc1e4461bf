"""The attrition funnel: of the suspects on cases reported to police in a period, how many have so far been referred
to the CPS, charged, had their prosecution completed and been convicted. A cohort followed forward, unlike the
measures, which count what happened in a period."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q

from cases.models import ChargingDecision, Prosecution, Referral, Suspect
from cases.models.precharge import DecisionOutcome
from scorecards.compute import Place
from scorecards.facts import CONVICTIONS
from scorecards.periods import Period


@dataclass(frozen=True)
class FunnelStep:
    label: str
    suspects: int


def attrition_funnel(period: Period, place: Place) -> list[FunnelStep]:
    """One query of conditional counts."""
    suspects = Suspect.objects.filter(case__reported_on__range=(period.start, period.end))
    if place.area_id is not None:
        suspects = suspects.filter(case__cps_area=place.area_id)
    if place.force_id is not None:
        suspects = suspects.filter(case__police_force=place.force_id)
    completed = Prosecution.objects.filter(suspect=OuterRef("pk")).exclude(result="")
    counts = suspects.aggregate(
        reported=Count("pk"),
        referred=Count("pk", filter=Q(Exists(Referral.objects.filter(suspect=OuterRef("pk"))))),
        charged=Count(
            "pk",
            filter=Q(
                Exists(
                    ChargingDecision.objects.filter(referral__suspect=OuterRef("pk"), outcome=DecisionOutcome.CHARGE)
                )
            ),
        ),
        completed=Count("pk", filter=Q(Exists(completed))),
        convicted=Count("pk", filter=Q(Exists(completed.filter(result__in=CONVICTIONS)))),
    )
    return [
        FunnelStep("Reported to police", counts["reported"]),
        FunnelStep("Referred to the CPS", counts["referred"]),
        FunnelStep("Charged", counts["charged"]),
        FunnelStep("Prosecution completed", counts["completed"]),
        FunnelStep("Convicted", counts["convicted"]),
    ]
