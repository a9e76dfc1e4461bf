"""One demo user per role, all in the same corner of the country so that they share cases."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from accounts.models import CpsArea, PoliceForce, User
from accounts.roles import CPS_ROLES, POLICE_ROLES, Role

DEMO_FORCE = "West Yorkshire Police"
DEMO_AREA = "Yorkshire and Humberside"
_NAMES = {
    Role.INVESTIGATOR: ("Priya", "Investigator"),
    Role.POLICE_SUPERVISOR: ("Dan", "Supervisor"),
    Role.PROSECUTOR: ("Ruth", "Prosecutor"),
    Role.UNIT_HEAD: ("Owen", "Unithead"),
    Role.VICTIM_LIAISON_OFFICER: ("Val", "Liaison"),
    Role.PANEL_MEMBER: ("Pat", "Panelmember"),
    Role.ANALYST: ("Ana", "Analyst"),
    Role.AUDITOR: ("Audrey", "Auditor"),
    Role.ADMINISTRATOR: ("Ada", "Administrator"),
}


@dataclass(frozen=True)
class DemoCredential:
    username: str
    password: str
    role: str
    organisation: str


def create_demo_users() -> tuple[list[User], list[DemoCredential]]:
    """(Re)create the demo users with fresh random passwords."""
    force = PoliceForce.objects.get(name=DEMO_FORCE)
    area = CpsArea.objects.get(name=DEMO_AREA)
    users, credentials = [], []
    for role in Role:
        first, last = _NAMES[role]
        password = secrets.token_urlsafe(12)
        user = User(
            username=f"demo-{role.value.replace('_', '-')}",
            first_name=first,
            last_name=last,
            email=f"demo-{role.value.replace('_', '-')}@example.gov.uk",
            role=role,
            police_force=force if role in POLICE_ROLES else None,
            cps_area=area if role in CPS_ROLES else None,
            rasso_unit=area.rasso_units.first() if role in CPS_ROLES else None,
            is_staff=role == Role.ADMINISTRATOR,
            is_superuser=role == Role.ADMINISTRATOR,
        )
        user.set_password(password)
        user.save()
        users.append(user)
        credentials.append(DemoCredential(user.username, password, role.label, user.organisation_name))
    return users, credentials
