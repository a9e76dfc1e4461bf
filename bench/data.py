"""`make bench-data`: fill PostgreSQL with a national-size caseload for the benchmarks and say how long it took.

The histories are synthetic (demo.history: DOMAIN.md's proportions, about ten events a case, every stage from report
to verdict, action plans, complainants and letters) and go in through the journey import, the same bulk inserts
(`bulk_create`, a few thousand cases a statement) that load police and CPS files, a batch at a time. A database that
already holds the cases is topped up, never doubled. The open plans then get their review points, which the import
leaves off. Prints each batch (generating and importing), the times and rates in all, and the rows of every table.

Run with DATABASE_URL naming a PostgreSQL database: `python bench/data.py [--cases 1000000] [--batch 50000]`.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rasso.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from actionplans.models import ActionPlan, ReviewLevel, ReviewPoint  # noqa: E402
from actionplans.services import schedule_review_points  # noqa: E402
from cases.models import Case  # noqa: E402
from demo.history import journey_lines  # noqa: E402
from scorecards.journey_import import import_lines  # noqa: E402

logger = logging.getLogger("bench")


def figures_to_stdout() -> None:
    """A benchmark's figures are its output: the bench logger writes them to standard output, one a line."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


def load(cases: int, batch: int, seed: int) -> None:
    """Generate and import histories until the database holds ``cases`` of them. Prints each batch's generating and
    importing times, then both in all and the rates a batch as median and spread: generating the histories is part of
    the rate, as reading a police or CPS file would be."""
    have = Case.objects.count()
    if have >= cases:
        logger.info(f"database holds {have:,} cases already: not loading")
        return
    today, first = timezone.localdate(), have
    generating, importing, rates, combined_rates, started = 0.0, 0.0, [], [], time.perf_counter()
    while have < cases:
        size = min(batch, cases - have)
        began = time.perf_counter()
        lines = list(journey_lines(cases=size, seed=seed + have, today=today, first=have + 1, surveys=have == 0))
        generated = time.perf_counter()
        outcome = import_lines(lines)
        imported = time.perf_counter()
        generating, importing = generating + generated - began, importing + imported - generated
        have += outcome.cases
        rates.append(outcome.cases / (imported - generated))
        combined_rates.append(outcome.cases / (imported - began))
        logger.info(f"{outcome.cases:,} cases ({outcome.events:,} events): generated in {generated - began:.1f} s, "
                    f"imported in {imported - generated:.1f} s: {rates[-1]:,.0f} cases/s imported, "
                    f"{combined_rates[-1]:,.0f} generated and imported; {have:,} cases loaded")  # fmt: skip
    rate = (have - first) / (generating + importing)
    logger.info(f"loading took {time.perf_counter() - started:.0f} s: generating {generating:.1f} s, importing "
                f"{importing:.1f} s, {rate:,.0f} cases/s generated and imported")  # fmt: skip
    logger.info(f"a batch of {batch:,}: {_rates(rates)} imported, {_rates(combined_rates)} generated and imported")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def _rates(rates: list[float]) -> str:
    """Cases a second over the batches: the median batch's and the spread (slowest to fastest)."""
    median = sorted(rates)[(len(rates) - 1) // 2]
    return f"{median:,.0f} cases/s ({min(rates):,.0f}–{max(rates):,.0f} of {len(rates)} batches)"


def put_open_plans_on_the_ladder() -> None:
    """Give the imported open plans their review points, as if they had been set on the pages.

    The journey import leaves them off (imported history escalates nothing). The points already passed are marked
    raised, as the sweeper would have raised them, so the unit head's overdue list reads a national load.
    """
    levels = list(ReviewLevel.objects.all())
    plans = ActionPlan.objects.open().filter(review_points__isnull=True).only("id", "set_on")
    now, today, began = timezone.now(), timezone.localdate(), time.perf_counter()
    points = [point for plan in plans.iterator() for point in schedule_review_points(plan, levels)]
    for point in points:
        point.raised_at = now if point.raise_on < today else None
    ReviewPoint.objects.bulk_create(points, batch_size=10_000)
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {ReviewPoint._meta.db_table}")
    logger.info(f"{len(points):,} review points for the open plans in {time.perf_counter() - began:.1f} s")


def row_counts() -> dict[str, int]:
    """Every table of the service that holds rows, and how many."""
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - the database's own table names
            if (rows := cursor.fetchone()[0]) > 0:
                counts[table] = rows
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    figures_to_stdout()
    if connection.vendor != "postgresql":
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database (make bench-data starts one).")
    call_command("migrate", verbosity=0)
    load(args.cases, args.batch, args.seed)
    put_open_plans_on_the_ladder()
    counts = row_counts()
    for table, count in sorted(counts.items(), key=lambda item: -item[1]):
        logger.info(f"{table:>40} {count:>12,} rows")
    logger.info(f"{'in all':>40} {sum(counts.values()):>12,} rows")


if __name__ == "__main__":
    main()
