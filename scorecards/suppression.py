"""The small-number rule for scorecards published outside the organisation (DOMAIN.md), with secondary suppression.

Primary: a figure whose count is from 1 to one less than the threshold is withheld (a count's number; a rate's
numerator or denominator; a mean's or median's number of items). Secondary: a total is the sum of the figures below
it (the nation of its Areas, an Area of its forces), so where exactly one figure under a published total is
withheld, the next smallest non-zero figure beside it is withheld too (where there is none, the total is); and a
withheld total whose parts are all published would be their sum, so its smallest non-zero part is withheld. This
repeats until nothing changes. Measures that share a count (a suppression family, such as legal decisions and the
charge rate) are withheld in the union of their places, so one cannot be used to recover another. A withheld row
loses its numerator, denominator and value."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from scorecards.compute import Figure, Place
from scorecards.measures import Kind, Measure

Key = tuple[str, Place]


def _size(figure: Figure) -> int:
    """The count that makes a figure small: what it counts, or how many items it is taken over."""
    if figure.measure.kind == Kind.COUNT:
        return int(figure.numerator or 0)
    return int(figure.denominator or 0)


def _is_small(figure: Figure, threshold: int) -> bool:
    counts = [_size(figure)]
    if figure.measure.kind == Kind.RATE:
        counts.append(int(figure.numerator or 0))
    return any(0 < count < threshold for count in counts)


def _groups(places: Iterable[Place]) -> list[tuple[Place, list[Place]]]:
    """Each published total with the places that add up to it."""
    children: dict[Place, list[Place]] = defaultdict(list)
    every = list(places)
    by_area = {place.area_id: place for place in every if place.level == "area"}
    for place in every:
        if place.level == "area" and any(p.level == "national" for p in every):
            children[next(p for p in every if p.level == "national")].append(place)
        elif place.level == "force" and place.area_id in by_area:
            children[by_area[place.area_id]].append(place)
    return list(children.items())


def _next_to_withhold(
    figures: dict[Place, Figure], withheld: set[Place], total: Place, parts: list[Place]
) -> Place | None:
    """What must also be withheld so that this total and its parts give nothing away, if anything.

    A published total with exactly one withheld part gives that part away: withhold the smallest non-zero part
    beside it, or else the total. A withheld total whose parts are all published is their sum: withhold its
    smallest non-zero part."""
    hidden = sum(part in withheld for part in parts)
    total_hidden = total in withheld
    if (total_hidden and hidden) or (not total_hidden and hidden != 1):
        return None
    shown = sorted(
        (p for p in parts if p not in withheld and _size(figures[p])),
        key=lambda p: (_size(figures[p]), p.name),
    )
    if shown:
        return shown[0]
    return None if total_hidden else total


def _measure_pattern(figures: dict[Place, Figure], threshold: int) -> set[Place]:
    withheld = {place for place, figure in figures.items() if _is_small(figure, threshold)}
    groups = _groups(figures)
    changed = True
    while changed:
        changed = False
        for total, parts in groups:
            extra = _next_to_withhold(figures, withheld, total, parts)
            if extra is not None:
                withheld.add(extra)
                changed = True
    return withheld


def withheld(figures: Iterable[Figure], threshold: int) -> set[Key]:
    """The (measure id, place) rows withheld from the published version of these figures (one period)."""
    by_measure: dict[Measure, dict[Place, Figure]] = defaultdict(dict)
    for figure in figures:
        by_measure[figure.measure][figure.place] = figure
    families: dict[str, set[Place]] = defaultdict(set)
    for measure, places in by_measure.items():
        families[measure.suppression_family] |= _measure_pattern(places, threshold)
    return {
        (measure.id, place)
        for measure, places in by_measure.items()
        for place in places
        if place in families[measure.suppression_family]
    }
