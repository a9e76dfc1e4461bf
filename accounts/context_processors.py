"""Service navigation for the signed-in user's role."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from accounts.models import User
from accounts.roles import POLICE_ROLES, Role
from accounts.scoping import case_scope, statistics_scope


@dataclass(frozen=True)
class NavigationItem:
    text: str
    href: str
    active: bool


def navigation(request: HttpRequest) -> dict[str, list[NavigationItem]]:
    # A request refused before the authentication middleware (a disallowed Host header: the 400 page) has no user.
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_verified():  # type: ignore[attr-defined]
        # Between password and code nothing is open to the user yet, so nothing is offered.
        return {"navigation": []}
    links = [("Home", reverse("dashboards:home"))]
    if not case_scope(user).is_empty:
        links.append(("Cases", reverse("cases:list")))
    if user.role in POLICE_ROLES:
        links.append(("Actions due", reverse("actionplans:due")))
    if user.role == Role.UNIT_HEAD:
        links.append(("Action plans", reverse("actionplans:overdue")))
    if user.role in (Role.PROSECUTOR, Role.UNIT_HEAD, Role.VICTIM_LIAISON_OFFICER):
        links.append(("Victim letters", reverse("victims:letters-due")))
    if user.role in (Role.UNIT_HEAD, Role.PANEL_MEMBER):
        links.append(("NFA scrutiny", reverse("scrutiny:panels")))
    if user.role in (Role.UNIT_HEAD, Role.AUDITOR):
        links.append(("Access log", reverse("victims:access-log")))
    if not statistics_scope(user).is_empty:
        links.append(("Scorecards", reverse("scorecards:index")))
    links.append(("Notifications", reverse("reminders:list")))
    if user.role == Role.ADMINISTRATOR:
        links.append(("Administration", reverse("admin:index")))
    path = request.path
    return {
        "navigation": [
            NavigationItem(text, href, path == href or (href != "/" and path.startswith(href))) for text, href in links
        ]
    }
