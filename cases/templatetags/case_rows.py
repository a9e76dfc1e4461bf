"""``{% case_rows cases as rows %}``: what the shared case table (templates/partials/case_table.html) shows of each
case, read in a fixed number of queries whichever page includes the table."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils import timezone

from cases import listing
from cases.models import Case

register = template.Library()


@register.simple_tag
def case_rows(cases: Iterable[Case]) -> list[listing.CaseRow]:
    return listing.case_rows(cases, today=timezone.localdate())
