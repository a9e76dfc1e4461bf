"""The attrition funnel: of the suspects on cases reported to police in a period, how many have so far been referred
to the CPS, charged, had their prosecution completed and been convicted. A cohort followed forward, unlike the
measures, which count what happened in a period."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from scorecards.compute import Place
from scorecards.models import FactKind, JourneyFact
from scorecards.periods import Period


@dataclass(frozen=True)
class FunnelStep:
    label: str
    suspects: int


def attrition_funnel(period: Period, place: Place) -> list[FunnelStep]:
    """One query of conditional counts over the suspects' journey facts (one row each, on the day their case was
    reported)."""
    suspects = JourneyFact.objects.filter(kind=FactKind.SUSPECT, day__range=(period.start, period.end))
    if place.area_id is not None:
        suspects = suspects.filter(cps_area=place.area_id)
    if place.force_id is not None:
        suspects = suspects.filter(police_force=place.force_id)
    counts = suspects.aggregate(
        reported=Count("pk"),
        referred=Count("pk", filter=Q(referred=True)),
        charged=Count("pk", filter=Q(charged=True)),
        completed=Count("pk", filter=Q(completed=True)),
        convicted=Count("pk", filter=Q(convicted=True)),
    )
    return [
        FunnelStep("Reported to police", counts["reported"]),
        FunnelStep("Referred to the CPS", counts["referred"]),
        FunnelStep("Charged", counts["charged"]),
        FunnelStep("Prosecution completed", counts["completed"]),
        FunnelStep("Convicted", counts["convicted"]),
    ]
