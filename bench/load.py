"""`make bench`'s load test: gunicorn serving the production settings on loopback, and locust's users of several
roles and organisations at once (50 by default), each reading the pages they use most with a pause between pages.

Prints, for each page, requests, failures, throughput and p50 / p95 / p99 latency, and each percentile as a multiple of
the framework's floor (a view that does nothing, behind the same middleware, served by the same gunicorn to the same
number of users). Then the sweepers at this size: the reminder sweeper and the action-plan escalation sweeper, each
with 1,000 due.

Run after `make bench-data`, with DATABASE_URL naming that database: `python bench/load.py [--users 50]
[--seconds 60]`.
"""

from __future__ import annotations

import argparse
import csv
import logging
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PRODUCTION = {
    "RASSO_ENVIRONMENT": "production",
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
    "COMPLAINANT_IDENTITY_KEYS": secrets.token_urlsafe(32),
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
}
os.environ.update(PRODUCTION)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from bench.data import figures_to_stdout, logger  # noqa: E402
from bench.people import busiest, write_people  # noqa: E402
from bench.workload import give_work  # noqa: E402
from cases.models import Case  # noqa: E402
from reminders.models import Reminder  # noqa: E402
from reminders.services import deliver_due_reminders  # noqa: E402
from scorecards.tasks import refresh_live_scorecards  # noqa: E402

FLOOR = "floor: a view that does nothing"
WORKERS = ["Investigator", "Supervisor", "Prosecutor", "UnitHead", "Analyst"]  # the locustfile's people at work
ROW = "{:<34} {:>8} {:>6} {:>7} {:>7} {:>7} {:>7} {:>11} {:>11}"


def _gunicorn(port: int, workers: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "gunicorn", "rasso.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    command += [
        "--workers",
        str(workers),
        "--access-logfile",
        "/dev/null",
        "--log-level",
        "warning",
        "--timeout",
        "120",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=os.environ.copy())  # noqa: S603 - our own command line
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz") as answer:
                if answer.status == 200:  # noqa: PLR2004
                    return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise RuntimeError("gunicorn did not answer on /healthz within a minute")


def _locust(
    port: int, people: Path, *, users: int, seconds: int, classes: list[str], out: Path
) -> dict[str, dict[str, str]]:
    """Run locust headless; each request name's row of its statistics."""
    command = [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless"]
    command += ["--users", str(users), "--spawn-rate", "10", "--run-time", f"{seconds}s"]
    command += ["--host", f"http://127.0.0.1:{port}", "--csv", str(out), "--only-summary", "--loglevel", "WARNING"]
    environment = {**os.environ, "BENCH_PEOPLE": str(people)}
    subprocess.run([*command, *classes], cwd=ROOT, env=environment, check=False, capture_output=True)  # noqa: S603
    with Path(f"{out}_stats.csv").open() as stats:
        return {row["Name"]: row for row in csv.DictReader(stats)}


def _print(rows: dict[str, dict[str, str]], floor: dict[str, str]) -> list[str]:
    """The table; the pages whose p95 is over 300 ms."""
    logger.info(ROW.format("page", "requests", "fails", "req/s", "p50 ms", "p95 ms", "p99 ms", "p50 / floor",
                           "p95 / floor"))  # fmt: skip
    slow = []
    for name, row in sorted(rows.items()):
        if name == "Aggregated":
            continue
        p95 = float(row["95%"])
        ratios = [f"{float(row[p]) / max(float(floor[p]), 1):.1f}" for p in ("50%", "95%")]
        throughput = f"{float(row['Requests/s']):.1f}"
        logger.info(
            ROW.format(name[:34], row["Request Count"], row["Failure Count"], throughput, row["50%"], row["95%"],
                       row["99%"], *ratios)
        )  # fmt: skip
        if p95 > 300:  # noqa: PLR2004 - the budget
            slow.append(name)
    return slow


def _reminder_sweep(due: int) -> None:
    """The reminder sweeper with ``due`` reminders due among everything already in the table."""
    officer = User.objects.filter(username__startswith="bench-investigator").first()
    case = Case.objects.order_by("id").first()
    now = timezone.now()
    assert case is not None  # noqa: S101 - make bench-data has loaded the cases
    message = f"Case {case.urn}: bench"
    due_at = now - timedelta(minutes=1)
    Reminder.objects.bulk_create(
        Reminder(key=f"bench:{now.timestamp()}:{n}", due_at=due_at, recipient=officer, about=case, message=message)
        for n in range(due)
    )
    began = time.perf_counter()
    delivered = deliver_due_reminders(now=now)
    logger.info(f"reminder sweeper: {delivered:,} delivered of {Reminder.objects.count():,} reminders in "
                f"{time.perf_counter() - began:.2f} s")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    figures_to_stdout()
    logging.getLogger("axes").setLevel(logging.WARNING)  # a line for every person signed in
    if connection.vendor != "postgresql":
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database loaded by `make bench-data`.")
    logger.info(f"{Case.objects.count():,} cases; gunicorn with {args.workers} workers, production settings; "
                f"{args.users} users for {args.seconds} s each run")  # fmt: skip
    call_command("collectstatic", interactive=False, verbosity=0)
    began = time.perf_counter()
    places = refresh_live_scorecards()
    logger.info(f"live scorecards (beat's refresh): {places} places in {time.perf_counter() - began:.1f} s")
    with tempfile.TemporaryDirectory() as folder:
        people = Path(folder) / "people.json"
        logger.info(f"{give_work(*busiest())} people given work for the team workload page")
        logger.info(f"{write_people(people)} people signed in")
        connection.close()
        server = _gunicorn(args.port, args.workers)
        try:
            run = {"users": args.users, "seconds": args.seconds}
            # Untimed: each gunicorn worker loads its templates and opens its connection before anything is counted.
            _locust(args.port, people, classes=WORKERS, out=Path(folder) / "warm-up", users=args.users, seconds=10)
            floor = _locust(args.port, people, classes=["FloorUser"], out=Path(folder) / "floor", **run)
            pages = _locust(args.port, people, classes=WORKERS, out=Path(folder) / "pages", **run)
        finally:
            server.terminate()
            server.wait(timeout=60)
    slow = _print({FLOOR: floor[FLOOR], **pages}, floor[FLOOR])
    logger.info(f"pages with p95 over 300 ms: {', '.join(slow) if slow else 'none'}")
    failures = sum(int(row["Failure Count"]) for name, row in pages.items() if name != "Aggregated")
    _reminder_sweep(1000)
    if failures:
        raise SystemExit(f"{failures} requests failed: the figures above are not of working pages")


if __name__ == "__main__":
    main()
