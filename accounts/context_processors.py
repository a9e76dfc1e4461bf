"""Service navigation for the signed-in user's role."""

from collections.abc import Callable
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


def _for(*roles: str) -> Callable[[User], bool]:
    return lambda user: user.role in roles


# The menu, in order: each link with who has it.
LINKS: tuple[tuple[str, str, Callable[[User], bool]], ...] = (
    ("Home", "dashboards:home", lambda user: True),
    ("Cases", "cases:list", lambda user: not case_scope(user).is_empty),
    ("Actions due", "actionplans:due", _for(*POLICE_ROLES)),
    ("Action plans", "actionplans:overdue", _for(Role.UNIT_HEAD)),
    ("Workload", "dashboards:workload", _for(Role.UNIT_HEAD, Role.POLICE_SUPERVISOR)),
    ("Victim letters", "victims:letters-due", _for(Role.PROSECUTOR, Role.UNIT_HEAD, Role.VICTIM_LIAISON_OFFICER)),
    ("NFA scrutiny", "scrutiny:panels", _for(Role.UNIT_HEAD, Role.PANEL_MEMBER)),
    ("Access log", "victims:access-log", _for(Role.UNIT_HEAD, Role.AUDITOR)),
    ("Scorecards", "scorecards:index", lambda user: not statistics_scope(user).is_empty),
    ("Notifications", "reminders:list", lambda user: True),
    ("E-mail outbox", "reminders:outbox", _for(Role.ADMINISTRATOR)),
    ("Administration", "admin:index", _for(Role.ADMINISTRATOR)),
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
