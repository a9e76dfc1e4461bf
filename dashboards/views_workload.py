"""The team workload page of a unit head or a police supervisor, sortable and filterable, and its CSV and XLSX
downloads (the same table, as filtered and sorted on the page)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.models import PoliceForce, RassoUnit, User
from accounts.roles import Role
from accounts.scoping import case_scope, signed_in_user
from audit.models import Purpose
from dashboards.workload import WORKLOAD_ROLES, Workload, table, workload
from downloads.tables import Download, csv_download, xlsx_download
from govuk.forms import GovukFormMixin


class WorkloadFilterForm(GovukFormMixin, forms.Form):
    police_force = forms.ModelChoiceField(
        label="Police force", queryset=PoliceForce.objects.none(), required=False, empty_label="All"
    )
    rasso_unit = forms.ModelChoiceField(
        label="RASSO unit", queryset=RassoUnit.objects.none(), required=False, empty_label="All"
    )
    overdue = forms.BooleanField(label="Only people with overdue items", required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if user.role == Role.UNIT_HEAD:
            # From the organisation tables: asking the cases which forces they name would read the Area's caseload.
            self.fields["police_force"].queryset = case_scope(user).forces().order_by("name")  # type: ignore[attr-defined]
            units = RassoUnit.objects.filter(cps_area_id=user.cps_area_id).order_by("name")
            if len(units) > 1:
                self.fields["rasso_unit"].queryset = units  # type: ignore[attr-defined]
            else:
                del self.fields["rasso_unit"]
        else:  # a police supervisor's one force
            del self.fields["police_force"], self.fields["rasso_unit"]


def _workload(request: HttpRequest) -> tuple[WorkloadFilterForm, Workload]:
    """The page's form and the workload it asks for: for a unit head or a police supervisor only (anyone else is
    refused, as on the unit head's other pages)."""
    user = signed_in_user(request)
    if user.role not in WORKLOAD_ROLES:
        raise PermissionDenied("The team workload is for RASSO unit heads and police supervisors.")
    form = WorkloadFilterForm(request.GET or None, user=user)
    chosen = form.cleaned_data if form.is_bound and form.is_valid() else {}
    work = workload(
        user,
        timezone.localdate(),
        police_force=chosen.get("police_force"),
        rasso_unit=chosen.get("rasso_unit"),
        overdue_only=bool(chosen.get("overdue")),
        sort=request.GET.get("sort", "name"),
    )
    return form, work


@require_GET
def workload_page(request: HttpRequest) -> HttpResponse:
    form, work = _workload(request)
    return render(request, "dashboards/workload.html", {"form": form, "work": work, "sort": work.sort})


@require_GET
def workload_download(request: HttpRequest) -> HttpResponse:
    """The table as shown (filters and order), with staff names and URNs only."""
    _, work = _workload(request)
    file_format = request.GET.get("format", "csv")
    if file_format not in ("csv", "xlsx"):
        raise Http404
    headers, rows = table(work)
    filename = f"workload-{timezone.localdate():%Y-%m-%d}.{file_format}"
    download = Download(request, "Team workload", Purpose.CASE_MANAGEMENT)
    if file_format == "csv":
        return csv_download(download, filename=filename, headers=headers, rows=rows)
    return xlsx_download(download, filename=filename, sheet="Workload", headers=headers, rows=rows)
