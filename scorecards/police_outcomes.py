"""Police NFAs by Home Office crime outcome code (DOMAIN.md, "NFA and scrutiny"): for a period, the suspects the police
took no further action against, by the outcome their decision was recorded under, in every place.

Counted by suspect, the scorecards' unit: a suspect whose police NFA falls in the period counts once, under the outcome
of their latest NFA in it (a scrutiny panel's referral back can lead to a second). An imported history may carry no
outcome: those suspects are "not recorded". One grouped query reads the decisions of the whole nation; Python adds up
its rows (a place, an outcome and a count each) for the Areas and forces, never cases.

Small numbers are withheld by the scorecards' rule (``scorecards.suppression``, with the threshold of
``DisclosureRule``): a count from 1 to one less than the threshold is withheld; where exactly one count under a shown
total is withheld, the smallest non-zero count beside it is withheld too (or, with none, the total); and a withheld
total whose parts are all shown loses its smallest non-zero part. The totals here run two ways, so the rule is
applied to both until nothing changes: a place's outcomes add up to its total, and for each outcome (and the total)
the Areas add up to the nation and an Area's forces to the Area. Every place is worked out together, so the same
counts are withheld whoever looks and whichever place they choose."""

from __future__ import annotations

import logging
import zlib
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from cases.models import PoliceNfa
from cases.models.precharge import CrimeOutcome
from scorecards.compute import Place
from scorecards.models import DisclosureRule
from scorecards.periods import Period

NOT_RECORDED = "not_recorded"
TOTAL = "all"
# The categories in the order they are shown: each Home Office outcome, then the decisions imported without one.
CATEGORIES: tuple[tuple[str, str], ...] = (
    *((str(value), str(label)) for value, label in CrimeOutcome.choices),
    (NOT_RECORDED, "Not recorded (imported history)"),
)
TOTAL_LABEL = "All police NFAs"
# Kept for the same half hour as the live scorecard's figures are computed again in.
KEPT_FOR = timedelta(minutes=30)
VERSION = 1  # bump when what is kept changes shape

logger = logging.getLogger(__name__)

Counts = dict[tuple[Place, str], int]
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Cell:
    code: str
    label: str
    suspects: int | None  # None when withheld

    @property
    def withheld(self) -> bool:
        return self.suspects is None


@dataclass(frozen=True)
class PlaceOutcomes:
    place: Place
    rows: list[Cell]
    total: Cell


@dataclass(frozen=True)
class PoliceOutcomes:
    period: Period
    threshold: int
    places: list[PlaceOutcomes]
    computed_at: datetime

    def of(self, place: Place) -> PlaceOutcomes | None:
        return next((p for p in self.places if p.place == place), None)


def _latest_in_period(period: Period) -> Q:
    """A police NFA that is its suspect's latest in the period (by date, then the order it was recorded)."""
    later = PoliceNfa.objects.filter(suspect=OuterRef("suspect"), nfa_on__range=(period.start, period.end)).filter(
        Q(nfa_on__gt=OuterRef("nfa_on")) | Q(nfa_on=OuterRef("nfa_on"), pk__gt=OuterRef("pk"))
    )
    return ~Q(Exists(later))


def _grouped(period: Period) -> list[tuple[int, int, str, int]]:
    """(Area, force, outcome code, suspects) for the whole nation, in one query. The suspect carries its case's
    force and Area."""
    rows = (
        PoliceNfa.objects.filter(nfa_on__range=(period.start, period.end))
        .filter(_latest_in_period(period))
        .order_by()
        .values_list("suspect__cps_area_id", "suspect__police_force_id", "outcome_code")
        .annotate(suspects=Count("suspect_id", distinct=True))
    )
    return [(area, force, code or NOT_RECORDED, suspects) for area, force, code, suspects in rows]


def _counts(grouped: Iterable[tuple[int, int, str, int]], places: Sequence[Place]) -> Counts:
    counts: Counts = defaultdict(int)
    for area, force, code, suspects in grouped:
        for place in places:
            if place.contains(area, force):
                counts[place, code] += suspects
                counts[place, TOTAL] += suspects
    return counts


def _place_groups(places: Sequence[Place]) -> list[tuple[Place, list[Place]]]:
    """Each place with the places that add up to it: the nation its Areas, an Area its forces."""
    areas = [p for p in places if p.level == "area"]
    groups = [(p, areas) for p in places if p.level == "national"]
    for area in areas:
        groups.append((area, [p for p in places if p.level == "force" and p.area_id == area.area_id]))
    return [(total, parts) for total, parts in groups if parts]


def _next_to_withhold(size: dict[K, int], withheld: set[K], total: K, parts: Sequence[K]) -> K | None:
    """What must also be withheld so that this total and its parts (in their order) give nothing away, if anything:
    ``scorecards.suppression``'s rule."""
    hidden = sum(part in withheld for part in parts)
    total_hidden = total in withheld
    if (total_hidden and hidden) or (not total_hidden and hidden != 1):
        return None
    order = {part: n for n, part in enumerate(parts)}
    shown = sorted((p for p in parts if p not in withheld and size[p]), key=lambda p: (size[p], order[p]))
    if shown:
        return shown[0]
    return None if total_hidden else total


def withheld_cells(size: dict[K, int], groups: Sequence[tuple[K, Sequence[K]]], threshold: int) -> set[K]:
    """The cells withheld: the small ones, then whatever the totals would give away, until nothing changes."""
    withheld = {cell for cell, n in size.items() if 0 < n < threshold}
    changed = True
    while changed:
        changed = False
        for total, parts in groups:
            extra = _next_to_withhold(size, withheld, total, parts)
            if extra is not None:
                withheld.add(extra)
                changed = True
    return withheld


def police_nfa_outcomes(period: Period, places: Sequence[Place], *, threshold: int | None = None) -> PoliceOutcomes:
    """Every place's suspects by the outcome of their police NFA in the period, small numbers withheld. ``places``
    should be every place the scorecards offer (``live.places``), so that what is withheld is the same for all."""
    threshold = DisclosureRule.current().threshold if threshold is None else threshold
    counts = _counts(_grouped(period), places)
    codes = [code for code, _ in CATEGORIES]
    size = {(place, code): counts.get((place, code), 0) for place in places for code in [*codes, TOTAL]}
    groups: list[tuple[tuple[Place, str], Sequence[tuple[Place, str]]]] = [
        ((place, TOTAL), [(place, code) for code in codes]) for place in places
    ]
    for total, parts in _place_groups(places):
        for code in [*codes, TOTAL]:
            groups.append(((total, code), [(part, code) for part in parts]))
    hidden = withheld_cells(size, groups, threshold)

    def cell(place: Place, code: str, label: str) -> Cell:
        return Cell(code, label, None if (place, code) in hidden else size[place, code])

    return PoliceOutcomes(
        period,
        threshold,
        [
            PlaceOutcomes(
                place, [cell(place, code, label) for code, label in CATEGORIES], cell(place, TOTAL, TOTAL_LABEL)
            )
            for place in places
        ],
        timezone.now(),
    )


def kept_police_nfa_outcomes(period: Period, places: Sequence[Place]) -> PoliceOutcomes:
    """``police_nfa_outcomes`` for every place, kept in the cache for half an hour (computed for the request when the
    cache is down)."""
    threshold = DisclosureRule.current().threshold
    where = zlib.crc32(",".join(f"{p.area_id}-{p.force_id}" for p in places).encode())
    key = f"police-nfa-outcomes:{VERSION}:{period.start:%Y%m%d}-{period.end:%Y%m%d}:{threshold}:{where}"
    try:
        kept = cache.get(key)
    except Exception:  # the cache is Redis, which may be down: compute for this request
        logger.warning("police NFA outcomes unavailable from the cache", exc_info=True)
        kept = None
    if isinstance(kept, PoliceOutcomes):
        return kept
    outcomes = police_nfa_outcomes(period, places, threshold=threshold)
    try:
        cache.set(key, outcomes, timeout=KEPT_FOR.total_seconds())
    except Exception:  # the figures are still answered
        logger.warning("police NFA outcomes not stored in the cache", exc_info=True)
    return outcomes


CSV_HEADERS = ("period", "cps_area", "police_force", "outcome_code", "outcome", "suspects", "suppressed")


def csv_rows(outcomes: PoliceOutcomes, places: Iterable[Place]) -> list[list[object]]:
    """One row per place and outcome (and each place's total, ``all``), as the scorecard export writes a place: no
    Area on a national row, no force on an Area's; a withheld count is empty and marked."""
    rows: list[list[object]] = []
    for place in places:
        table = outcomes.of(place)
        if table is None:
            continue
        for cell in [*table.rows, table.total]:
            rows.append([
                outcomes.period.label, place.area_name, place.force_name, cell.code, cell.label,
                "" if cell.suspects is None else cell.suspects, "true" if cell.withheld else "false",
            ])  # fmt: skip
    return rows
