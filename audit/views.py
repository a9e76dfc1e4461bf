"""A case's change history, for the RASSO unit head of its Area."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.roles import Role
from accounts.scoping import signed_in_user
from audit.history import case_history
from cases.views.pages import visible_case


def case_history_page(request: HttpRequest, pk: int) -> HttpResponse:
    case = visible_case(request, pk)
    if signed_in_user(request).role != Role.UNIT_HEAD:
        raise PermissionDenied("A case's change history is for its RASSO unit head.")
    return render(request, "audit/case_history.html", {"case": case, "changes": case_history(case), "tab": "history"})
