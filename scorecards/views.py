"""Scorecard pages for analysts and unit heads (aggregates only, never a case or a person): the scorecard with trends
and breakdowns, its downloads and published snapshots. Their figures are read from the read replica when one is
usable (operations/replica.py, through scorecards.services and scorecards.live, as the API's are); the list of
published snapshots is read from the primary, so that a quarter just published is listed at once."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from accounts.models import User
from accounts.roles import Role
from accounts.scoping import signed_in_user
from audit.models import Purpose
from downloads.tables import Download, attachment, csv_download
from operations.replica import replica_reads
from scorecards import exports, live, police_outcomes, services
from scorecards.dimensions import BY_ID as DIMENSIONS
from scorecards.dimensions import Dimension
from scorecards.forms import ChooseScorecardForm, PublishForm, periods_offered
from scorecards.measures import Group
from scorecards.models import Snapshot
from scorecards.periods import Period, PeriodError, completed_quarters, parse_period
from web.steps import posted, step_page

logger = logging.getLogger(__name__)
PUBLISHABLE_QUARTERS = 8
SNAPSHOTS_LISTED = 8
DOWNLOAD_FORMATS = [("csv", "CSV"), ("xlsx", "XLSX"), ("ods", "ODS")]


def _reader(request: HttpRequest) -> User:
    user = signed_in_user(request)
    services.scope_of(user)
    return user


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    user = _reader(request)
    places = [(services.place_key(p), p) for p in services.places_for(user)]
    periods = periods_offered(timezone.localdate())
    form = ChooseScorecardForm(
        request.GET or {"period": periods[0].label, "place": places[0][0]}, periods=periods, places=places
    )
    context: dict[str, Any] = {
        "form": form,
        "snapshots": list(services.snapshots_for(user)[:SNAPSHOTS_LISTED]),
        "download_formats": DOWNLOAD_FORMATS,
    }
    context["can_publish"] = services.can_publish(user)
    context["can_import"] = user.role == Role.ADMINISTRATOR
    if form.is_valid():
        period: Period = form.cleaned_data["period"]
        place = services.place_for(user, form.cleaned_data["place"])
        dimension = DIMENSIONS.get(form.cleaned_data["breakdown"] or "")
        context.update(
            period=period,
            place=place,
            figures=live.live_figures(period, place, dimension),
            dimension=dimension,
            contents=_contents(dimension),
        )
        outcomes = _police_outcomes(period)
        context.update(police_outcomes=outcomes.of(place), police_outcomes_of=outcomes)
    return render(request, "scorecards/index.html", context)


def _contents(dimension: Dimension | None) -> list[tuple[str, str]]:
    """The page's sections in the order they come, as (anchor, heading): the GOV.UK contents list at its top."""
    return [
        ("download", "Download this scorecard"),
        *([("breakdown", f"By {dimension.title.lower()}")] if dimension else []),
        ("report-to-conviction", "From report to conviction"),
        *((f"group-{slugify(group.value)}", group.value) for group in Group),
        ("police-nfa-outcomes", "Police NFAs by Home Office outcome"),
        ("published", "Published scorecards"),
    ]


def _police_outcomes(period: Period) -> police_outcomes.PoliceOutcomes:
    """Police NFAs by Home Office outcome in every place, small numbers withheld the same way whoever asks."""
    with replica_reads():
        return police_outcomes.kept_police_nfa_outcomes(period, live.places(area_id=None))


@require_GET
def police_outcomes_download(request: HttpRequest) -> HttpResponse:
    """Police NFAs by Home Office outcome for a period, for every place the user may see, small numbers withheld."""
    user = _reader(request)
    try:
        period = parse_period(request.GET.get("period", ""))
    except PeriodError:
        messages.error(request, "Choose a period to download.")
        return redirect("scorecards:index")
    rows = police_outcomes.csv_rows(_police_outcomes(period), services.places_for(user))
    slug = period.label.lower().replace(" ", "-")
    return csv_download(
        Download(request, f"Police NFAs by Home Office outcome, {period.label}", Purpose.PERFORMANCE),
        filename=f"rasso-police-nfa-outcomes-{slug}.csv",
        headers=police_outcomes.CSV_HEADERS,
        rows=rows,
    )


def _send(request: HttpRequest, what: str, scorecard: exports.Scorecard, file_format: str) -> HttpResponse:
    if file_format not in exports.FORMATS:
        raise PermissionDenied("Choose CSV, XLSX or ODS.")
    write, content_type = exports.FORMATS[file_format]
    download = Download(request, what, Purpose.PERFORMANCE)
    return attachment(download, write(scorecard), filename=scorecard.filename(file_format), content_type=content_type)


@require_GET
def download(request: HttpRequest, file_format: str) -> HttpResponse:
    """The live scorecard of a period for every place the user may see."""
    user = _reader(request)
    try:
        period = parse_period(request.GET.get("period", ""))
    except PeriodError:
        messages.error(request, "Choose a period to download.")
        return redirect("scorecards:index")
    scorecard = services.live_scorecard(period, services.places_for(user))
    return _send(request, f"Live scorecard, {period.label}", scorecard, file_format)


@require_GET
def snapshot_download(request: HttpRequest, pk: int, version: str, file_format: str) -> HttpResponse:
    user = _reader(request)
    snapshot = get_object_or_404(services.snapshots_for(user), pk=pk)
    if version not in ("published", "internal"):
        raise PermissionDenied("Choose the published version or every figure.")
    scorecard = services.snapshot_scorecard(snapshot, external=version == "published", area=services.area_of(user))
    return _send(request, f"Published scorecard {snapshot.period}, {version} version", scorecard, file_format)


def publish(request: HttpRequest) -> HttpResponse:
    user = _reader(request)
    if not services.can_publish(user):
        raise PermissionDenied("Only a national analyst or an administrator publishes scorecards.")
    published = set(Snapshot.objects.values_list("period", flat=True))
    quarters = [q for q in completed_quarters(timezone.localdate(), PUBLISHABLE_QUARTERS) if q.label not in published]
    return step_page(
        request,
        doers=services.PUBLISHERS,
        title="Publish a quarter's scorecard",
        form=PublishForm(posted(request), quarters=quarters),
        run=lambda data: services.publish_snapshot(actor=user, period=data["period"]),
        done="Scorecard published",
        done_url=reverse("scorecards:index"),
        confirmation=lambda data: (
            f"Publishing freezes the figures for {data['period'].label} as they are now, for every place. "
            "A published scorecard cannot be changed or published again."
        ),
        summary=[("Small-number rule", "Counts below the disclosure threshold are withheld in the published version")],
    )
