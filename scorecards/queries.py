"""Aggregate queries over the case tables: computed in the database, never by loading cases into Python."""

from dataclasses import dataclass

from django.db import models
from django.db.models.functions import ExtractYear

from accounts.scoping import Scope
from cases.models import Case
from scorecards.periods import FIRST_MONTH, financial_year_label


@dataclass(frozen=True)
class YearCount:
    financial_year: str
    cases: int


def cases_reported_by_financial_year(scope: Scope) -> list[YearCount]:
    """Cases reported to police in each financial year, newest first."""
    started_previous_year = models.Case(
        models.When(reported_on__month__lt=FIRST_MONTH, then=models.Value(1)),
        default=models.Value(0),
        output_field=models.IntegerField(),
    )
    rows = (
        scope.apply(Case.objects.all())
        .annotate(financial_year=ExtractYear("reported_on") - started_previous_year)
        .values("financial_year")
        .annotate(cases=models.Count("id"))
        .order_by("-financial_year")
    )
    return [YearCount(financial_year_label(row["financial_year"]), row["cases"]) for row in rows]
