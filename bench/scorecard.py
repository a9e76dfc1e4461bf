"""Benchmark: the full quarterly scorecard (national, every Area, every police force, every measure) over a
national-size history in PostgreSQL; the same SQL run by DuckDB over Parquet copies of the tables; and one sequential
scan of those tables; then the scorecard page as an analyst asks for it. Prints every time and the ratios, and whether
the two engines agree on every figure.

The history is the one `make bench-data` loads (bench/data.py: demo.history through the journey import).

Run with `make bench`, or with DATABASE_URL naming that database: `python bench/scorecard.py`.
"""

from __future__ import annotations

import logging
import math
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from http import HTTPStatus
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rasso.settings")

import django

django.setup()

import duckdb  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import CpsArea, User  # noqa: E402
from accounts.roles import Role  # noqa: E402
from bench.data import figures_to_stdout, row_counts  # noqa: E402
from cases.models import Case  # noqa: E402
from scorecards import compute  # noqa: E402
from scorecards.compute import Figure  # noqa: E402
from scorecards.periods import Period, completed_quarters, rolling_year  # noqa: E402
from tests.clients import sign_in  # noqa: E402

# The tables the measures read, and the case and its people for the places.
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


logger = logging.getLogger("bench")


def page_times(period: Period) -> None:
    """The scorecard page as an analyst asks for it: the nation and one Area for the quarter, and the nation for the
    rolling year it ends; seconds and queries for each request."""
    analyst, _ = User.objects.get_or_create(username="bench-analyst", defaults={"role": Role.ANALYST})
    client = Client(HTTP_HOST="127.0.0.1")
    sign_in(client, analyst)  # password and code, as the page requires
    area = CpsArea.objects.filter(is_cps_direct=False).order_by("name").first()
    assert area is not None  # noqa: S101 - the organisations come with the migrations
    for label, query in (
        (f"page, England and Wales, {period.label}", {"period": period.label, "place": "national"}),
        (f"page, {area.name}, {period.label}", {"period": period.label, "place": f"area-{area.pk}"}),
        ("page, England and Wales, rolling year", {"period": rolling_year(period.end).label, "place": "national"}),
    ):
        with CaptureQueriesContext(connection) as queries:
            seconds, response = _timed_quietly(lambda query=query: client.get("/scorecards/", query))
        if response.status_code != HTTPStatus.OK:
            raise RuntimeError(f"{label}: the page answered {response.status_code}, so it was not timed")
        logger.info(f"{label}: {seconds:.1f} s, {len(queries)} queries")


def sequential_scan() -> float:
    """One pass over every row of the tables, with index scans turned off: the floor for anything that reads them."""
    with connection.cursor() as cursor:
        cursor.execute("SET enable_indexscan = off; SET enable_indexonlyscan = off; SET enable_bitmapscan = off")
        began = time.perf_counter()
        for table in TABLES:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608
            cursor.fetchone()
        seconds = time.perf_counter() - began
        cursor.execute("RESET enable_indexscan; RESET enable_indexonlyscan; RESET enable_bitmapscan")
    return seconds


def _columns(table: str) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = %s ORDER BY ordinal_position",
            [table],
        )
        return {name: DUCKDB_TYPES.get(kind, "VARCHAR") for name, kind in cursor.fetchall()}


def parquet_copy(folder: Path) -> tuple[duckdb.DuckDBPyConnection, float]:
    """Each table copied out of PostgreSQL (CSV) into Parquet, and a DuckDB database whose tables read the Parquet
    files under the same names."""
    duck = duckdb.connect()
    duck.execute("SET integer_division = true")  # as PostgreSQL divides integers
    began = time.perf_counter()
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
    return duck, time.perf_counter() - began


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


def _timed_quietly(run: Any) -> tuple[float, Any]:
    began = time.perf_counter()
    result = run()
    return time.perf_counter() - began, result


def timed(label: str, run: Any) -> tuple[float, Any]:
    seconds, result = _timed_quietly(run)
    logger.info(f"{label}: {seconds:.2f} s")
    return seconds, result


def main() -> None:
    figures_to_stdout()
    if connection.vendor != "postgresql" or not Case.objects.exists():
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database loaded by `make bench-data`.")
    counts = {table: rows for table, rows in row_counts().items() if table in TABLES}
    for table, count in counts.items():
        logger.info(f"{table:>26} {count:>12,} rows")
    logger.info(f"{'in all':>26} {sum(counts.values()):>12,} rows")

    period = completed_quarters(timezone.localdate(), 1)[0]
    places = compute.places()
    logger.info(f"scorecard for {period.label}: {len(places)} places")
    postgres, ours = timed(
        "PostgreSQL, full quarterly scorecard (first run)", lambda: compute.scorecard(period, places)
    )
    postgres, ours = timed("PostgreSQL, full quarterly scorecard (again)", lambda: compute.scorecard(period, places))
    scan, _ = timed("PostgreSQL, one sequential scan of the tables", sequential_scan)
    with tempfile.TemporaryDirectory() as folder:
        copying, (duck, _) = timed("copying the tables to Parquet", lambda: parquet_copy(Path(folder)))
        execute = duckdb_executor(duck)
        duck_first, _ = timed("DuckDB on Parquet, same scorecard (first run)",
                              lambda: compute.scorecard(period, places, execute=execute))  # fmt: skip
        duck_seconds, theirs = timed("DuckDB on Parquet, same scorecard (again)",
                                     lambda: compute.scorecard(period, places, execute=execute))  # fmt: skip
    logger.info(f"figures: {len(ours):,}; figures that differ between the engines: {differences(ours, theirs)}")
    logger.info(
        f"ratios: scorecard / scan = {postgres / scan:.1f}; PostgreSQL / DuckDB = {postgres / duck_seconds:.1f}"
    )
    logger.info(f"copy to Parquet took {copying:.1f} s; DuckDB's first run {duck_first:.2f} s")
    page_times(period)


if __name__ == "__main__":
    main()
