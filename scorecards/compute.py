"""Measures computed in the database: each measure's sources become one SQL statement grouped by the dimensions asked
for (place, quarter or a breakdown category), with counts, conditional counts and sums, and medians by window
functions. The same SQL runs on PostgreSQL and SQLite. Python only adds up the grouped rows (a few dozen places),
never cases."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import connections
from django.db.models import Case, F, IntegerField, QuerySet, Value, When
from django.db.models.functions import Cast, Coalesce, ExtractMonth, ExtractYear

from accounts.models import CpsArea
from cases.models import Case as CaseRecord
from operations.replica import read_alias
from scorecards.dimensions import Dimension
from scorecards.facts import Source
from scorecards.measures import MEASURES, Kind, Measure
from scorecards.periods import FIRST_MONTH, Period

Key = tuple[Any, ...]


@dataclass(frozen=True)
class Place:
    """National (no Area), an Area, or a police force as one Area serves it (the Met is served by two)."""

    area_id: int | None = None
    area_name: str = ""
    force_id: int | None = None
    force_name: str = ""

    @property
    def name(self) -> str:
        if self.force_id is not None:
            return f"{self.force_name} ({self.area_name})"
        return self.area_name or "England and Wales"

    @property
    def level(self) -> str:
        return "force" if self.force_id is not None else "area" if self.area_id is not None else "national"

    def contains(self, area_id: int | None, force_id: int | None) -> bool:
        if self.area_id is None:
            return True
        return area_id == self.area_id and (self.force_id is None or force_id == self.force_id)


NATIONAL = Place()


@dataclass(frozen=True)
class Figure:
    measure: Measure
    period: Period
    place: Place
    numerator: int | float | None
    denominator: int | None
    value: float | None


@dataclass(frozen=True)
class Tally:
    """A group's items, hits and the sum and count of amounts (additive across disjoint groups)."""

    items: int = 0
    hits: int = 0
    total: float = 0
    counted: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.items + other.items,
            self.hits + other.hits,
            self.total + other.total,
            self.counted + other.counted,
        )


# A typed NULL: PostgreSQL cannot add up or compare an untyped one.
NO_NUMBER = Cast(Value(None), IntegerField())


def _quarter_of(on: str) -> Any:
    """The financial quarter index of a date (``scorecards.periods.quarter_index``), in SQL. PostgreSQL's EXTRACT
    gives a numeric, so the months are cast to an integer before the integer division."""
    months = Cast(ExtractYear(on) * Value(12) + ExtractMonth(on) - Value(FIRST_MONTH), IntegerField())
    return months / Value(3)


def _fact_rows(
    source: Source,
    *,
    start: date,
    end: date,
    place: Place,
    dimension: Dimension | None,
    by_quarter: bool,
    by_place: bool,
) -> QuerySet[Any] | None:
    """The source's items in the dates and place, one row each, in the columns the grouping SQL reads. The Area and
    force columns are read only when grouping by them: for a national figure they would join the case for nothing."""
    rows = source.queryset.filter(**{f"{source.on}__range": (start, end)})
    force = source.force_path()
    if place.area_id is not None:
        rows = rows.filter(**{source.area_path(): place.area_id})
    if place.force_id is not None:
        if force is None:
            return None
        rows = rows.filter(**{force: place.force_id})
    columns: dict[str, Any] = {
        "f_unit": F(source.unit),
        "f_area": F(source.area_path()) if by_place else NO_NUMBER,
        "f_force": F(force) if force and by_place else NO_NUMBER,
        "f_hit": Case(When(source.hit, then=Value(1)), default=Value(0), output_field=IntegerField())
        if source.hit is not None
        else Value(1, output_field=IntegerField()),
        "f_amount": source.amount if source.amount is not None else NO_NUMBER,
    }
    if by_quarter:
        columns["f_quarter"] = _quarter_of(source.on)
    if dimension is not None:
        path = dimension.path(source)
        if path is None:
            return None
        columns["f_category"] = Coalesce(F(path), Value(dimension.missing))
    rows = rows.order_by().annotate(**columns).values(*columns)
    # A breakdown through a case's flags or people can meet the same item twice in one category.
    return rows.distinct() if dimension is not None else rows


def _facts_sql(
    measure: Measure,
    *,
    start: date,
    end: date,
    place: Place,
    dimension: Dimension | None = None,
    by_quarter: bool = False,
    by_place: bool = False,
) -> tuple[str, list[Any]] | None:
    parts: list[str] = []
    params: list[Any] = []
    for n, source in enumerate(measure.sources()):
        rows = _fact_rows(
            source, start=start, end=end, place=place, dimension=dimension, by_quarter=by_quarter, by_place=by_place
        )
        if rows is None:
            continue
        sql, source_params = rows.query.sql_with_params()
        parts.append(f"SELECT * FROM ({sql}) AS source_{n}")  # noqa: S608 - the ORM's SQL, values as parameters
        params.extend(source_params)
    if not parts:
        return None
    return " UNION ALL ".join(parts), params


Execute = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]


def run_sql(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Run a statement on the service's database, the read replica inside replica_reads() (another executor can run
    the same SQL elsewhere: the benchmark runs it on DuckDB)."""
    with connections[read_alias()].cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _number(value: Any) -> Any:
    """Numbers as Python floats or ints (PostgreSQL's AVG and SUM give decimals)."""
    return float(value) if isinstance(value, Decimal) else value


def _tallies(facts: tuple[str, list[Any]], keys: Sequence[str], execute: Execute) -> dict[Key, Tally]:
    sql, params = facts
    key_columns = "".join(f"{key}, " for key in keys)
    group = f" GROUP BY {', '.join(keys)}" if keys else ""
    rows = execute(
        f"SELECT {key_columns}COUNT(DISTINCT f_unit), COUNT(DISTINCT CASE WHEN f_hit = 1 THEN f_unit END), "  # noqa: S608
        f"SUM(f_amount), COUNT(f_amount) FROM ({sql}) AS facts{group}",
        params,
    )
    width = len(keys)
    return {
        tuple(row[:width]): Tally(row[width], row[width + 1], _number(row[width + 2] or 0), row[width + 3])
        for row in rows
    }


def _medians(
    facts: tuple[str, list[Any]], levels: Sequence[Sequence[str]], execute: Execute
) -> dict[Key, tuple[float | None, int]]:
    """Median and count of the amounts in each group of each level (a level's keys; no keys is the whole): the
    middle row, or the mean of the two middle rows. One statement: the facts are computed once, in a CTE."""
    sql, params = facts
    width = max(len(keys) for keys in levels)
    branches = []
    for keys in levels:
        columns = [*keys, *["CAST(NULL AS INTEGER)"] * (width - len(keys))]
        partition = f"PARTITION BY {', '.join(keys)} " if keys else ""
        group = f" GROUP BY {', '.join(keys)}" if keys else ""
        branches.append(
            f"SELECT {len(keys)}, {''.join(f'{c}, ' for c in columns)}AVG(f_amount), MAX(n) FROM ("  # noqa: S608
            f"SELECT {''.join(f'{key}, ' for key in keys)}f_amount, "
            f"ROW_NUMBER() OVER ({partition}ORDER BY f_amount) AS rn, COUNT(*) OVER ({partition.strip()}) AS n "
            f"FROM facts WHERE f_amount IS NOT NULL) AS ranked WHERE rn IN ((n + 1) / 2, (n + 2) / 2){group}"
        )
    rows = execute(f"WITH facts AS ({sql}) {' UNION ALL '.join(branches)}", params)
    return {tuple(row[1 : 1 + row[0]]): (_number(row[-2]), row[-1] or 0) for row in rows}


def _figure(measure: Measure, period: Period, place: Place, tally: Tally, median: float | None = None) -> Figure:
    if measure.kind == Kind.COUNT:
        return Figure(measure, period, place, tally.hits, None, tally.hits)
    if measure.kind == Kind.RATE:
        value = tally.hits / tally.items if tally.items else None
        return Figure(measure, period, place, tally.hits, tally.items, value)
    if measure.kind == Kind.MEAN:
        if not tally.counted:
            return Figure(measure, period, place, None, 0, None)
        return Figure(measure, period, place, tally.total, tally.counted, tally.total / tally.counted)
    return Figure(measure, period, place, None, tally.counted, median)


def _grouped(
    measure: Measure,
    period: Period,
    keys: Sequence[str],
    *,
    start: date | None = None,
    place: Place = NATIONAL,
    dimension: Dimension | None = None,
    execute: Execute = run_sql,
) -> dict[Key, tuple[Tally, float | None]]:
    """The measure's tally (and median) in each group of the keys."""
    facts = _facts_sql(
        measure,
        start=start or period.start,
        end=period.end,
        place=place,
        dimension=dimension,
        by_quarter="f_quarter" in keys,
        by_place="f_area" in keys,
    )
    if facts is None:
        return {}
    if measure.kind == Kind.MEDIAN:
        return {key: (Tally(counted=n), median) for key, (median, n) in _medians(facts, [keys], execute).items()}
    return {key: (tally, None) for key, tally in _tallies(facts, keys, execute).items()}


def figure(measure: Measure, period: Period, place: Place) -> Figure:
    """One measure for one period and place."""
    tally, median = _grouped(measure, period, [], place=place).get((), (Tally(), None))
    return _figure(measure, period, place, tally, median)


@dataclass(frozen=True)
class Quartiles:
    """The lower quartile, median and upper quartile of a measure's amounts, and how many amounts they are of."""

    lower: float | None
    median: float | None
    upper: float | None
    counted: int


def _quartile_sql(quarters: int) -> str:
    """The amount ``quarters``/4 of the way through the ranked amounts, found between the two nearest by linear
    interpolation: at position 1 + (n - 1) * quarters / 4, kept in whole numbers (integer division and its
    remainder) so that PostgreSQL and SQLite agree."""
    position = f"(n - 1) * {quarters}"
    low = f"({position} / 4 + 1)"
    weight = f"({position} - {position} / 4 * 4)"  # the remainder: "%" is a placeholder to the database driver
    return (
        f"SUM(CASE WHEN rn = {low} THEN f_amount * (4 - {weight}) "
        f"WHEN rn = {low} + 1 THEN f_amount * {weight} ELSE 0 END) / 4.0"
    )


def quartiles(measure: Measure, period: Period, place: Place, *, execute: Execute = run_sql) -> Quartiles:
    """The spread of a measure's amounts (days, for a median measure) for one period and place, from the same facts
    as its figure. Quartiles by linear interpolation between the ranked amounts, as spreadsheets' QUARTILE.INC: the
    middle one is the median the scorecard publishes (the middle amount, or the mean of the two middle ones)."""
    facts = _facts_sql(measure, start=period.start, end=period.end, place=place)
    if facts is None:
        return Quartiles(None, None, None, 0)
    sql, params = facts
    rows = execute(
        f"WITH facts AS ({sql}) SELECT {_quartile_sql(1)}, {_quartile_sql(2)}, {_quartile_sql(3)}, MAX(n) FROM ("  # noqa: S608
        "SELECT f_amount, ROW_NUMBER() OVER (ORDER BY f_amount) AS rn, COUNT(*) OVER () AS n "
        "FROM facts WHERE f_amount IS NOT NULL) AS ranked",
        params,
    )
    lower, median, upper, counted = rows[0] if rows else (None, None, None, 0)
    return Quartiles(_number(lower), _number(median), _number(upper), counted or 0)


def trend(measure: Measure, quarters: Sequence[Period], place: Place) -> list[Figure]:
    """The measure in each of the quarters (consecutive, oldest first), in one query grouped by quarter."""
    grouped = _grouped(measure, quarters[-1], ["f_quarter"], start=quarters[0].start, place=place)
    return [
        _figure(measure, q, place, *grouped.get((q.quarter,), (Tally(), None)))
        for q in quarters
        if q.quarter is not None
    ]


def breakdown(measure: Measure, period: Period, place: Place, dimension: Dimension) -> list[tuple[str, Figure]]:
    """The measure in each category of the dimension, labelled; empty when the measure has no such breakdown."""
    grouped = _grouped(measure, period, ["f_category"], place=place, dimension=dimension)
    if not grouped:
        return []
    return [
        (label, _figure(measure, period, place, *grouped.get((value,), (Tally(), None))))
        for value, label in dimension.categories()
    ]


def places(*, area_id: int | None = None) -> list[Place]:
    """National (unless for one Area), each Area, and each police force within every Area that serves it or has its
    cases (the Met appears under London North and London South), in name order."""
    areas = CpsArea.objects.order_by("name").prefetch_related("forces")
    if area_id is not None:
        areas = areas.filter(pk=area_id)
    recorded = CaseRecord.objects.order_by().values_list("cps_area_id", "police_force_id", "police_force__name")
    result = [] if area_id is not None else [NATIONAL]
    for area in areas:
        forces = {force.pk: force.name for force in area.forces.all()}
        forces.update({force_id: name for a, force_id, name in recorded.filter(cps_area=area).distinct()})
        result.append(Place(area.pk, area.name))
        result.extend(Place(area.pk, area.name, pk, name) for pk, name in sorted(forces.items(), key=lambda f: f[1]))
    return result


def _rolled_up(grouped: dict[Key, tuple[Tally, float | None]], place: Place) -> Tally:
    total = Tally()
    for (area_id, force_id), (tally, _) in grouped.items():
        if place.contains(area_id, force_id):
            total += tally
    return total


def scorecard(
    period: Period, every: Iterable[Place], measures: Iterable[Measure] = MEASURES, *, execute: Execute = run_sql
) -> list[Figure]:
    """Every measure for every place: one grouped query per measure (by Area and force, added up for the Areas
    and the nation), or one per level for a median."""
    places_list = list(every)
    figures: list[Figure] = []
    for measure in measures:
        shown = [p for p in places_list if p.force_id is None or measure.has_force_figures]
        if measure.kind == Kind.MEDIAN:
            figures.extend(_median_figures(measure, period, shown, execute))
            continue
        grouped = _grouped(measure, period, ["f_area", "f_force"], place=_common_place(shown), execute=execute)
        figures.extend(_figure(measure, period, place, _rolled_up(grouped, place)) for place in shown)
    return figures


def _common_place(every: Sequence[Place]) -> Place:
    """The narrowest place that holds them all: one Area when every place is in it, else national."""
    areas = {place.area_id for place in every}
    return Place(areas.pop()) if len(areas) == 1 and None not in areas else NATIONAL


def _median_figures(measure: Measure, period: Period, every: Sequence[Place], execute: Execute) -> list[Figure]:
    """The median for every place: the nation (unless all are in one Area), the Areas and the forces, in one
    statement."""
    within = _common_place(every)
    levels = [["f_area"], ["f_area", "f_force"]]
    facts = _facts_sql(measure, start=period.start, end=period.end, place=within, by_place=True)
    medians = _medians(facts, [[], *levels] if within == NATIONAL else levels, execute) if facts else {}
    figures = []
    for place in every:
        key: Key = {"national": (), "area": (place.area_id,), "force": (place.area_id, place.force_id)}[place.level]
        median, counted = medians.get(key, (None, 0))
        figures.append(_figure(measure, period, place, Tally(counted=counted), median))
    return figures
