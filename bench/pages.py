"""Benchmark: each list and case page, and the API lists, asked by one person at a time (after one untimed request to
warm up), and the step the load's investigators take (bench.steps: a write, which rewrites the case's journey
facts), on the database `make bench-data` loaded: for each, the median of several requests with the spread,
the queries, the slowest query and the page's size. The pages are those of the people with the most work: the force
with the most open plans, the Area that serves it, the investigator with the most plans waiting and the force's
supervisor, so that "actions due" is timed full, as they see it, not empty. The single-request figures of
BENCHMARKS.md ("National scale") come from here; `bench/load.py` gives the same pages under load.

Run with `make bench`, or with DATABASE_URL naming that database: `python bench/pages.py [--plans] [--repeat N]`;
``--repeat`` sets how many requests each page's median is of (5 unless told); ``--plans`` prints the plan PostgreSQL
ran for each page's slowest query (EXPLAIN ANALYZE), as BENCHMARKS.md quotes them.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rasso.settings")
os.environ.setdefault("DATABASE_PARALLEL_QUERY", "off")  # as the web process (rasso/wsgi.py) runs its queries

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import CpsArea, PoliceForce, User  # noqa: E402
from accounts.roles import POLICE_ROLES, Role  # noqa: E402
from actionplans.models import ActionPlan, PlanStatus  # noqa: E402
from bench import steps  # noqa: E402
from bench.data import figures_to_stdout, logger  # noqa: E402
from bench.people import person  # noqa: E402
from bench.timing import REPEAT, timed  # noqa: E402
from bench.workload import give_work  # noqa: E402
from cases.models import Case  # noqa: E402
from tests.clients import sign_in  # noqa: E402


def _busiest() -> tuple[PoliceForce, CpsArea]:
    """The force with the most open plans, and the Area that serves it."""
    counts = (
        ActionPlan.objects.open().values("police_force").annotate(plans=Count("id")).order_by("-plans", "police_force")
    )
    force = PoliceForce.objects.get(pk=counts[0]["police_force"])
    area = CpsArea.objects.filter(forces=force, is_cps_direct=False).order_by("name").first()
    assert area is not None  # noqa: S101 - every force is served by an Area (the migrations' organisations)
    return force, area


def _most_plans_waiting(force: PoliceForce) -> tuple[User, int]:
    """The force's investigator with the most open plans on the cases they are in charge of, and how many."""
    waiting = Q(cases_in_charge__suspects__action_plans__status=PlanStatus.OPEN)
    investigators = User.objects.filter(role=Role.INVESTIGATOR, is_active=True, police_force=force)
    counted = investigators.annotate(plans=Count("cases_in_charge__suspects__action_plans", filter=waiting))
    investigator = counted.order_by("-plans", "pk").first()
    if investigator is None or investigator.plans == 0:
        raise SystemExit(f"No investigator of {force.name} has a plan waiting: the actions-due page would be empty.")
    return investigator, investigator.plans


def _person(role: Role, force: PoliceForce, area: CpsArea) -> User:
    """One person of the role, in the force or the Area (national otherwise)."""
    in_force = force if role in POLICE_ROLES else None
    in_area = area if role in (Role.PROSECUTOR, Role.UNIT_HEAD) else None
    return person(role, 99, police_force=in_force, cps_area=in_area)


def _plan(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) {sql}")
        return "\n".join(f"    {row[0]}" for row in cursor.fetchall())


def _request(client: Client, url: str, form: dict[str, str] | None = None) -> tuple[int, float, Any, int]:
    """One request (the form posted, when given): its status, seconds of Python, the queries it ran and the page's
    bytes."""
    with CaptureQueriesContext(connection) as queries:
        python_began = time.process_time()
        response = client.get(url) if form is None else client.post(url, form)
        python = time.process_time() - python_began
    return response.status_code, python, queries, len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", action="store_true", help="print the plan of each page's slowest query")
    parser.add_argument("--repeat", type=int, default=REPEAT, help="time each page this many times; print the median")
    args = parser.parse_args()
    figures_to_stdout()
    if connection.vendor != "postgresql" or not ActionPlan.objects.open().exists():
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database loaded by `make bench-data`.")
    force, area = _busiest()
    give_work([area], [force])
    investigator, waiting = _most_plans_waiting(force)
    supervisor_waiting = ActionPlan.objects.open().filter(police_force=force).count()
    logger.info(f"{force.name} and {area.name}; plans waiting for the investigator with the most: {waiting:,}, "
                f"for the force's supervisor: {supervisor_waiting:,}")  # fmt: skip
    case = Case.objects.filter(officer_in_charge=investigator).order_by("-id").first()
    assert case is not None  # noqa: S101 - the investigator has plans waiting on their cases
    pages = [
        (Role.INVESTIGATOR, "/cases/"),
        (Role.INVESTIGATOR, "/cases/?sort=-reported&status=referred"),
        (Role.INVESTIGATOR, f"/cases/{case.pk}/"),
        (Role.INVESTIGATOR, "/action-plans/due/"),
        (Role.POLICE_SUPERVISOR, "/action-plans/due/"),
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
    # The step: a suspect added to the investigator's newest case, once per run (each run adds one more).
    step = (Role.INVESTIGATOR, steps.add_suspect_url(case.pk), steps.ADD_SUSPECT)
    clients: dict[Role, Client] = {}
    for role, url, form in [(role, url, None) for role, url in pages] + [step]:
        if role not in clients:
            clients[role] = Client(HTTP_HOST="127.0.0.1")
            sign_in(clients[role], investigator if role == Role.INVESTIGATOR else _person(role, force, area))
        _request(clients[role], url, form)
        # The scorecard is timed as it is first asked for, with nothing kept from the request before.
        uncached = cache.clear if url.startswith("/scorecards/") else None
        timing = timed(partial(_request, clients[role], url, form), args.repeat, prepare=uncached)
        status, python, queries, size = timing.result  # the median request's
        slowest = max(queries.captured_queries, key=lambda query: float(query["time"]))
        logger.info(f"{role:<17} {'POST ' if form else ''}{url:<42} {status} {timing} ({python * 1000:3.0f} ms of "
                    f"Python) {len(queries):3} queries, slowest {float(slowest['time']) * 1000:.0f} ms, "
                    f"{size / 1024:,.0f} KB")  # fmt: skip
        if args.plans:
            logger.info(_plan(slowest["sql"]))


if __name__ == "__main__":
    main()
