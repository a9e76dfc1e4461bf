"""The administrator's journey import (INTERCHANGE.md): the upload page and the page that follows an import."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from accounts.models import User
from accounts.roles import Role
from accounts.scoping import signed_in_user
from scorecards.forms import JourneyFileForm
from scorecards.journey_import import new_import
from scorecards.models import JourneyImport
from scorecards.tasks import import_journey_file, lines_done
from web.steps import posted

logger = logging.getLogger(__name__)


def _administrator(request: HttpRequest) -> User:
    user = signed_in_user(request)
    if user.role != Role.ADMINISTRATOR:
        raise PermissionDenied("Journey files are imported by administrators.")
    return user


def import_journeys(request: HttpRequest) -> HttpResponse:
    user = _administrator(request)
    form = JourneyFileForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["file"].read()
        journey_import = new_import(form.cleaned_data["file"].name, content, uploaded_by=user)
        journey_import.content = content
        journey_import.save()
        transaction.on_commit(lambda: _start(journey_import.pk))
        return redirect("scorecards:import", pk=journey_import.pk)
    recent = JourneyImport.objects.defer("content")[:10]
    return render(request, "scorecards/import_journeys.html", {"form": form, "recent": recent})


def _start(pk: int) -> None:
    """Start the import now if the broker answers; beat starts it otherwise."""
    try:
        import_journey_file.delay(pk)
    except Exception:  # the broker is Redis, which may be down: the upload is kept and beat picks it up
        logger.warning("journey import %s left for beat: the broker did not answer", pk, exc_info=True)


@require_GET
def import_status(request: HttpRequest, pk: int) -> HttpResponse:
    _administrator(request)
    journey_import = get_object_or_404(JourneyImport.objects.defer("content"), pk=pk)
    done = lines_done(journey_import)
    percent = round(100 * done / journey_import.lines_total) if journey_import.lines_total else 0
    context = {"journey_import": journey_import, "lines_done": done, "percent": percent}
    return render(request, "scorecards/import_status.html", context)
