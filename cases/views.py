"""Case pages: the list of cases in the user's scope and one case's overview."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from accounts.scoping import case_scope
from cases.models import Case

CASES_PER_PAGE = 25


def _require_case_access(request: HttpRequest) -> None:
    if case_scope(request.user).is_empty:
        raise PermissionDenied("Your role does not work on case records.")


def case_list(request: HttpRequest) -> HttpResponse:
    _require_case_access(request)
    cases = Case.objects.visible_to(request.user).select_related("police_force", "cps_area", "officer_in_charge")
    page = Paginator(cases, CASES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "cases/case_list.html", {"page": page})


def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(
        Case.objects.visible_to(request.user).select_related(
            "police_force", "cps_area", "rasso_unit", "officer_in_charge", "allocated_prosecutor"
        ),
        pk=pk,
    )
    return render(request, "cases/case_detail.html", {"case": case, "suspects": case.suspects.all()})
