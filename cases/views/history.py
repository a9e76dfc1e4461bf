"""A case's change history (audit.history), for the RASSO unit head of its Area."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from accounts.roles import Role
from accounts.scoping import signed_in_user
from audit.history import case_history
from cases.models import Case


def case_history_page(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.visible_to(request.user), pk=pk)
    if signed_in_user(request).role != Role.UNIT_HEAD:
        raise PermissionDenied("A case's change history is for its RASSO unit head.")
    changes = case_history(case.pk)
    return render(request, "cases/case_history.html", {"case": case, "changes": changes, "tab": "history"})
