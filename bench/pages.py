"""Benchmark: each list and case page, and the API lists, asked once by one person at a time (after one untimed
request to warm up), on the database `make bench-data` loaded: milliseconds and queries for each, and the slowest
query. The single-request figures of BENCHMARKS.md ("National scale") come from here; `bench/load.py` gives the same
pages under load.

Run with `make bench`, or with DATABASE_URL naming that database: `python bench/pages.py [--plans] [--repeat N]`;
``--repeat`` times each request N times and prints the median and the spread; ``--plans`` prints the plan PostgreSQL
ran for each page's slowest query (EXPLAIN ANALYZE), as BENCHMARKS.md quotes them.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rasso.settings")
os.environ.setdefault("DATABASE_PARALLEL_QUERY", "off")  # as the web process (rasso/wsgi.py) runs its queries

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import CpsArea, PoliceForce, User  # noqa: E402
from accounts.roles import POLICE_ROLES, Role  # noqa: E402
from bench.data import figures_to_stdout, logger  # noqa: E402
from bench.people import person  # noqa: E402
from bench.workload import give_work  # noqa: E402
from cases.models import Case  # noqa: E402
from tests.clients import sign_in  # noqa: E402

FORCE, AREA = "West Yorkshire Police", "Yorkshire and Humberside"


def _person(role: Role) -> User:
    """One person of the role, in West Yorkshire Police or the Yorkshire and Humberside Area (national otherwise)."""
    force = PoliceForce.objects.get(name=FORCE) if role in POLICE_ROLES else None
    area = CpsArea.objects.get(name=AREA) if role in (Role.PROSECUTOR, Role.UNIT_HEAD) else None
    return person(role, 99, police_force=force, cps_area=area)


def _plan(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) {sql}")
        return "\n".join(f"    {row[0]}" for row in cursor.fetchall())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", action="store_true", help="print the plan of each page's slowest query")
    parser.add_argument("--repeat", type=int, default=1, help="time each request this many times; print the median")
    args = parser.parse_args()
    figures_to_stdout()
    case = Case.objects.filter(police_force__name=FORCE).order_by("-id").first()
    if connection.vendor != "postgresql" or case is None:
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database loaded by `make bench-data`.")
    pages = [
        (Role.INVESTIGATOR, "/cases/"),
        (Role.INVESTIGATOR, "/cases/?sort=-reported&status=referred"),
        (Role.INVESTIGATOR, f"/cases/{case.pk}/"),
        (Role.INVESTIGATOR, "/action-plans/due/"),
        (Role.PROSECUTOR, "/cases/"),
        (Role.PROSECUTOR, "/cases/?due=overdue&sort=urn"),
        (Role.UNIT_HEAD, "/action-plans/overdue/"),
        (Role.UNIT_HEAD, "/action-plans/aged/"),
        (Role.UNIT_HEAD, "/action-plans/proportionality/"),
        (Role.UNIT_HEAD, "/workload/"),
        (Role.POLICE_SUPERVISOR, "/workload/"),
        (Role.ADMINISTRATOR, "/cases/"),
        (Role.ANALYST, "/scorecards/"),
        (Role.PROSECUTOR, "/api/v1/cases/"),
        (Role.PROSECUTOR, "/api/v1/referrals/"),
        (Role.PROSECUTOR, "/api/v1/action-plans/"),
        (Role.PROSECUTOR, "/api/v1/timeline-events/"),
        (Role.ADMINISTRATOR, "/api/v1/cases/"),
    ]
    give_work([CpsArea.objects.get(name=AREA)], [PoliceForce.objects.get(name=FORCE)])
    clients: dict[Role, Client] = {}
    for role, url in pages:
        if role not in clients:
            clients[role] = Client(HTTP_HOST="127.0.0.1")
            sign_in(clients[role], _person(role))
        clients[role].get(url)
        timings = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as queries:
                began, python_began = time.perf_counter(), time.process_time()
                status = clients[role].get(url).status_code
                timings.append((time.perf_counter() - began, time.process_time() - python_began))
        seconds, python = sorted(timings)[len(timings) // 2]  # the median request (the only one, by default)
        fastest, slowest_request = min(timings)[0] * 1000, max(timings)[0] * 1000
        spread = f" (of {args.repeat}: {fastest:.0f}–{slowest_request:.0f} ms)" if args.repeat > 1 else ""
        slowest = max(queries.captured_queries, key=lambda query: float(query["time"]))
        logger.info(f"{role:<14} {url:<42} {status} {seconds * 1000:6.0f} ms ({python * 1000:3.0f} ms of Python) "
                    f"{len(queries):3} queries, "
                    f"slowest {float(slowest['time']) * 1000:.0f} ms{spread}")  # fmt: skip
        if args.plans:
            logger.info(_plan(slowest["sql"]))


if __name__ == "__main__":
    main()
