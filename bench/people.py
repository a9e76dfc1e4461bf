"""The people the load benchmark acts as: users of each role in the busiest forces and Areas, each already signed in
with both factors (a session in the database, as after the sign-in and code pages), with cases of their own scope to
open. Written to a JSON file for the load generator's processes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.db.models import Count
from django.test import Client

from accounts.models import CpsArea, PoliceForce, User
from accounts.roles import Role
from cases.models import Case
from tests.clients import sign_in

FORCES = 3  # the busiest forces, and the Areas that serve them
CASES_EACH = 20


def person(role: Role, number: int, **organisation: object) -> User:
    user, _ = User.objects.update_or_create(
        username=f"bench-{role}-{number}", defaults={"role": role, "is_active": True, **organisation}
    )
    return user


def busiest() -> tuple[list[CpsArea], list[PoliceForce]]:
    """The busiest forces, and the Areas that serve them."""
    forces: list[PoliceForce] = list(PoliceForce.objects.annotate(n=Count("cases")).order_by("-n")[:FORCES])
    areas = list(CpsArea.objects.filter(forces__in=forces, is_cps_direct=False).distinct().order_by("name"))
    return areas, forces


def _people() -> Iterator[User]:
    areas, forces = busiest()
    for number, force in enumerate(forces):
        yield person(Role.INVESTIGATOR, number, police_force=force, cps_area=None)
        yield person(Role.POLICE_SUPERVISOR, number, police_force=force, cps_area=None)
    for number, area in enumerate(areas):
        yield person(Role.PROSECUTOR, number, cps_area=area, police_force=None)
        yield person(Role.UNIT_HEAD, number, cps_area=area, police_force=None)
    yield person(Role.ANALYST, 0, cps_area=None, police_force=None)


def write_people(path: Path) -> int:
    """Sign each person in and write their session cookie and cases to ``path``; how many people."""
    people = []
    for user in _people():
        client = Client()
        sign_in(client, user)
        cases = list(Case.objects.visible_to(user).order_by("-id").values_list("id", flat=True)[:CASES_EACH])
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        people.append(
            {"role": user.role, "cookie_name": settings.SESSION_COOKIE_NAME, "cookie": cookie, "cases": cases}
        )
    path.write_text(json.dumps(people))
    return len(people)
