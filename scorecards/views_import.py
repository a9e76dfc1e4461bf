"""The administrator's journey import (INTERCHANGE.md): the upload page and the page that follows an import."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET

from accounts.models import User
from accounts.roles import Role
from accounts.scoping import signed_in_user
from scorecards.forms import JourneyFileForm
from scorecards.journey_files import CappedUpload
from scorecards.journey_import import new_import
from scorecards.models import ImportStatus, JourneyImport
from scorecards.tasks import import_journey_file, lines_done
from web.steps import posted

logger = logging.getLogger(__name__)


def _administrator(request: HttpRequest) -> User:
    user = signed_in_user(request)
    if user.role != Role.ADMINISTRATOR:
        raise PermissionDenied("Journey files are imported by administrators.")
    return user


@csrf_exempt  # checked below, once the size cap is in place: the CSRF check reads the request's files
def import_journeys(request: HttpRequest) -> HttpResponse:
    user = _administrator(request)
    cap = CappedUpload(request, settings.JOURNEY_IMPORT_MAX_BYTES)
    request.upload_handlers = [cap, *request.upload_handlers]
    return _import_journeys(request, user, cap)


@csrf_protect
def _import_journeys(request: HttpRequest, user: User, cap: CappedUpload) -> HttpResponse:
    """The upload, streamed to storage: its SHA-256 and lines are counted a chunk at a time, and the file is stored
    from Django's temporary file. A file refused, or a record that cannot be saved, leaves nothing behind."""
    files = request.FILES.copy()
    files.update(cap.refused)
    form = JourneyFileForm(posted(request), files or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        journey_import = new_import(upload.name, upload.chunks(), uploaded_by=user)
        journey_import.file.save(upload.name, upload, save=False)
        try:
            journey_import.save()
        except Exception:
            journey_import.file.delete(save=False)
            raise
        transaction.on_commit(lambda: _start(journey_import.pk))
        return redirect("scorecards:import", pk=journey_import.pk)
    recent = JourneyImport.objects.all()[:10]
    return render(request, "scorecards/import_journeys.html", {"form": form, "recent": recent})


def _start(pk: int) -> None:
    """Start the import now if the broker answers; beat starts it otherwise."""
    try:
        import_journey_file.delay(pk)
    except Exception:  # the broker is Redis, which may be down: the upload is kept and beat picks it up
        logger.warning("journey import %s left for beat: the broker did not answer", pk, exc_info=True)


def _stopped_attempts(journey_import: JourneyImport) -> int:
    """How many times an import still under way has stopped before it finished: every attempt so far while it waits
    to start again, every one but the current while it runs."""
    if journey_import.status == ImportStatus.QUEUED:
        return journey_import.attempts
    if journey_import.status == ImportStatus.RUNNING:
        return journey_import.attempts - 1
    return 0


@require_GET
def import_status(request: HttpRequest, pk: int) -> HttpResponse:
    _administrator(request)
    journey_import = get_object_or_404(JourneyImport, pk=pk)
    done = lines_done(journey_import)
    percent = round(100 * done / journey_import.lines_total) if journey_import.lines_total else 0
    context = {
        "journey_import": journey_import,
        "lines_done": done,
        "percent": percent,
        "max_attempts": JourneyImport.MAX_ATTEMPTS,
        "stopped_attempts": _stopped_attempts(journey_import),
    }
    return render(request, "scorecards/import_status.html", context)
