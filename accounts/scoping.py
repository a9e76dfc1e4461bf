"""The one access-scoping rule: which cases, and which aggregates, a user may see.

Police users see their force's cases, CPS caseworkers their Area's, administrators every case. Analysts see no case
record, only aggregates for their Area or the nation. Everything outside a user's scope must answer 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Self, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from accounts.models import CpsArea, PoliceForce, User
from accounts.roles import CPS_CASEWORK_ROLES, POLICE_ROLES, Role

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

_Q = TypeVar("_Q", bound=QuerySet[Any])
_M = TypeVar("_M", bound=Model)


@dataclass(frozen=True)
class Scope:
    """A set of cases described by organisation; the empty scope sees nothing."""

    everything: bool = False
    police_force_id: int | None = None
    cps_area_id: int | None = None

    @property
    def is_empty(self) -> bool:
        return not self.everything and self.police_force_id is None and self.cps_area_id is None

    def apply(self, queryset: _Q, *, force_field: str = "police_force", area_field: str = "cps_area") -> _Q:
        """Narrow a queryset of case records (or records that name the case's force and Area) to this scope."""
        if self.everything:
            return queryset
        if self.police_force_id is not None:
            return queryset.filter(**{f"{force_field}_id": self.police_force_id})
        if self.cps_area_id is not None:
            return queryset.filter(**{f"{area_field}_id": self.cps_area_id})
        return queryset.none()

    def forces(self) -> QuerySet[PoliceForce]:
        """The police forces whose cases the scope may hold: read from the organisations, not the cases."""
        if self.everything:
            return PoliceForce.objects.all()
        if self.police_force_id is not None:
            return PoliceForce.objects.filter(pk=self.police_force_id)
        if self.cps_area_id is not None:
            return PoliceForce.objects.filter(cps_areas__pk=self.cps_area_id)
        return PoliceForce.objects.none()

    def areas(self) -> QuerySet[CpsArea]:
        """The CPS Areas whose cases the scope may hold: read from the organisations, not the cases."""
        if self.everything:
            return CpsArea.objects.all()
        if self.police_force_id is not None:
            return CpsArea.objects.filter(forces__pk=self.police_force_id)
        if self.cps_area_id is not None:
            return CpsArea.objects.filter(pk=self.cps_area_id)
        return CpsArea.objects.none()


NOTHING = Scope()


def case_scope(user: AbstractBaseUser | AnonymousUser) -> Scope:
    """The cases whose records this user may open."""
    if not isinstance(user, User) or not user.is_active:
        return NOTHING
    if user.role == Role.ADMINISTRATOR:
        return Scope(everything=True)
    if user.role in POLICE_ROLES:
        return Scope(police_force_id=user.police_force_id)
    if user.role in CPS_CASEWORK_ROLES:
        return Scope(cps_area_id=user.cps_area_id)
    return NOTHING


class ScopedQuerySet(QuerySet[_M]):
    """Records of cases, each seen by whoever may see its case. ``scope_path`` leads from the record to the case, or
    to a record that carries the case's force and Area (``InCaseOrganisations``), which lists read without joining
    the suspects and cases."""

    scope_path: ClassVar[str] = ""

    def visible_to(self, user: AbstractBaseUser | AnonymousUser) -> Self:
        """The records this user may open: every list, page and endpoint starts here (anything else is a 404)."""
        path = self.scope_path
        return case_scope(user).apply(self, force_field=f"{path}police_force", area_field=f"{path}cps_area")


def statistics_scope(user: AbstractBaseUser | AnonymousUser) -> Scope:
    """The cases this user may see counted in aggregates (never one by one)."""
    if not isinstance(user, User) or not user.is_active:
        return NOTHING
    if user.role in (Role.ANALYST, Role.UNIT_HEAD, Role.ADMINISTRATOR):
        return Scope(cps_area_id=user.cps_area_id) if user.cps_area_id else Scope(everything=True)
    return NOTHING


def signed_in_user(request: HttpRequest) -> User:
    """The request's user, for views behind the sign-in middleware; anyone else is refused."""
    if not isinstance(request.user, User) or not request.user.is_active:
        raise PermissionDenied
    return request.user
