"""`make bench`'s load test: gunicorn serving the production settings on loopback (with gunicorn's own settings,
rasso/gunicorn.py, and the bench's Server-Timing header), and locust's users of several roles and organisations at
once, each reading the pages they use most with a pause between pages: a busy hour (50 users by default), then a
national peak (200) on the same workers.

Before the runs: the work on each role's pages (plans waiting, queues, letters due, identities), so that no page is
timed empty. For each run: each page's requests, failures, throughput, median size and p50 / p95 / p99 latency, each
as a multiple of the floor's (a view that does nothing, behind the same middleware, asked by the same users in the
same run); where each page's time goes (Python, queries, waiting for a worker); the pages over 300 ms at p95. Then the
reminder sweeper, timed several times with reminders freshly due each time.

Run after `make bench-data`, with DATABASE_URL naming that database: `python bench/load.py [--users 50]
[--seconds 60] [--peak-users 200] [--peak-seconds 60] [--repeat 5]`.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import timedelta
from itertools import cycle
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

from bench.data import figures_to_stdout, logger  # noqa: E402
from bench.latency import pages_table, parts_table, samples  # noqa: E402
from bench.people import Worker, busiest, choose, work_summary, write_people  # noqa: E402
from bench.timing import REPEAT, timed  # noqa: E402
from bench.workload import give_identities, give_work  # noqa: E402
from cases.models import Case  # noqa: E402
from reminders.models import Reminder  # noqa: E402
from reminders.services import deliver_due_reminders  # noqa: E402

RAMP_SECONDS = 5  # users arrive over this long (a fifth of a short run); requests count once all are at work
WARM_UP_SECONDS = 10  # long enough for each worker to derive the identity keys (PBKDF2) on a first read


def _gunicorn(port: int, workers: int, folder: Path) -> subprocess.Popen[bytes]:
    """gunicorn as deployed (rasso/gunicorn.py) on loopback, its log (a line a request) kept in ``folder``."""
    command = [sys.executable, "-m", "gunicorn", "rasso.wsgi:application", "--config", "rasso/gunicorn.py"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning", "--timeout", "120"]
    environment = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(folder / "prometheus")}
    with (folder / "gunicorn.log").open("wb") as log:
        server = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=log)  # noqa: S603 - ours
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz") as answer:
                if answer.status == 200:  # noqa: PLR2004
                    return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise RuntimeError("gunicorn did not answer on /healthz within a minute: " + _tail(folder / "gunicorn.log"))


def _tail(path: Path, lines: int = 20) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""


def _locust(port: int, people: Path, *, users: int, seconds: int, out: Path) -> tuple[list[list[object]], float]:
    """Run locust headless: the requests kept once every user was at work, and for how many seconds."""
    ramp = min(RAMP_SECONDS, seconds // 5)
    command = [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless"]
    command += ["--users", str(users), "--spawn-rate", f"{users / max(ramp, 1):g}", "--run-time", f"{seconds + ramp}s"]
    command += ["--host", f"http://127.0.0.1:{port}", "--only-summary", "--loglevel", "WARNING"]
    environment = {**os.environ, "BENCH_PEOPLE": str(people), "BENCH_SAMPLES": str(out)}
    ran = subprocess.run(command, cwd=ROOT, env=environment, check=False, capture_output=True)  # noqa: S603
    if not out.exists():
        raise RuntimeError(f"locust kept no requests: {ran.stderr.decode(errors='replace')[-2000:]}")
    kept = json.loads(out.read_text())
    return kept["samples"], kept["seconds"]


def _report(title: str, rows: list[list[object]], seconds: float) -> int:
    """Print a run's tables; how many requests failed."""
    kept = samples(rows)
    logger.info(f"-- {title}: {len(kept):,} requests in {seconds:.0f} s")
    lines, slow = pages_table(kept, seconds)
    for line in [*lines, "", *parts_table(kept)]:
        logger.info(line)
    logger.info(f"pages over 300 ms p95 ({title}): {', '.join(slow) if slow else 'none'}")
    return sum(not sample.ok for sample in kept)


def _reminder_sweep(due: int, repeat: int, workers: list[Worker]) -> None:
    """The reminder sweeper, ``repeat`` times, each with ``due`` reminders freshly due among everything already in
    the table: to the load's people, about the cases they open (whose complainants have identities, which the
    sweeper's screen of each message reads)."""
    cases = cycle(Case.objects.filter(pk__in={c for w in workers for c in w.cases}).order_by("id").only("id", "urn"))
    people = cycle(worker.user for worker in workers)

    def fresh() -> None:
        now = timezone.now()
        Reminder.objects.bulk_create(
            Reminder(key=f"bench:{now.timestamp()}:{n}", due_at=now - timedelta(minutes=1), recipient=next(people),
                     about=case, message=f"Case {case.urn}: bench")
            for n, case in zip(range(due), cases, strict=False)
        )  # fmt: skip

    timing = timed(lambda: deliver_due_reminders(now=timezone.now()), repeat, prepare=fresh)
    logger.info(f"reminder sweeper: {timing.result:,} of {due:,} due delivered, among {Reminder.objects.count():,} "
                f"reminders: {timing}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--peak-users", type=int, default=200)
    parser.add_argument("--peak-seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "4")))
    parser.add_argument("--repeat", type=int, default=REPEAT, help="times the reminder sweeper is timed")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    figures_to_stdout()
    logging.getLogger("axes").setLevel(logging.WARNING)  # a line for every person signed in
    if connection.vendor != "postgresql":
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database loaded by `make bench-data`.")
    logger.info(f"{Case.objects.count():,} cases; gunicorn with {args.workers} sync workers (rasso/gunicorn.py, "
                f"WEB_CONCURRENCY) for both runs, production settings")  # fmt: skip
    call_command("collectstatic", interactive=False, verbosity=0)
    areas, forces = busiest()
    logger.info(f"{give_work(areas, forces)} people of teams given work")
    workers = choose(areas, forces)
    logger.info(f"{give_identities(c for w in workers for c in w.cases)} complainants given an identity")
    logger.info("the load's people and the work on their pages (median per person, with the range):")
    for line in work_summary(workers):
        logger.info(f"  {line}")
    failures = 0
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        people = folder / "people.json"
        write_people(workers, people)
        connection.close()
        server = _gunicorn(args.port, args.workers, folder)
        try:
            # Untimed: each gunicorn worker loads its templates, opens its connection and derives the identity keys
            # (once a process, as in production) before anything is counted.
            _locust(args.port, people, users=args.users, seconds=WARM_UP_SECONDS, out=folder / "warm-up.json")
            for run, (title, users, seconds) in enumerate([
                (f"busy hour, {args.users} users", args.users, args.seconds),
                (f"national peak, {args.peak_users} users", args.peak_users, args.peak_seconds),
            ]):  # fmt: skip
                rows, took = _locust(args.port, people, users=users, seconds=seconds, out=folder / f"run-{run}.json")
                failures += _report(title, rows, took)
        finally:
            server.terminate()
            server.wait(timeout=60)
            if failures:
                logger.info(f"gunicorn's last lines:\n{_tail(folder / 'gunicorn.log')}")
    _reminder_sweep(1000, args.repeat, workers)
    if failures:
        raise SystemExit(f"{failures} requests failed: the figures above are not of working pages")


if __name__ == "__main__":
    main()
