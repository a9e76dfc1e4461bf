"""A Celery worker killed (SIGKILL) in the middle of a journey import. The import is one transaction, so the kill
leaves nothing written and the import "Importing"; once its heartbeat is older than the lease, beat's sweep on the
next worker starts it again, and every journey is imported exactly once. The workers are real `celery worker`
processes on the configured broker, the test's database and its upload folder."""

from __future__ import annotations

import signal
import subprocess
import time
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.db.models import Count
from django.utils import timezone
from pytest_django import Settings

from accounts.models import User
from accounts.roles import Role
from cases.models import Case
from demo.history import journey_lines
from scorecards.models import JourneyImport
from scorecards.tasks import import_journey_file, lines_done, start_queued_imports
from tests.celery_worker import celery_worker, wait_for
from tests.clients import signed_in
from tests.journeys import jsonl

CASES = 8_000  # several seconds' import, so that the kill lands in the middle of it
LEASE_SECONDS = 3
WAIT_SECONDS = 300


def _worker(queue: str, uploads: Path) -> AbstractContextManager[subprocess.Popen[bytes]]:
    return celery_worker(queue, RASSO_UPLOAD_DIR=str(uploads), JOURNEY_IMPORT_LEASE_SECONDS=str(LEASE_SECONDS))


def _journey_import() -> JourneyImport:
    return JourneyImport.objects.get()


def _ended() -> bool:
    """Whether the import has ended; not yet while SQLite keeps readers out as the import writes."""
    try:
        return _journey_import().finished
    except OperationalError:
        return False


@pytest.mark.django_db(transaction=True)
def test_an_import_whose_worker_is_killed_is_finished_by_the_next_worker_with_every_journey_once(
    user_of: Callable[..., User], settings: Settings, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.JOURNEY_IMPORT_LEASE_SECONDS = LEASE_SECONDS
    administrator = signed_in(user_of(Role.ADMINISTRATOR))
    lines = list(journey_lines(cases=CASES, seed=20, today=timezone.localdate(), surveys=False))
    upload = SimpleUploadedFile("national.jsonl", jsonl(lines))
    page = administrator.post("/scorecards/import/", {"file": upload})["Location"]
    pk = _journey_import().pk
    queue = f"test-{uuid.uuid4().hex}"  # this test's own, so that no other worker on the machine takes its tasks

    with _worker(queue, tmp_path) as worker:
        import_journey_file.apply_async((pk,), queue=queue)
        started = wait_for(lambda: _journey_import().status == "running", WAIT_SECONDS)
        assert started, "the worker never started the import"
        # Half-way: thousands of cases written (a few thousand at a time) in the import's open transaction. Its
        # progress is read from the cache alone: SQLite lets no one read the database while so large a transaction
        # writes.
        running = _journey_import()
        assert wait_for(lambda: lines_done(running) >= len(lines) // 2, WAIT_SECONDS), "the import never got half-way"
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=WAIT_SECONDS)

    killed = _journey_import()
    assert (killed.status, killed.attempts) == ("running", 1), "the import ended before the worker was killed"
    assert Case.objects.count() == 0, "nothing of the import was written"
    assert "Importing" in administrator.get(page).content.decode()

    time.sleep(LEASE_SECONDS)  # not heard from since
    with _worker(queue, tmp_path):
        start_queued_imports.apply_async(queue=queue)  # beat's next tick
        assert wait_for(_ended, WAIT_SECONDS), "the import was never finished"
        restarted = _journey_import()

    assert (restarted.status, restarted.attempts, restarted.cases) == ("imported", 2, CASES)
    assert restarted.events == len(lines)
    per_urn = Case.objects.values("urn").annotate(times=Count("id"))
    assert per_urn.count() == CASES, "every journey imported"
    assert {row["times"] for row in per_urn} == {1}, "none imported twice"
    assert not [path for path in tmp_path.rglob("*") if path.is_file()], "the file is deleted once imported"
    shown = administrator.get(page).content.decode()
    assert f"{CASES:,} cases imported" in shown
    assert "2 of 3" in shown
    assert "Not kept by the service" in shown
