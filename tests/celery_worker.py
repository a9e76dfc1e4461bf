"""Real `celery worker` processes for the tests about workers that die, on the test's database and broker."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
WAIT_SECONDS = 120


def database_url() -> str:
    """The test database, as a URL for a worker process."""
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    return f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"


@contextmanager
def celery_worker(queue: str, **settings: str) -> Iterator[subprocess.Popen[bytes]]:
    """A worker on ``queue`` (a queue of the test's own, so that no other worker takes its tasks), with ``settings``
    in its environment; stopped (SIGTERM) at the end if the test has not killed it."""
    environment = {**os.environ, "DATABASE_URL": database_url(), "DJANGO_SETTINGS_MODULE": "rasso.settings"}
    environment.update(settings)
    command = [sys.executable, "-m", "celery", "-A", "rasso", "worker", "--pool", "solo", "--queues", queue]
    command += ["--without-heartbeat", "--without-mingle", "--without-gossip", "--loglevel", "warning"]
    worker = subprocess.Popen(command, cwd=ROOT, env=environment)  # noqa: S603 - our own command line
    try:
        yield worker
    finally:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
            worker.wait(timeout=WAIT_SECONDS)


def wait_for(condition: Callable[[], bool], seconds: float = WAIT_SECONDS) -> bool:
    """Whether ``condition`` came true within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False
