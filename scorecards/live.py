"""The live scorecard page's figures, computed once for each period, place and breakdown and kept in the cache for
everyone who asks: at national size the full page (every measure, eight quarters of trend, the funnel) reads millions
of rows for tens of seconds. Beat refreshes the default quarter's pages before they go stale, so a person opening
the scorecard is answered from the cache; the page says when its figures were computed, and how far behind the
primary the read replica was if they were read from one (operations/replica.py). Without the cache (Redis down) the
figures are computed for the request, as before."""

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
# Kept twice as long as beat's refresh interval (settings: refresh-live-scorecards), so a refresh is never late.
KEPT_FOR = timedelta(hours=1)
VERSION = 3  # bump when what is cached changes shape


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


def _key(period: Period, place: Place, dimension: Dimension | None) -> str:
    where = f"{place.area_id}-{place.force_id}"
    when = f"{period.start:%Y%m%d}-{period.end:%Y%m%d}"  # a label has spaces, which a cache key may not
    return f"live-scorecard:{VERSION}:{when}:{where}:{dimension.id if dimension else ''}"


def _keep(key: str, value: Any) -> None:
    try:
        cache.set(key, value, timeout=KEPT_FOR.total_seconds())
    except Exception:  # the cache is Redis, which may be down; the figures are still answered
        logger.warning("live scorecard not stored in the cache", exc_info=True)


def _kept(key: str) -> Any:
    try:
        return cache.get(key)
    except Exception:  # the cache is Redis, which may be down; compute for this request
        logger.warning("live scorecard unavailable from the cache", exc_info=True)
        return None


def compute_figures(period: Period, place: Place, dimension: Dimension | None) -> LiveFigures:
    with replica_reads():
        figures = LiveFigures(
            computed_at=timezone.now(),
            behind=behind_in_words(),
            groups=[
                (group, [_measure_panel(measure, period, place) for measure in measures])
                for group, measures in by_group().items()
            ],
            funnel=charts.funnel_bars(attrition_funnel(period, place)),
            breakdown=_breakdown(dimension, period, place) if dimension else [],
        )
    key = _key(period, place, dimension)
    _keep(key, figures)
    _keep(f"{key}:at", figures.computed_at.isoformat())
    return figures


def kept_since(period: Period, place: Place, dimension: Dimension | None) -> str | None:
    """When the kept figures were computed (a short string, cheap to read, that changes with every refresh); None
    when none are kept or the cache is down. The page keeps its rendered figures under it."""
    kept = _kept(f"{_key(period, place, dimension)}:at")
    return kept if isinstance(kept, str) else None


def live_figures(period: Period, place: Place, dimension: Dimension | None) -> LiveFigures:
    """The figures from the cache, or computed now (and kept) when nobody has asked for them lately."""
    kept = _kept(_key(period, place, dimension))
    return kept if isinstance(kept, LiveFigures) else compute_figures(period, place, dimension)


def places(*, area_id: int | None, fresh: bool = False) -> list[Place]:
    """The places a scorecard reader chooses from (compute.places), kept like the figures: finding the forces each
    Area's cases name reads the cases. ``fresh`` computes them again."""
    key = f"live-scorecard-places:{VERSION}:{area_id}"
    kept = None if fresh else _kept(key)
    if isinstance(kept, list):
        return kept
    with replica_reads():
        chosen = compute.places(area_id=area_id)
    _keep(key, chosen)
    return chosen
