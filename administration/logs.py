"""The two logs an auditor reads, filtered, paged and downloaded: the identity access log (every read of a
complainant's details; RASSO unit heads read their Area's too) and the export log (every download). Who sees which
entries is decided in one place for each: victims.queries.access_log and audit.queries.export_log. Neither log holds
a complainant's identity (the access log names them by label, "Complainant A"), so neither page nor file can show it.

A download (``?format=csv`` or ``?format=xlsx`` with the page's filters) holds every entry the filters keep, up to
``DOWNLOAD_LIMIT``, latest first, and is itself written to the export log."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from accounts.scoping import Scope, signed_in_user
from administration.log_filters import ACCESS_LOG, EXPORT_LOG, Log, LogFilterForm
from administration.log_pages import log_page
from audit.models import Purpose
from audit.queries import auditor_scope, export_log
from downloads.tables import Download, csv_download, xlsx_download
from victims.models import IdentityReadReason
from victims.queries import access_log, access_log_scope

DOWNLOAD_LIMIT = 50_000


def _when(moment: Any) -> tuple[Any, str]:
    """A moment as two cells, date and time, in the service's time zone: a spreadsheet reads the date as a date."""
    local = timezone.localtime(moment)
    return local.date(), local.strftime("%H:%M:%S")


def _access_rows(entries: QuerySet[Any]) -> Iterator[Sequence[Any]]:
    reasons = dict(IdentityReadReason.choices)
    fields = (
        "read_at",
        "case_urn",
        "case__cps_area__name",
        "complainant_label",
        "reader_name",
        "reason",
        "note",
        "via",
    )
    for read_at, urn, area, label, reader, reason, note, via in entries.values_list(*fields)[:DOWNLOAD_LIMIT]:
        yield (*_when(read_at), urn, area or "", label, reader, reasons.get(reason, reason), note, via)


def _export_rows(entries: QuerySet[Any]) -> Iterator[Sequence[Any]]:
    for export in entries[:DOWNLOAD_LIMIT].iterator(chunk_size=2000):
        gone = export.user_id is not None and export.user is None
        yield (
            *_when(export.made_at),
            export.user_name,
            "(account deleted)" if gone else export.organisation_name,
            export.what,
            export.filename,
            export.get_purpose_display(),
            export.via,
        )


HEADERS = {
    ACCESS_LOG.filename: [
        "Date",
        "Time",
        "Case URN",
        "Case's CPS Area",
        "Complainant",
        "Reader",
        "Reason",
        "Note",
        "Via",
    ],
    EXPORT_LOG.filename: ["Date", "Time", "Person", "Their organisation then", "What", "File", "Purpose", "Via"],
}
ROWS = {ACCESS_LOG.filename: _access_rows, EXPORT_LOG.filename: _export_rows}
TEMPLATES = {
    ACCESS_LOG.filename: "administration/logs/access_log.html",
    EXPORT_LOG.filename: "administration/logs/export_log.html",
}


def _log(request: HttpRequest, log: Log, scope: Scope, entries: QuerySet[Any], *, organisations: bool) -> HttpResponse:
    """The page or download of a log: filtered by the form when it is valid; in error, the page shows the errors
    with what was typed, and no entries (never the unfiltered log in their place)."""
    form = LogFilterForm(request.GET or None, log=log, scope=scope, organisations=organisations)
    context: dict[str, Any] = {"form": form, "log": log, "national": scope.everything, "limit": DOWNLOAD_LIMIT}
    if form.is_bound and not form.is_valid():
        return render(request, TEMPLATES[log.filename], context)
    filtered = form.filtered(entries) if form.is_bound else entries
    download = request.GET.get("format")
    if download in ("csv", "xlsx"):
        return _download(request, log, filtered.order_by("-pk"), form.used, download)
    context["page"] = log_page(filtered, request.GET)
    context["filtering"] = form.used
    return render(request, TEMPLATES[log.filename], context)


def _download(request: HttpRequest, log: Log, entries: QuerySet[Any], used: list[str], kind: str) -> HttpResponse:
    what = f"{log.title}, filtered by {', '.join(used)}" if used else log.title
    filename = f"{log.filename}-{timezone.localdate().isoformat()}.{kind}"
    download = Download(request, what[:200], Purpose.AUDIT)
    rows = ROWS[log.filename](entries)
    if kind == "csv":
        return csv_download(download, filename=filename, headers=HEADERS[log.filename], rows=rows)
    return xlsx_download(download, filename=filename, sheet=log.title, headers=HEADERS[log.filename], rows=rows)


def access_log_page(request: HttpRequest) -> HttpResponse:
    """Every read of a complainant's details: for auditors (their Area's cases, or every case if national) and RASSO
    unit heads (their Area's cases)."""
    user = signed_in_user(request)
    scope = access_log_scope(user)
    if scope.is_empty:
        raise PermissionDenied("The access log is for RASSO unit heads and auditors.")
    return _log(request, ACCESS_LOG, scope, access_log(user), organisations=True)


def export_log_page(request: HttpRequest) -> HttpResponse:
    """Every download, for auditors: an Area's auditor sees those made by people of their Area. Not for unit heads,
    who answer for their Area's casework: what leaves the service is the auditors' to watch."""
    user = signed_in_user(request)
    scope = auditor_scope(user)
    if scope.is_empty:
        raise PermissionDenied("The export log is for auditors.")
    entries = export_log(user).select_related("user", "cps_area", "police_force")
    # An Area's auditor sees only their Area's downloads: there is no other organisation to choose.
    return _log(request, EXPORT_LOG, scope, entries, organisations=scope.everything)


urlpatterns = [
    path("access-log/", access_log_page, name="access-log"),
    path("export-log/", export_log_page, name="export-log"),
]
