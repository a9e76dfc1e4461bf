"""Benchmark: the action-plan escalation sweeper over a large table of plans in PostgreSQL.

Builds 100,000 plans, times a sweep with 1,000 review points due; grows the table to 1,000,000 plans and times a
sweep with the same 1,000 due, then with 10 due. The sweeper claims due points through a partial index on the
pending ones, so its time should follow the number due, not the number of plans. Each sweep is timed several times,
the points it raised put back to pending between runs (the notices and history it wrote stay, as a real sweep's do),
and printed as the median with the spread.

Run with `make bench` (which starts a throwaway PostgreSQL), or with DATABASE_URL naming an empty PostgreSQL
database: `python bench/action_plan_sweeper.py [--plans 1000000] [--due 1000] [--repeat 5]`.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rasso.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import CpsArea, PoliceForce, User  # noqa: E402
from accounts.roles import Role  # noqa: E402
from actionplans.escalation import raise_due_reviews  # noqa: E402
from bench.data import figures_to_stdout, logger  # noqa: E402
from bench.timing import REPEAT, timed  # noqa: E402
from cases.models import Case, Referral, Suspect  # noqa: E402

ROW = "{:>12} {:>14} {:>14} {:>8} {:>8} {:>26} {:>10}"
PLANS_PER_SUSPECT = 10  # nine answered plans and one still open, as a long-running case has
SUSPECTS_PER_CASE = 10


def _people() -> tuple[User, User, PoliceForce, CpsArea]:
    force = PoliceForce.objects.get(name="West Yorkshire Police")
    area = CpsArea.objects.get(name="Yorkshire and Humberside")
    officer, _ = User.objects.get_or_create(
        username="bench-officer", defaults={"role": Role.INVESTIGATOR, "police_force": force, "email": "o@x.gov.uk"}
    )
    User.objects.get_or_create(
        username="bench-supervisor",
        defaults={"role": Role.POLICE_SUPERVISOR, "police_force": force, "email": "s@x.gov.uk"},
    )
    prosecutor, _ = User.objects.get_or_create(
        username="bench-prosecutor", defaults={"role": Role.PROSECUTOR, "cps_area": area}
    )
    return officer, prosecutor, force, area


def add_plans(count: int, today: date) -> None:
    """Add ``count`` plans: cases and suspects through the ORM, plans and review points with set-based SQL."""
    officer, prosecutor, force, area = _people()
    suspects_needed = count // PLANS_PER_SUSPECT
    first_case = Case.objects.count()
    cases = Case.objects.bulk_create(
        [
            Case(
                urn=f"{force.code}BN{first_case + n:07d}",
                police_force=force,
                cps_area=area,
                reported_on=today - timedelta(days=800),
                officer_in_charge=officer,
            )
            for n in range(suspects_needed // SUSPECTS_PER_CASE)
        ],
        batch_size=5000,
    )
    suspects = Suspect.objects.bulk_create(
        [
            Suspect(case=case, label=f"Suspect {n + 1}", police_force=force, cps_area=area)
            for case in cases
            for n in range(SUSPECTS_PER_CASE)
        ],
        batch_size=5000,
    )
    first_referral = Referral.objects.order_by("-id").values_list("id", flat=True).first() or 0
    Referral.objects.bulk_create(
        [
            Referral(
                suspect=s,
                police_force=force,
                cps_area=area,
                kind="charging_decision",
                received_on=today - timedelta(days=700),
                due_on=today - timedelta(days=672),
                created_by=officer,
            )
            for s in suspects
        ],
        batch_size=5000,
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM actionplans_actionplan")
        first_plan = cursor.fetchone()[0]
        cursor.execute(
            """
            INSERT INTO actionplans_actionplan
                (suspect_id, police_force_id, cps_area_id, referral_id, label, set_on, set_by_id, status, closed_on,
                 closing_reason)
            SELECT r.suspect_id, r.police_force_id, r.cps_area_id, r.id, 'Plan ' || g,
                   CASE WHEN g = %(per)s THEN %(today)s - 10 ELSE r.received_on + g * 60 END,
                   %(prosecutor)s,
                   CASE WHEN g = %(per)s THEN 'open' ELSE 'answered' END,
                   CASE WHEN g = %(per)s THEN NULL ELSE r.received_on + g * 60 + 40 END,
                   ''
            FROM cases_referral r CROSS JOIN generate_series(1, %(per)s) g
            WHERE r.id > %(first_referral)s
            """,
            {"per": PLANS_PER_SUSPECT, "today": today, "prosecutor": prosecutor.pk, "first_referral": first_referral},
        )
        # Answered plans reached their 28-day review (raised) and the rest were cancelled; open plans' points wait.
        cursor.execute(
            """
            INSERT INTO actionplans_reviewpoint (plan_id, level_id, due_on, raise_on, raised_at, cancelled_at)
            SELECT p.id, l.id, p.set_on + l.days, p.set_on + l.days,
                   CASE WHEN p.status = 'answered' AND p.set_on + l.days <= p.closed_on THEN now() END,
                   CASE WHEN p.status = 'answered' AND p.set_on + l.days > p.closed_on THEN now() END
            FROM actionplans_actionplan p CROSS JOIN actionplans_reviewlevel l
            WHERE p.id > %(first_plan)s
            """,
            {"first_plan": first_plan},
        )
        cursor.execute("ANALYZE")


def make_due(count: int, today: date) -> None:
    """Bring ``count`` open plans to their 28-day review today."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH chosen AS (
                SELECT p.id FROM actionplans_actionplan p
                WHERE p.status = 'open' AND p.set_on = %(today)s - 10 ORDER BY p.id LIMIT %(count)s
            ), moved AS (
                UPDATE actionplans_actionplan p SET set_on = %(today)s - 28 FROM chosen WHERE p.id = chosen.id
                RETURNING p.id, p.set_on
            )
            UPDATE actionplans_reviewpoint r SET due_on = moved.set_on + l.days, raise_on = moved.set_on + l.days
            FROM moved, actionplans_reviewlevel l WHERE r.plan_id = moved.id AND r.level_id = l.id
            """,
            {"today": today, "count": count},
        )


def sizes() -> tuple[int, int, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM actionplans_actionplan), (SELECT count(*) FROM actionplans_reviewpoint),"
            " (SELECT count(*) FROM actionplans_reviewpoint WHERE raised_at IS NULL AND cancelled_at IS NULL)"
        )
        plans, points, pending = cursor.fetchone()
    return plans, points, pending


def _put_back(since: datetime) -> None:
    """The review points raised since ``since`` (by the runs before) pending again, for the next run to raise."""
    with connection.cursor() as cursor:
        cursor.execute("UPDATE actionplans_reviewpoint SET raised_at = NULL WHERE raised_at >= %s", [since])


def timed_sweep(due: int, today: date, repeat: int) -> None:
    make_due(due, today)
    plans, points, pending = sizes()
    since = timezone.now()

    def sweep() -> int:
        raised = raise_due_reviews(today=today)
        if raised != due:
            sys.exit(f"{due} review points were due but {raised} were raised")
        return raised

    timing = timed(sweep, repeat, prepare=lambda: _put_back(since))
    figures = [f"{plans:,}", f"{points:,}", f"{pending:,}", f"{due:,}", f"{timing.result:,}", str(timing)]
    logger.info(ROW.format(*figures, f"{timing.median / due * 1000:.2f}"))


def claim_plan(today: date) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN SELECT id FROM actionplans_reviewpoint WHERE raised_at IS NULL AND cancelled_at IS NULL"
            " AND raise_on <= %s ORDER BY raise_on, id LIMIT 500 FOR UPDATE SKIP LOCKED",
            [today],
        )
        return "\n".join(row[0] for row in cursor.fetchall())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=1_000_000)
    parser.add_argument("--due", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=REPEAT, help="time each sweep this many times; print the median")
    arguments = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("The benchmark needs PostgreSQL: set DATABASE_URL (make bench starts one).")
    call_command("migrate", verbosity=0)
    if Case.objects.exists():
        sys.exit("The benchmark needs an empty database.")
    today = timezone.localdate()
    small = max(arguments.plans // 10, PLANS_PER_SUSPECT * SUSPECTS_PER_CASE)
    figures_to_stdout()
    logger.info(ROW.format("plans", "review points", "pending", "due", "raised", "sweep", "ms per due"))
    started = time.perf_counter()
    add_plans(small, today)
    built_small = time.perf_counter() - started
    timed_sweep(arguments.due, today, arguments.repeat)
    started = time.perf_counter()
    add_plans(arguments.plans - small, today)
    built_large = time.perf_counter() - started
    timed_sweep(arguments.due, today, arguments.repeat)
    timed_sweep(max(arguments.due // 100, 1), today, arguments.repeat)
    logger.info(
        "built %s plans in %.1f s and %s more in %.1f s",
        f"{small:,}",
        built_small,
        f"{arguments.plans - small:,}",
        built_large,
    )
    logger.info("the claim query's plan:\n%s", claim_plan(today))


if __name__ == "__main__":
    main()
