"""Journey files uploaded on the page are imported by the worker: started at once when the broker answers, and by
beat otherwise, so an upload never waits on Redis. Progress goes to the cache, which other processes can read while
the import's transaction is still open."""

from __future__ import annotations

import logging

from celery import shared_task
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from scorecards import live
from scorecards.forms import periods_offered
from scorecards.journey_import import record_failure, run_import
from scorecards.models import ImportStatus, JourneyImport

logger = logging.getLogger(__name__)
PROGRESS_EVERY = 1_000


def progress_key(journey_import: JourneyImport) -> str:
    return f"journey-import:{journey_import.pk}:{journey_import.sha256}:{journey_import.created_at.timestamp()}"


def lines_done(journey_import: JourneyImport) -> int:
    """How far a running import has got (the cache may be unreachable: then the last figure saved)."""
    if journey_import.finished:
        return journey_import.lines_done
    try:
        return int(cache.get(progress_key(journey_import), journey_import.lines_done))
    except Exception:  # the cache is Redis, which may be down; the page still answers
        logger.warning("import progress unavailable from the cache", exc_info=True)
        return journey_import.lines_done


class _CachedProgress:
    """Stores an import's progress in the cache every thousand lines or so, and at the end."""

    def __init__(self, journey_import: JourneyImport) -> None:
        self.journey_import = journey_import
        self.stored = 0

    def __call__(self, done: int) -> None:
        if done - self.stored < PROGRESS_EVERY and done < self.journey_import.lines_total:
            return
        self.stored = done
        try:
            cache.set(progress_key(self.journey_import), done, timeout=24 * 3600)
        except Exception:  # the cache is Redis, which may be down; the import goes on
            logger.warning("import progress not stored in the cache", exc_info=True)


def _claim(pk: int | None = None) -> JourneyImport | None:
    """A queued import, marked as running so that no other worker starts it."""
    with transaction.atomic():
        queued = JourneyImport.objects.select_for_update(skip_locked=True).filter(status=ImportStatus.QUEUED)
        if pk is not None:
            queued = queued.filter(pk=pk)
        journey_import = queued.order_by("created_at").first()
        if journey_import is not None:
            journey_import.status = ImportStatus.RUNNING
            journey_import.save(update_fields=["status"])
        return journey_import


def _run(journey_import: JourneyImport) -> str:
    """Import a claimed file. Whatever goes wrong, the import ends: a failure is recorded with its reason (nothing
    imported), so that the page never shows it running for ever and the worker goes on to the next."""
    try:
        lines = bytes(journey_import.content).splitlines()
        journey_import.lines_total = len(lines)
        run_import(journey_import, lines, progress=_CachedProgress(journey_import))
    except Exception as error:
        logger.exception("journey import %s failed", journey_import.pk)
        record_failure(journey_import, error)
    logger.info("journey import %s: %s", journey_import.pk, journey_import.status)
    return journey_import.status


@shared_task(acks_late=True)
def import_journey_file(pk: int) -> str:
    journey_import = _claim(pk)
    return _run(journey_import) if journey_import is not None else "not queued"


@shared_task(acks_late=True)
def start_queued_imports() -> int:
    started = 0
    while (journey_import := _claim()) is not None:
        _run(journey_import)
        started += 1
    return started


@shared_task
def refresh_live_scorecards() -> int:
    """Compute the live scorecard of the quarter the page opens on, for the nation and every Area, into the cache;
    how many pages were refreshed."""
    period = periods_offered(timezone.localdate())[0]
    places = [place for place in live.places(area_id=None, fresh=True) if place.force_id is None]
    for place in places:
        if place.area_id is not None:
            live.places(area_id=place.area_id, fresh=True)
        live.compute_figures(period, place, None)
    logger.info("live scorecards refreshed for %s: %d places", period.label, len(places))
    return len(places)
