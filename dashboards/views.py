"""The home page for each role, and the page for a failed CSRF check."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import CpsArea, User
from accounts.roles import POLICE_ROLES, Role
from accounts.scoping import case_scope, signed_in_user, statistics_scope
from cases.models import Case
from cases.models.precharge import ReferralKind
from cases.queues import open_referrals
from dashboards.due import due_for
from dashboards.panels import panels_for
from dashboards.stage_queues import suspects_at
from reminders.models import Notification
from scorecards.queries import cases_reported_by_financial_year

if TYPE_CHECKING:  # django-stubs' helper, a development dependency
    from django_stubs_ext import StrOrPromise

HOME_LIST_LENGTH = 10


def _case_list_for(user: User) -> tuple[StrOrPromise, QuerySet[Case]]:
    """The heading and cases each caseworking role sees first."""
    cases = Case.objects.visible_to(user).select_related("police_force", "cps_area")
    if user.role == Role.INVESTIGATOR:
        return _("Your cases"), cases.filter(officer_in_charge=user)
    if user.role == Role.PROSECUTOR:
        return _("Cases allocated to you"), cases.filter(allocated_prosecutor=user)
    if user.role == Role.UNIT_HEAD:
        return _("Longest-running cases in your Area"), cases.order_by("reported_on", "urn")
    if user.role == Role.POLICE_SUPERVISOR:
        return _("Latest cases in your force"), cases
    return _("Latest cases"), cases


POLICE_WITH_YOU = _("With you: action plans and early advice")


def _queues(user: User, today: date) -> list[tuple[StrOrPromise, object]]:
    """The deadlines each role works to: police wait on the CPS and owe what follows early advice or a plan; a
    prosecutor answers the early advice and referrals that are theirs and takes their charged suspects on to
    sentence; a unit head sees the whole Area's."""
    n = HOME_LIST_LENGTH
    if user.role in POLICE_ROLES:
        return [
            (_("Requests waiting for the CPS"), open_referrals(user=user, today=today, limit=n)),
            (POLICE_WITH_YOU, suspects_at(user=user, today=today, queue="after_early_advice", limit=n)),
        ]
    if user.role not in (Role.PROSECUTOR, Role.UNIT_HEAD):
        return []
    precharge: list[tuple[StrOrPromise, object]] = [
        (_("Early advice due"), open_referrals(user=user, today=today, kind=ReferralKind.EARLY_ADVICE, limit=n)),
        (_("Referrals due"), open_referrals(user=user, today=today, kind=ReferralKind.CHARGING_DECISION, limit=n)),
    ]
    if user.role == Role.PROSECUTOR:
        plans = suspects_at(user=user, today=today, queue="after_early_advice", limit=n)
        precharge.append((_("Action plans with the police"), plans))
    return [
        *precharge,
        (_("Charged: to be sent to the Crown Court"), suspects_at(user=user, today=today, queue="charged", limit=n)),
        (_("Awaiting PTPH"), suspects_at(user=user, today=today, queue="awaiting_ptph", limit=n)),
        (_("Awaiting trial"), suspects_at(user=user, today=today, queue="awaiting_trial", limit=n)),
        (_("Convicted: awaiting sentence"), suspects_at(user=user, today=today, queue="convicted", limit=n)),
    ]


def home(request: HttpRequest) -> HttpResponse:
    """What is due for the person first; a prosecutor's page then leads with their cases and their work, the
    other caseworkers' with their queues."""
    user = signed_in_user(request)
    today = timezone.localdate()
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True).select_related("about")
    context: dict[str, object] = {"notifications": unread[:HOME_LIST_LENGTH]}
    if user.role == Role.ANALYST:
        context["years"] = cases_reported_by_financial_year(statistics_scope(user))
    if user.role == Role.ADMINISTRATOR:
        context["areas"] = CpsArea.objects.annotate(force_count=Count("forces", distinct=True))
    if user.role == Role.PANEL_MEMBER:
        context["scrutiny"] = panels_for(user, today)
    context["due"] = due_for(user, today)
    context["queues"] = _queues(user, today)
    context["my_work"] = user.role == Role.PROSECUTOR
    if not case_scope(user).is_empty:
        heading, cases = _case_list_for(user)
        context["case_heading"] = heading
        context["case_count"] = cases.count()
        context["cases"] = cases[:HOME_LIST_LENGTH]
    return render(request, "dashboards/home.html", context)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A CSRF failure in the service's own style, explaining what to do."""
    return render(request, "403_csrf.html", status=403)
