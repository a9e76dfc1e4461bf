"""Benchmark: the full quarterly scorecard (national, every Area, every police force, every measure) over a
national-size history in PostgreSQL, where the measures read the journey fact table; the same SQL run by DuckDB over
Parquet copies of the original stage tables, the fact table a view there over the SQL that derives it from them
(``scorecards.journey_facts.derivation``); and one sequential scan of the stage tables. Then the scorecard page as an
analyst asks for it, computed live for several places, periods and breakdowns with nothing cached, and the check that
works every fact row out again from the records. Each timing is the median of several runs, printed with the spread;
the ratios are of the medians. Prints too the size of the tables and whether the two engines agree on every figure.

The scorecard is computed in the web's requests, so everything here runs as the web process does (rasso/wsgi.py: no
parallel query workers), the scorecard, the scan it is compared with and the pages alike; set
DATABASE_PARALLEL_QUERY=on to run them all with Celery's parallel workers instead. The output says which.

The history is the one `make bench-data` loads (bench/data.py: demo.history through the journey import).

Run with `make bench`, or with DATABASE_URL naming that database: `python bench/scorecard.py [--repeat N]`.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import math
import os
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from http import HTTPStatus
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rasso.settings")
os.environ.setdefault("DATABASE_PARALLEL_QUERY", "off")  # as the web process (rasso/wsgi.py) runs its queries

import django

django.setup()

import duckdb  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import CommandError, call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from accounts.roles import Role  # noqa: E402
from bench.data import figures_to_stdout  # noqa: E402
from bench.timing import REPEAT, timed  # noqa: E402
from cases.models import Case  # noqa: E402
from scorecards import compute, journey_facts, services  # noqa: E402
from scorecards.compute import Figure  # noqa: E402
from scorecards.dimensions import DIMENSIONS  # noqa: E402
from scorecards.models import JourneyFact  # noqa: E402
from scorecards.periods import Period, completed_quarters, rolling_year  # noqa: E402
from tests.clients import sign_in  # noqa: E402

# The stage tables the journey facts are derived from (scorecards.journey_facts.derivation), and the case and its
# people for the places: what DuckDB reads, and what the sequential scan reads.
TABLES = [
    "cases_case",
    "cases_suspect",
    "cases_referral",
    "cases_chargingdecision",
    "cases_prfi",
    "cases_prosecution",
    "cases_hearing",
    "cases_plea",
    "cases_judgedirection",
    "actionplans_actionplan",
    "victims_complainant",
    "victims_communication",
    "victims_surveyresponse",
]
DUCKDB_TYPES = {
    "integer": "INTEGER",
    "bigint": "BIGINT",
    "smallint": "INTEGER",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "timestamp with time zone": "TIMESTAMPTZ",
    "double precision": "DOUBLE",
    "numeric": "DOUBLE",
}
FACTS = JourneyFact._meta.db_table

logger = logging.getLogger("bench")


def _pages(period: Period, analyst: User) -> list[tuple[str, dict[str, str]]]:
    """The pages timed: each kind of place (the busiest Area and its busiest force), a quarter and a rolling year,
    with and without a breakdown."""
    cases = Case.objects.filter(cps_area__is_cps_direct=False).order_by()
    area_id = cases.values("cps_area").annotate(n=Count("id")).order_by("-n", "cps_area")[0]["cps_area"]
    in_area = cases.filter(cps_area=area_id).values("police_force").annotate(n=Count("id"))
    force_id = in_area.order_by("-n", "police_force")[0]["police_force"]
    places = services.places_for(analyst)
    area = next(place for place in places if place.level == "area" and place.area_id == area_id)
    force = next(place for place in places if place.area_id == area_id and place.force_id == force_id)
    year = rolling_year(period.end).label
    case_type, by_suspect = DIMENSIONS[0], DIMENSIONS[1]
    by_complainant = next(dimension for dimension in DIMENSIONS if dimension.person == "complainant")
    return [
        (f"England and Wales, {period.label}", {"period": period.label, "place": "national"}),
        (f"{area.name}, {period.label}", {"period": period.label, "place": services.place_key(area)}),
        (f"{force.name}, {period.label}", {"period": period.label, "place": services.place_key(force)}),
        ("England and Wales, rolling year", {"period": year, "place": "national"}),
        (f"{area.name}, rolling year, by {case_type.title.lower()}",
         {"period": year, "place": services.place_key(area), "breakdown": case_type.id}),
        (f"England and Wales, {period.label}, by {by_complainant.title.lower()}",
         {"period": period.label, "place": "national", "breakdown": by_complainant.id}),
        (f"{force.name}, rolling year, by {by_suspect.title.lower()}",
         {"period": year, "place": services.place_key(force), "breakdown": by_suspect.id}),
    ]  # fmt: skip


def page_times(period: Period, repeat: int) -> None:
    """The scorecard page as an analyst asks for it, computed live: the cache is emptied before each request, so no
    request is answered from what an earlier one kept. Each page's median request with the spread, its queries and
    size."""
    analyst, _ = User.objects.get_or_create(username="bench-analyst", defaults={"role": Role.ANALYST})
    client = Client(HTTP_HOST="127.0.0.1")
    sign_in(client, analyst)  # password and code, as the page requires
    for label, query in _pages(period, analyst):

        def request(query: dict[str, str] = query) -> tuple[int, int, int]:
            with CaptureQueriesContext(connection) as queries:
                response = client.get("/scorecards/", query)
            return response.status_code, len(queries), len(response.content)

        timing = timed(request, repeat, prepare=cache.clear)
        status, queries, size = timing.result
        if status != HTTPStatus.OK:
            raise RuntimeError(f"{label}: the page answered {status}, so it was not timed")
        logger.info(f"page, {label}: {timing}, {queries} queries, {size / 1024:,.0f} KB")


def sequential_scan(tables: Sequence[str]) -> None:
    """One pass over every row of the tables, with index scans turned off: the floor for anything that reads them.
    It runs on the scorecard's connection, with the same parallel-query setting."""
    with connection.cursor() as cursor:
        cursor.execute("SET enable_indexscan = off; SET enable_indexonlyscan = off; SET enable_bitmapscan = off")
        try:
            for table in tables:
                cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - the benchmark's own table names
                cursor.fetchone()
        finally:
            cursor.execute("RESET enable_indexscan; RESET enable_indexonlyscan; RESET enable_bitmapscan")


def _size(table: str) -> tuple[int, int, int]:
    """Rows, bytes of the rows alone and bytes with the indexes."""
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT count(*), pg_table_size(%s), pg_total_relation_size(%s) FROM "{table}"',  # noqa: S608
            [table, table],
        )
        rows, heap, with_indexes = cursor.fetchone()
    return rows, heap, with_indexes


def table_sizes() -> None:
    """Rows and megabytes of each stage table, of them all, and of the fact table."""
    stage = {table: _size(table) for table in TABLES}
    all_rows, all_heap, all_with_indexes = (sum(column) for column in zip(*stage.values(), strict=True))
    for name, (rows, heap, with_indexes) in [
        *stage.items(),
        ("stage tables in all", (all_rows, all_heap, all_with_indexes)),
        (FACTS, _size(FACTS)),
    ]:
        logger.info(
            f"{name:>26} {rows:>12,} rows {heap / 2**20:9,.1f} MB, {with_indexes / 2**20:9,.1f} MB with indexes"
        )


def check_facts() -> None:
    """The recompute check (`manage.py check_journey_facts`): every fact row worked out again from the records and
    compared with the table. Timed once: it is a check, not a figure compared with another."""
    out = io.StringIO()
    began = time.perf_counter()
    with contextlib.suppress(CommandError):  # it fails when rows differ; the count it printed is the figure
        call_command("check_journey_facts", stdout=out)
    seconds = time.perf_counter() - began
    found = re.search(r"(\d+) journey fact rows differ", out.getvalue())
    differing = found[1] if found else "?"
    logger.info(f"check_journey_facts: {differing} journey fact rows differ from the records ({seconds:.1f} s, once)")


def _columns(table: str) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = %s ORDER BY ordinal_position",
            [table],
        )
        return {name: DUCKDB_TYPES.get(kind, "VARCHAR") for name, kind in cursor.fetchall()}


def _literal(value: Any) -> str:
    """A parameter of the derivation (a flag, a number or a code) written into its SQL, for a DuckDB view (a view
    takes no parameters)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise TypeError(f"no DuckDB literal for a {type(value).__name__}")


def facts_view(duck: duckdb.DuckDBPyConnection) -> None:
    """The journey fact table in DuckDB: a view over the SQL that derives every fact row from the stage tables, so
    that DuckDB's scorecard works its figures out from the original tables on every run."""
    sql, params = journey_facts.derivation()
    pieces = sql.split("%s")
    if len(pieces) != len(params) + 1 or "%%" in sql:
        raise RuntimeError("the derivation's parameters do not match its placeholders")
    inlined = "".join(piece + _literal(param) for piece, param in zip(pieces, params, strict=False)) + pieces[-1]
    duck.execute(f'CREATE VIEW "{FACTS}" AS {inlined}')


def parquet_copy(folder: Path) -> duckdb.DuckDBPyConnection:
    """Each stage table copied out of PostgreSQL (CSV) into Parquet, and a DuckDB database whose tables read the
    Parquet files under the same names, with the fact table derived from them."""
    duck = duckdb.connect()
    duck.execute("SET integer_division = true")  # as PostgreSQL divides integers
    for table in TABLES:
        csv_path, parquet_path = folder / f"{table}.csv", folder / f"{table}.parquet"
        with (
            connection.cursor() as cursor,
            csv_path.open("wb") as out,
            cursor.connection.cursor().copy(f'COPY "{table}" TO STDOUT (FORMAT csv, HEADER)') as copy,
        ):
            for data in copy:
                out.write(data)
        columns = ", ".join(f"'{name}': '{kind}'" for name, kind in _columns(table).items())
        duck.execute(
            f"COPY (SELECT * FROM read_csv('{csv_path}', header = true, columns = {{{columns}}})) "  # noqa: S608
            f"TO '{parquet_path}' (FORMAT parquet)"
        )
        csv_path.unlink()
        duck.execute(f"CREATE VIEW \"{table}\" AS SELECT * FROM read_parquet('{parquet_path}')")  # noqa: S608
    facts_view(duck)
    return duck


def duckdb_executor(duck: duckdb.DuckDBPyConnection) -> compute.Execute:
    def execute(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        return duck.execute(sql.replace("%s", "?"), list(params)).fetchall()

    return execute


def differences(ours: list[Figure], theirs: list[Figure]) -> int:
    def same(a: Figure, b: Figure) -> bool:
        if (a.numerator, a.denominator) != (b.numerator, b.denominator):
            return False
        if a.value is None or b.value is None:
            return a.value is b.value
        return math.isclose(a.value, b.value, rel_tol=1e-9)

    return sum(not same(a, b) for a, b in zip(ours, theirs, strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=REPEAT, help="time each thing this many times; print the median")
    repeat = parser.parse_args().repeat
    figures_to_stdout()
    if connection.vendor != "postgresql" or not Case.objects.exists():
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database loaded by `make bench-data`.")
    table_sizes()
    check_facts()
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        workers = cursor.fetchone()[0]
    runs = "as the web runs" if workers == "0" else "as Celery runs"
    logger.info(f"PostgreSQL: max_parallel_workers_per_gather = {workers} for the scorecard, the scan and the pages "
                f"({runs}); each timing the median of {repeat}")  # fmt: skip

    period = completed_quarters(timezone.localdate(), 1)[0]
    places = compute.places()
    logger.info(f"scorecard for {period.label}: {len(places)} places")
    postgres = timed(lambda: compute.scorecard(period, places), repeat)
    logger.info(f"PostgreSQL, full quarterly scorecard: {postgres}")
    scan = timed(lambda: sequential_scan(TABLES), repeat)
    logger.info(f"PostgreSQL, one sequential scan of the stage tables: {scan}")
    logger.info(
        f"PostgreSQL, one sequential scan of the fact table: {timed(lambda: sequential_scan([FACTS]), repeat)}"
    )
    with tempfile.TemporaryDirectory() as folder:
        began = time.perf_counter()
        duck = parquet_copy(Path(folder))
        copying = time.perf_counter() - began
        execute = duckdb_executor(duck)
        duck_timing = timed(lambda: compute.scorecard(period, places, execute=execute), repeat)
        threads = duck.execute("SELECT current_setting('threads')").fetchall()[0][0]
    logger.info(f"DuckDB on Parquet of the stage tables ({threads} threads), same scorecard: {duck_timing} "
                f"(copy to Parquet {copying:.1f} s)")  # fmt: skip
    ours, theirs = postgres.result, duck_timing.result
    logger.info(f"figures: {len(ours):,}; figures that differ between the engines: {differences(ours, theirs)}")
    logger.info(f"ratios of the medians: scorecard / scan = {postgres.median / scan.median:.1f}; "
                f"PostgreSQL / DuckDB = {postgres.median / duck_timing.median:.1f}")  # fmt: skip
    page_times(period, repeat)


if __name__ == "__main__":
    main()
