"""The demo Area's team and who holds each case: beside the demo users, more prosecutors (so that the unit head's
workload compares several, some busier than others) and officers of each force the Area serves (so that every case
has an officer in charge). Team members hold work but cannot sign in. Every case of the demo Area is allocated to one
of its prosecutors and put in the charge of one of its force's officers, the busiest first."""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.db.models import Q

from accounts.models import CpsArea, User
from accounts.roles import Role
from cases.models import Case

# The team's prosecutors beside the demo prosecutor, and each one's share of the Area's cases: the demo prosecutor
# carries the most, the last joined the unit recently.
TEAM_PROSECUTORS = (("Kofi", "Mensah"), ("Hannah", "Lees"), ("Tom", "Clarke"), ("Aisha", "Rahman"))
PROSECUTOR_SHARES = (5, 4, 3, 3, 1)
TEAM_OFFICERS = (("Gareth", "Hughes"), ("Nadia", "Hussain"), ("Chris", "Walker"))
BATCH_SIZE = 2000


@dataclass(frozen=True)
class Team:
    """The demo Area's prosecutors (the demo prosecutor first) and officers by force (the demo investigator first in
    the demo force)."""

    area: CpsArea
    prosecutors: list[User]
    officers: dict[int, list[User]]  # by force id

    def prosecutor_for(self, rng: random.Random) -> User:
        return rng.choices(self.prosecutors, weights=PROSECUTOR_SHARES[: len(self.prosecutors)])[0]

    def officer_for(self, force_id: int, rng: random.Random) -> User | None:
        officers = self.officers.get(force_id)
        return rng.choice(officers) if officers else None


def _member(username: str, name: tuple[str, str], role: Role, **organisation: object) -> User:
    first, last = name
    user = User(
        username=username,
        first_name=first,
        last_name=last,
        email=f"{username}@example.gov.uk",
        role=role,
        **organisation,
    )
    user.set_unusable_password()
    user.save()
    return user


def create_team(*, area: CpsArea, prosecutor: User, investigator: User) -> Team:
    """The demo users' team in the demo Area and the forces it serves (usernames ``demo-team-…``, so that seeding
    again replaces them with the demo users)."""
    unit = area.rasso_units.first()
    prosecutors = [prosecutor] + [
        _member(f"demo-team-prosecutor-{n}", name, Role.PROSECUTOR, cps_area=area, rasso_unit=unit)
        for n, name in enumerate(TEAM_PROSECUTORS, start=1)
    ]
    officers: dict[int, list[User]] = {}
    for force in area.forces.order_by("name"):
        team = [
            _member(f"demo-team-officer-{force.code}-{n}", name, Role.INVESTIGATOR, police_force=force)
            for n, name in enumerate(TEAM_OFFICERS, start=1)
        ]
        officers[force.pk] = [investigator, *team] if force.pk == investigator.police_force_id else team
    return Team(area=area, prosecutors=prosecutors, officers=officers)


def allocate_the_rest(team: Team, *, seed: int) -> int:
    """Allocate every case of the demo Area that has no prosecutor, and put an officer in charge of every case of its
    forces that has none, spread by the team's shares; the same seed gives the same allocation. Returns how many
    cases changed."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data must be reproducible, not secret
    waiting = Case.objects.filter(
        Q(cps_area=team.area, allocated_prosecutor__isnull=True)
        | Q(police_force_id__in=team.officers, officer_in_charge__isnull=True)
    ).order_by("pk")
    changed = []
    for case in waiting.only(
        "pk", "cps_area_id", "police_force_id", "allocated_prosecutor_id", "officer_in_charge_id"
    ):
        if case.cps_area_id == team.area.pk and case.allocated_prosecutor_id is None:
            case.allocated_prosecutor = team.prosecutor_for(rng)
        if case.officer_in_charge_id is None:
            case.officer_in_charge = team.officer_for(case.police_force_id, rng)
        changed.append(case)
    Case.objects.bulk_update(changed, ["allocated_prosecutor", "officer_in_charge"], batch_size=BATCH_SIZE)
    return len(changed)
