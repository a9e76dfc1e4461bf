"""A panel member's scrutiny panels on their home page: each panel of their Area with its packs, and how many cases in
each pack still wait for the panel's finding. Panel members are told their packs appear there, so the home page is
where they start; the scoping is NFA scrutiny's own (the Area's panels, the decisions on the Area's cases:
scrutiny.models.SampledDecisionQuerySet.in_area), and the page reads it in two queries however many panels and
packs there are."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q

from accounts.models import User
from scrutiny.models import Panel, Sample

PANELS_SHOWN = 10


@dataclass(frozen=True)
class PanelsAtHome:
    """The latest panels of the person's Area (latest meeting first) and the date of the next one to meet."""

    panels: list[Panel]
    next_meets_on: date | None
    more: bool


def panels_for(user: User, today: date) -> PanelsAtHome:
    """The Area's panels, each with its samples (packs) annotated with ``cases`` and ``awaiting`` (cases without a
    finding), counted only over the decisions NFA scrutiny lets the Area read."""
    area_id = user.cps_area_id
    if area_id is None:
        return PanelsAtHome(panels=[], next_meets_on=None, more=False)
    on_area_cases = Q(decisions__suspect__cps_area_id=area_id)
    samples = Sample.objects.annotate(
        cases=Count("decisions", filter=on_area_cases),
        awaiting=Count("decisions", filter=on_area_cases & Q(decisions__finding__isnull=True)),
    ).order_by("-drawn_at", "-id")
    panels = list(
        Panel.objects.filter(cps_area_id=area_id)
        .select_related("cps_area")
        .prefetch_related(Prefetch("samples", queryset=samples))[: PANELS_SHOWN + 1]
    )
    coming = [panel.meets_on for panel in panels if panel.meets_on >= today]
    return PanelsAtHome(
        panels=panels[:PANELS_SHOWN], next_meets_on=min(coming, default=None), more=len(panels) > PANELS_SHOWN
    )
