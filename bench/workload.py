"""Work for the team workload page to show at national size: the bench data's cases carry no allocation and no officer
in charge (the journey import leaves both empty), so each benchmarked Area is given a team of prosecutors holding its
cases with open referrals, and each benchmarked force a team of officers in charge of its cases with open plans or
referrals; a share of each is left with no one, for the "Not allocated" row. Run once after `make bench-data`; a
team that already holds work is left as it is."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from accounts.models import CpsArea, PoliceForce, User
from accounts.roles import Role
from actionplans.models import ActionPlan
from cases.models import Case, Referral

TEAM = 25  # prosecutors of an Area, officers of a force
CASES_EACH = 60  # the cases each holds; the Area's or force's other cases are left with no one


def _member(role: Role, number: int, **organisation: object) -> User:
    """A member of the team, named by organisation and number (a staff name is shown on the page)."""
    place = organisation.get("cps_area") or organisation.get("police_force")
    user, _ = User.objects.update_or_create(
        username=f"bench-team-{role}-{getattr(place, 'pk', 0)}-{number}",
        defaults={"role": role, "is_active": True, "first_name": "Bench", "last_name": f"{role} {number}",
                  "police_force": None, "cps_area": None, **organisation},
    )  # fmt: skip
    return user


def _share_out(cases: Iterable[int], team: list[User], field: str) -> None:
    """Give each member of the team the next ``CASES_EACH`` of the cases."""
    ids = list(cases)
    for number, member in enumerate(team):
        chunk = ids[number * CASES_EACH : (number + 1) * CASES_EACH]
        Case.objects.filter(pk__in=chunk).update(**{field: member})


def give_work(areas: Iterable[CpsArea], forces: Iterable[PoliceForce]) -> int:
    """Teams for the Areas and forces, each member with their share of the open work; how many people hold work."""
    held = 0
    for area in areas:
        team = [_member(Role.PROSECUTOR, n, cps_area=area) for n in range(TEAM)]
        if not Case.objects.filter(allocated_prosecutor__in=team).exists():
            open_cases = Referral.objects.open().filter(cps_area=area).order_by("id").values_list("suspect__case_id")
            _share_out((pk for (pk,) in open_cases[: TEAM * CASES_EACH]), team, "allocated_prosecutor")
        held += len(team)
    for force in forces:
        team = [_member(Role.INVESTIGATOR, n, police_force=force) for n in range(TEAM)]
        if not Case.objects.filter(officer_in_charge__in=team).exists():
            plans = ActionPlan.objects.open().filter(police_force=force).values("suspect__case_id")
            referrals = Referral.objects.open().filter(police_force=force).values("suspect__case_id")
            cases = Case.objects.filter(Q(pk__in=plans) | Q(pk__in=referrals)).order_by("id")
            _share_out(cases.values_list("id", flat=True)[: TEAM * CASES_EACH], team, "officer_in_charge")
        held += len(team)
    return held
