"""Scorecard pages for analysts and unit heads: aggregates only, never a case or a person."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.scoping import statistics_scope
from scorecards.queries import cases_reported_by_financial_year


def index(request: HttpRequest) -> HttpResponse:
    scope = statistics_scope(request.user)
    if scope.is_empty:
        raise PermissionDenied("Your role does not see scorecards.")
    return render(request, "scorecards/index.html", {"years": cases_reported_by_financial_year(scope)})
