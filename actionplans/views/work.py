"""Work lists: the police's actions due, and the unit head's overdue plans (by review level), aged cases and the
RASSO JOIM agenda download."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.models import User
from accounts.roles import POLICE_ROLES, Role
from accounts.scoping import case_scope, signed_in_user
from actionplans.forms import OverdueFilterForm
from actionplans.queries import (
    aged_suspects,
    as_tasks,
    awaiting_reopening,
    by_level,
    due_plans,
    joim_agenda,
    overdue_plans,
)
from audit.models import Purpose
from cases.identity_screen import Screen
from downloads.tables import Download, csv_download, xlsx_download
from web.pagination import BoundedPaginator

AGED_PER_PAGE = 25
PLANS_PER_PAGE = 25


def police_actions_due(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if user.role not in POLICE_ROLES:
        raise PermissionDenied("Actions are answered by the police.")
    page = BoundedPaginator(due_plans(user), PLANS_PER_PAGE).get_page(request.GET.get("page"))
    plans = as_tasks(page.object_list, timezone.localdate())
    return render(request, "actionplans/actions_due.html", {"page": page, "plans": plans})


def unit_head(request: HttpRequest) -> User:
    """The unit head's pages are theirs alone; everyone else is refused."""
    user = signed_in_user(request)
    if user.role != Role.UNIT_HEAD:
        raise PermissionDenied("These pages are for RASSO unit heads.")
    return user


def _filter_form(request: HttpRequest, user: User) -> OverdueFilterForm:
    form = OverdueFilterForm(
        request.GET or None,
        forces=case_scope(user).forces().order_by("name"),  # from the organisations: cheaper than asking the cases
        prosecutors=User.objects.filter(role=Role.PROSECUTOR, cps_area_id=user.cps_area_id).order_by("last_name"),
    )
    form.is_valid()
    return form


def overdue(request: HttpRequest) -> HttpResponse:
    user = unit_head(request)
    form = _filter_form(request, user)
    chosen = form.cleaned_data if form.is_bound and form.is_valid() else {}
    plans = overdue_plans(
        user, timezone.localdate(), police_force=chosen.get("police_force"), prosecutor=chosen.get("prosecutor")
    )
    page = BoundedPaginator(plans, PLANS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "groups": by_level(page.object_list),
        "prfis": awaiting_reopening(user)[:50],
        "section": "overdue",
    }
    return render(request, "actionplans/overdue.html", context)


def aged(request: HttpRequest) -> HttpResponse:
    user = unit_head(request)
    form = _filter_form(request, user)
    chosen = form.cleaned_data if form.is_bound and form.is_valid() else {}
    suspects = aged_suspects(user, police_force=chosen.get("police_force"), prosecutor=chosen.get("prosecutor"))
    page = BoundedPaginator(suspects, AGED_PER_PAGE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [(suspect, (today - suspect.first_referred_on).days) for suspect in page.object_list]
    return render(request, "actionplans/aged.html", {"form": form, "page": page, "rows": rows, "section": "aged"})


JOIM_HEADERS = [
    "URN",
    "Police force",
    "Suspect",
    "Plan",
    "Plan set on",
    "Days since set",
    "Action",
    "What is asked",
    "Owner",
    "Due on",
    "Days overdue",
]


def joim_agenda_download(request: HttpRequest, file_format: str) -> HttpResponse:
    """The cases listed for the next RASSO JOIM, one row per outstanding action: URN and labels, never a name (what
    each action asks passes the identity screen)."""
    user = unit_head(request)
    today = timezone.localdate()
    actions = list(joim_agenda(user, today))
    screen = Screen(action.plan.suspect.case_id for action in actions)
    rows = [
        [
            action.plan.suspect.case.urn,
            action.plan.suspect.case.police_force.name,
            action.plan.suspect.label,
            action.plan.label,
            action.plan.set_on,
            (today - action.plan.set_on).days,
            action.number,
            screen(action.plan.suspect.case_id, action.request),
            action.owner.get_full_name() if action.owner else "",
            action.due_on,
            max(0, (today - action.due_on).days),
        ]
        for action in actions
    ]
    filename = f"joim-agenda-{today:%Y-%m-%d}.{file_format}"
    download = Download(request, "JOIM agenda", Purpose.CASE_MANAGEMENT)
    if file_format == "csv":
        return csv_download(download, filename=filename, headers=JOIM_HEADERS, rows=rows)
    if file_format == "xlsx":
        return xlsx_download(download, filename=filename, sheet="JOIM agenda", headers=JOIM_HEADERS, rows=rows)
    raise Http404
