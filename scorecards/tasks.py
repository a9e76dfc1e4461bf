"""Journey files uploaded on the page are imported by the worker: started at once when the broker answers, and by
beat otherwise, so an upload never waits on Redis. Progress goes to the cache, which other processes can read while
the import's transaction is still open, and with it the worker's heartbeat: an import not heard from for a lease
(JOURNEY_IMPORT_LEASE_SECONDS) lost its worker or its database half-way, wrote nothing (it is one transaction), and
is started again by beat's sweep, up to JourneyImport.MAX_ATTEMPTS times; then it fails with that reason."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from scorecards.journey_files import discard_ended, stored_lines
from scorecards.journey_import import INTERRUPTED, Superseded, record_failure, run_import
from scorecards.models import ImportStatus, JourneyImport

logger = logging.getLogger(__name__)
PROGRESS_EVERY = 1_000
BEATS_PER_LEASE = 10


def progress_key(journey_import: JourneyImport) -> str:
    """The cache key of one attempt's progress: a new attempt starts from nothing."""
    return (
        f"journey-import:{journey_import.pk}:{journey_import.sha256}:{journey_import.created_at.timestamp()}:"
        f"{journey_import.attempts}"
    )


def lines_done(journey_import: JourneyImport) -> int:
    """How far a running import has got (the cache may be unreachable: then the last figure saved)."""
    if journey_import.status != ImportStatus.RUNNING:
        return journey_import.lines_done
    try:
        heard = cache.get(progress_key(journey_import))
    except Exception:  # the cache is Redis, which may be down; the page still answers
        logger.warning("import progress unavailable from the cache", exc_info=True)
        return journey_import.lines_done
    return journey_import.lines_done if heard is None else int(heard[0])


class _Heartbeat:
    """Stores an import's progress in the cache, with the time, every thousand lines or so, at least ten times a
    lease while the worker is alive (also while it reads the file, before any line is applied), and at the end."""

    def __init__(self, journey_import: JourneyImport) -> None:
        self.journey_import = journey_import
        self.every = settings.JOURNEY_IMPORT_LEASE_SECONDS / BEATS_PER_LEASE
        self.stored, self.beaten = 0, -self.every

    def __call__(self, done: int) -> None:
        if (
            done - self.stored >= PROGRESS_EVERY
            or done >= self.journey_import.lines_total
            or time.monotonic() - self.beaten >= self.every
        ):
            self._store(done)

    def reading(self, lines: Iterable[bytes]) -> Iterator[bytes]:
        for line in lines:
            if time.monotonic() - self.beaten >= self.every:
                self._store(self.stored)
            yield line

    def _store(self, done: int) -> None:
        self.stored, self.beaten = done, time.monotonic()
        try:
            cache.set(progress_key(self.journey_import), (done, time.time()), timeout=24 * 3600)
        except Exception:  # the cache is Redis, which may be down; the import goes on
            logger.warning("import progress not stored in the cache", exc_info=True)


def _heard_from(journey_import: JourneyImport, lease: float) -> bool:
    try:
        heard = cache.get(progress_key(journey_import))
    except Exception:  # without the cache no one can tell: leave the import be
        logger.warning("journey import %s: its heartbeat is unavailable", journey_import.pk, exc_info=True)
        return True
    return heard is not None and time.time() - heard[1] < lease


def _reclaim_stalled(pk: int | None = None) -> None:
    """Start again each running import not heard from for a lease, or give it up after MAX_ATTEMPTS. Each is one
    conditional update on the attempt seen stalled, so that of two sweepers only one acts on it; and a run the sweep
    gave up on can no longer save its ending (journey_import.Superseded)."""
    lease = settings.JOURNEY_IMPORT_LEASE_SECONDS
    running = JourneyImport.objects.filter(
        status=ImportStatus.RUNNING, started_at__lt=timezone.now() - timedelta(seconds=lease)
    )
    if pk is not None:
        running = running.filter(pk=pk)
    for journey_import in running.only("pk", "sha256", "created_at", "attempts"):
        if _heard_from(journey_import, lease):
            continue
        stalled = JourneyImport.objects.filter(
            pk=journey_import.pk, status=ImportStatus.RUNNING, attempts=journey_import.attempts
        )
        if journey_import.attempts < JourneyImport.MAX_ATTEMPTS:
            if stalled.update(status=ImportStatus.QUEUED):
                logger.warning("journey import %s: attempt %d stopped before it finished; it will start again",
                               journey_import.pk, journey_import.attempts)  # fmt: skip
            continue
        reason = f"The import stopped {journey_import.attempts} times before it finished. Upload the file again."
        if stalled.update(status=ImportStatus.FAILED, errors=[{"line": None, "reason": reason}],
                          finished_at=timezone.now()):  # fmt: skip
            logger.error("journey import %s: given up after %d attempts", journey_import.pk, journey_import.attempts)


def _claim(pk: int | None = None) -> JourneyImport | None:
    """A queued import, marked as running on its next attempt so that no other worker starts it. Looked for first
    without a lock, so that a sweep with nothing to start never waits for the database's write lock (SQLite holds
    it for the whole of a running import)."""
    queued = JourneyImport.objects.filter(status=ImportStatus.QUEUED)
    if pk is not None:
        queued = queued.filter(pk=pk)
    if not queued.exists():
        return None
    with transaction.atomic():
        journey_import = queued.select_for_update(skip_locked=True).order_by("created_at").first()
        if journey_import is not None:
            journey_import.status = ImportStatus.RUNNING
            journey_import.attempts += 1
            journey_import.started_at = timezone.now()
            journey_import.save(update_fields=["status", "attempts", "started_at"])
        return journey_import


def _import_stored(journey_import: JourneyImport) -> None:
    """Import a claimed file from storage. Whatever goes wrong with the file or the import, it ends: a failure is
    recorded with its reason (nothing imported), so that the page never shows it running for ever."""
    try:
        with stored_lines(journey_import) as lines:
            heartbeat = _Heartbeat(journey_import)
            run_import(journey_import, heartbeat.reading(lines), progress=heartbeat)
    except INTERRUPTED:
        raise
    except Exception as error:
        logger.exception("journey import %s failed", journey_import.pk)
        record_failure(journey_import, error)


def _run(journey_import: JourneyImport) -> str:
    """Run a claimed import and delete its file once it has ended; the worker then goes on to the next."""
    try:
        _import_stored(journey_import)
    except Superseded:
        logger.warning("journey import %s: attempt %d was started again by the sweep; it wrote nothing",
                       journey_import.pk, journey_import.attempts)  # fmt: skip
        return "superseded"
    except Exception:  # the database went away, say: the import stays running, and the sweep starts it again
        logger.exception("journey import %s stopped before it ended; the sweep will start it again", journey_import.pk)
        return "stopped"
    discard_ended()
    logger.info("journey import %s: %s", journey_import.pk, journey_import.status)
    return str(journey_import.status)


@shared_task(acks_late=True)
def import_journey_file(pk: int) -> str:
    """One upload's import. A message delivered again (its worker died before acknowledging it) finds the import
    running: it does nothing while the import is heard from, and starts it again once it is not."""
    _reclaim_stalled(pk)
    journey_import = _claim(pk)
    return _run(journey_import) if journey_import is not None else "not queued"


@shared_task(acks_late=True)
def start_queued_imports() -> int:
    """Beat's sweep: imports whose worker died are started again (or given up), queued ones started, and the files
    of ended ones deleted. How many it started."""
    _reclaim_stalled()
    started = 0
    while (journey_import := _claim()) is not None:
        _run(journey_import)
        started += 1
    discard_ended()
    return started
