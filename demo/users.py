"""One demo user per role, all in the same corner of the country so that they share cases."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import CpsArea, PoliceForce, User
from accounts.roles import CPS_ROLES, POLICE_ROLES, STAFF_ROLES, Role
from accounts.second_factor import APP_DEVICE_NAME, issue_recovery_codes

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


DEMO_RECOVERY_CODES = 3


@dataclass(frozen=True)
class DemoCredential:
    username: str
    password: str
    recovery_codes: list[str]
    role: str
    organisation: str


def create_demo_users() -> tuple[list[User], list[DemoCredential]]:
    """(Re)create the demo users with fresh random passwords, each with an authenticator app already set up and
    recovery codes, so that someone trying the demo signs in with a recovery code instead of the app's code. Staff
    only: complainants and ISVAs come in by an invitation and GOV.UK One Login, never with a password. The
    administrator is not a superuser: the service's own administration pages are theirs, the Django admin is for
    superusers."""
    force = PoliceForce.objects.get(name=DEMO_FORCE)
    area = CpsArea.objects.get(name=DEMO_AREA)
    users, credentials = [], []
    for role in STAFF_ROLES:
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
        )
        user.set_password(password)
        user.save()
        users.append(user)
        TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=True)
        codes = issue_recovery_codes(user)[:DEMO_RECOVERY_CODES]
        credentials.append(DemoCredential(user.username, password, codes, role.label, user.organisation_name))
    return users, credentials
