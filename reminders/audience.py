"""The one answer to "who is told": people by role in a CPS Area and in a police force, with any named people (the
officer in charge, the allocated prosecutor), each active person once. The people of a whole batch are read in one
query."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q

from accounts.models import User


@dataclass(frozen=True)
class Place:
    """Where something is worked: its CPS Area and its police force."""

    cps_area_id: int | None = None
    police_force_id: int | None = None


class Audience:
    """The active people of some roles at some places, read once; ``people`` then answers for each place."""

    def __init__(
        self, places: Iterable[Place], *, area_roles: Collection[str] = (), force_roles: Collection[str] = ()
    ) -> None:
        places = list(places)
        areas = {p.cps_area_id for p in places if p.cps_area_id is not None}
        forces = {p.police_force_id for p in places if p.police_force_id is not None}
        self._in_area: dict[tuple[int, str], list[User]] = defaultdict(list)
        self._in_force: dict[tuple[int, str], list[User]] = defaultdict(list)
        wanted = []
        if area_roles and areas:
            wanted.append(Q(role__in=list(area_roles), cps_area_id__in=areas))
        if force_roles and forces:
            wanted.append(Q(role__in=list(force_roles), police_force_id__in=forces))
        if wanted:
            for user in User.objects.filter(reduce(or_, wanted), is_active=True).order_by("pk"):
                if user.role in area_roles and user.cps_area_id in areas:
                    self._in_area[user.cps_area_id, user.role].append(user)
                if user.role in force_roles and user.police_force_id in forces:
                    self._in_force[user.police_force_id, user.role].append(user)

    def people(
        self,
        place: Place,
        *,
        named: Iterable[User | None] = (),
        area_roles: Iterable[str] = (),
        force_roles: Iterable[str] = (),
    ) -> list[User]:
        """The named people, then those of ``force_roles`` in the place's force and of ``area_roles`` in its Area
        (each among the roles the audience was read for): each active person once."""
        people = [*named]
        if place.police_force_id is not None:
            people += [user for role in force_roles for user in self._in_force[place.police_force_id, role]]
        if place.cps_area_id is not None:
            people += [user for role in area_roles for user in self._in_area[place.cps_area_id, role]]
        unique = {person.pk: person for person in people if person is not None and person.is_active}
        return list(unique.values())


def people_at(
    place: Place,
    *,
    named: Iterable[User | None] = (),
    area_roles: Collection[str] = (),
    force_roles: Collection[str] = (),
) -> list[User]:
    """The audience of one place: the named people and the active people of these roles there."""
    audience = Audience([place], area_roles=area_roles, force_roles=force_roles)
    return audience.people(place, named=named, area_roles=area_roles, force_roles=force_roles)
