"""The live scorecard page's figures: every measure, eight quarters of trend, the funnel and a breakdown, for any
period, place and breakdown, computed for the request from the journey facts (``scorecards.journey_facts``: written
with the records, so never stale), read from the read replica where there is one (operations/replica.py, and the page
says how far behind it was). Nothing is kept between requests but the list of places to choose from."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.cache import cache
from django.utils import timezone

from operations.replica import behind_in_words, replica_reads
from scorecards import charts, compute
from scorecards.compute import Place
from scorecards.dimensions import Dimension
from scorecards.funnel import attrition_funnel
from scorecards.measures import Measure, by_group
from scorecards.periods import Period, last_quarters

logger = logging.getLogger(__name__)
TREND_QUARTERS = 8
PLACES_KEPT_FOR = timedelta(hours=1)  # a new force in an Area's cases is offered within the hour
VERSION = 4  # bump when what is cached changes shape


@dataclass(frozen=True)
class LiveFigures:
    computed_at: datetime
    groups: list[tuple[Any, list[dict[str, Any]]]]
    funnel: list[Any]
    breakdown: list[dict[str, Any]]
    behind: str  # how far behind the primary the figures were read ("about 40 seconds"); "" from the primary


def _measure_panel(measure: Measure, period: Period, place: Place) -> dict[str, Any]:
    trend = compute.trend(measure, last_quarters(period, TREND_QUARTERS), place)
    # A quarter is the trend's last bar; a rolling year is counted on its own.
    figure = trend[-1] if period.is_quarter else compute.figure(measure, period, place)
    return {
        "measure": measure,
        "figure": figure,
        "shown": charts.shown(figure),
        "beside": charts.beside(figure),
        "meaning": charts.meaning(measure),
        "trend": [(f, charts.shown(f)) for f in trend],
        "bars": charts.bars(trend),
    }


def _breakdown(dimension: Dimension, period: Period, place: Place) -> list[dict[str, Any]]:
    """Per measure group: the categories, and each measure's figure in every category."""
    tables = []
    for group, measures in by_group().items():
        rows = []
        categories: list[str] = []
        for measure in measures:
            cells = compute.breakdown(measure, period, place, dimension)
            if cells:
                categories = [label for label, _ in cells]
                rows.append((measure, [charts.shown(figure) for _, figure in cells]))
        if rows:
            tables.append({"group": group, "categories": categories, "rows": rows})
    return tables


def live_figures(period: Period, place: Place, dimension: Dimension | None) -> LiveFigures:
    with replica_reads():
        return LiveFigures(
            computed_at=timezone.now(),
            behind=behind_in_words(),
            groups=[
                (group, [_measure_panel(measure, period, place) for measure in measures])
                for group, measures in by_group().items()
            ],
            funnel=charts.funnel_bars(attrition_funnel(period, place)),
            breakdown=_breakdown(dimension, period, place) if dimension else [],
        )


def places(*, area_id: int | None) -> list[Place]:
    """The places a scorecard reader chooses from (compute.places), kept for an hour: finding the forces each Area's
    cases name reads the cases. Without the cache (Redis down) they are found for the request."""
    key = f"live-scorecard-places:{VERSION}:{area_id}"
    try:
        kept = cache.get(key)
    except Exception:  # the cache is Redis, which may be down
        logger.warning("scorecard places unavailable from the cache", exc_info=True)
        kept = None
    if isinstance(kept, list):
        return kept
    with replica_reads():
        chosen = compute.places(area_id=area_id)
    try:
        cache.set(key, chosen, timeout=PLACES_KEPT_FOR.total_seconds())
    except Exception:  # the places are still answered
        logger.warning("scorecard places not stored in the cache", exc_info=True)
    return chosen
