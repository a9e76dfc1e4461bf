"""Service navigation for the signed-in user's role."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import POLICE_ROLES, Role
from accounts.scoping import case_scope, statistics_scope


@dataclass(frozen=True)
class NavigationItem:
    text: Promise
    href: str
    active: bool


def _for(*roles: str) -> Callable[[User], bool]:
    return lambda user: user.role in roles


# The menu, in order: each link with who has it (its words translated when the page is shown).
LINKS: tuple[tuple[Promise, str, Callable[[User], bool]], ...] = (
    (_("Home"), "dashboards:home", lambda user: True),
    (_("Cases"), "cases:list", lambda user: not case_scope(user).is_empty),
    (_("Actions due"), "actionplans:due", _for(*POLICE_ROLES)),
    (_("Action plans"), "actionplans:overdue", _for(Role.UNIT_HEAD)),
    (_("Workload"), "dashboards:workload", _for(Role.UNIT_HEAD, Role.POLICE_SUPERVISOR)),
    (_("Victim letters"), "victims:letters-due", _for(Role.PROSECUTOR, Role.UNIT_HEAD, Role.VICTIM_LIAISON_OFFICER)),
    (_("NFA scrutiny"), "scrutiny:panels", _for(Role.UNIT_HEAD, Role.PANEL_MEMBER)),
    (_("Access log"), "administration:access-log", _for(Role.UNIT_HEAD, Role.AUDITOR)),
    (_("Export log"), "administration:export-log", _for(Role.AUDITOR)),
    (_("Scorecards"), "scorecards:index", lambda user: not statistics_scope(user).is_empty),
    (_("Notifications"), "reminders:list", lambda user: True),
    (_("E-mail outbox"), "reminders:outbox", _for(Role.ADMINISTRATOR)),
    (_("Administration"), "administration:home", _for(Role.ADMINISTRATOR)),
)


def navigation(request: HttpRequest) -> dict[str, list[NavigationItem]]:
    # A request refused before the authentication middleware (a disallowed Host header: the 400 page) has no user.
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_verified():  # type: ignore[attr-defined]
        # Between password and code nothing is open to the user yet, so nothing is offered.
        return {"navigation": []}
    links = [(text, reverse(name)) for text, name, shown in LINKS if shown(user)]
    path = request.path
    return {
        "navigation": [
            NavigationItem(text, href, path == href or (href != "/" and path.startswith(href))) for text, href in links
        ]
    }
