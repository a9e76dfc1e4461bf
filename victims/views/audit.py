"""The identity access log, for RASSO unit heads (their Area) and auditors (their Area, or every Area)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.scoping import signed_in_user
from victims.forms import AccessLogFilterForm
from victims.queries import access_log, access_log_scope
from web.pagination import BoundedPaginator

READS_PER_PAGE = 50


def access_log_page(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if access_log_scope(user).is_empty:
        raise PermissionDenied("The access log is for RASSO unit heads and auditors.")
    form = AccessLogFilterForm(request.GET or None)
    reads = access_log(user)
    if form.is_valid() and form.cleaned_data["urn"]:
        reads = reads.filter(case_urn=form.cleaned_data["urn"].strip().upper())
    page = BoundedPaginator(reads, READS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "victims/access_log.html", {"form": form, "page": page})
