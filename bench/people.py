"""The people the load benchmark acts as, in the busiest forces and Areas, each already signed in with both factors (a
session in the database, as after the sign-in and code pages), with the cases they open and the work their pages show:
investigators with plans waiting, their supervisors, prosecutors with cases allocated, unit heads, victim liaison
officers with letters due and complainants to write to, and a national analyst with the scorecards to choose from.
Written to a JSON file for the load generator's processes; the work is counted so that the run can say no page of
theirs is timed empty."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from statistics import median
from typing import Any

from django.conf import settings
from django.db.models import Count, QuerySet
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.test import Client
from django.utils import timezone
from django.utils.crypto import get_random_string

from accounts.models import CpsArea, PoliceForce, User
from accounts.roles import Role
from actionplans.queries import due_plans, overdue_plans
from cases.models import Case, Referral
from cases.queues import waiting_on_the_cps
from scorecards.dimensions import DIMENSIONS
from scorecards.forms import periods_offered
from scorecards.services import place_key, places_for
from tests.clients import sign_in
from victims.models import Complainant
from victims.queries import letters_due

FORCES = 3  # the busiest forces, and the Areas that serve them
CASES_EACH = 20
PEOPLE_EACH = 40  # at most, of a role with a team: the 200-user peak has 32 investigators


@dataclass
class Worker:
    """One person of the load, with the cases they open and the work their pages show."""

    user: User
    cases: list[int]
    work: dict[str, int]
    complainants: list[tuple[int, int]] = field(default_factory=list)  # (case, complainant) whose identity they read
    scorecards: dict[str, list[str]] = field(default_factory=dict)  # what the scorecard page is asked for


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


def _latest(cases: QuerySet[Case]) -> list[int]:
    return list(cases.order_by("-id").values_list("id", flat=True)[:CASES_EACH])


def _team(role: Role, **organisations: object) -> QuerySet[User]:
    """The team members bench.workload made."""
    return User.objects.filter(role=role, username__startswith="bench-team-", **organisations).order_by("username")


def _investigators(forces: list[PoliceForce]) -> Iterable[Worker]:
    """The forces' officers with plans waiting, opening their own cases."""
    for user in _team(Role.INVESTIGATOR, police_force__in=forces):
        if waiting := due_plans(user).count():
            yield Worker(user, _latest(Case.objects.filter(officer_in_charge=user)), {"plans waiting": waiting})


def _prosecutors(areas: list[CpsArea]) -> Iterable[Worker]:
    """The Areas' prosecutors with cases allocated, opening them."""
    for user in _team(Role.PROSECUTOR, cps_area__in=areas):
        if allocated := Case.objects.filter(allocated_prosecutor=user).count():
            waiting = waiting_on_the_cps(Referral.objects.visible_to(user)).allocated_to(user).count()
            cases = _latest(Case.objects.filter(allocated_prosecutor=user))
            yield Worker(user, cases, {"cases allocated": allocated, "referrals waiting": waiting})


def _liaison_officers(areas: list[CpsArea]) -> Iterable[Worker]:
    """The Areas' victim liaison officers, reading the identity of complainants with letters due."""
    for user in _team(Role.VICTIM_LIAISON_OFFICER, cps_area__in=areas):
        letters = letters_due(user)
        owed = Complainant.objects.filter(pk__in=letters.values("complainant_id")).order_by("-case_id", "id")
        if complainants := list(owed.values_list("case_id", "id")[:CASES_EACH]):
            cases = sorted({case for case, _ in complainants})
            yield Worker(user, cases, {"letters due": letters.count()}, complainants)


def _area_and_force_people(areas: list[CpsArea], forces: list[PoliceForce]) -> Iterable[Worker]:
    """A supervisor of each force, a unit head of each Area, and a national analyst."""
    today = timezone.localdate()
    for number, force in enumerate(forces):
        user = person(Role.POLICE_SUPERVISOR, number, police_force=force, cps_area=None)
        yield Worker(user, _latest(Case.objects.visible_to(user)), {"plans waiting": due_plans(user).count()})
    for number, area in enumerate(areas):
        user = person(Role.UNIT_HEAD, number, cps_area=area, police_force=None)
        waiting = waiting_on_the_cps(Referral.objects.visible_to(user)).count()
        work = {"overdue plans": overdue_plans(user, today).count(), "referrals waiting": waiting}
        yield Worker(user, _latest(Case.objects.visible_to(user)), work)
    analyst = person(Role.ANALYST, 0, cps_area=None, police_force=None)
    choices = {
        "places": [place_key(place) for place in places_for(analyst)],
        "periods": [period.label for period in periods_offered(today)],
        "breakdowns": [dimension.id for dimension in DIMENSIONS],
    }
    variants = len(choices["places"]) * len(choices["periods"]) * (len(choices["breakdowns"]) + 1)
    yield Worker(analyst, [], {"scorecards to choose from": variants}, scorecards=choices)


def choose(areas: list[CpsArea], forces: list[PoliceForce]) -> list[Worker]:
    """The load's people, up to ``PEOPLE_EACH`` of each team role (after bench.workload.give_work)."""
    teams = {
        "no investigator has a plan waiting": _investigators(forces),
        "no prosecutor has a case allocated": _prosecutors(areas),
        "no victim liaison officer has a letter due": _liaison_officers(areas),
    }
    workers = []
    for empty, team in teams.items():
        if not (chosen := list(islice(team, PEOPLE_EACH))):
            raise SystemExit(f"{empty}: their pages would be timed empty (run bench.workload.give_work first).")
        workers += chosen
    return workers + list(_area_and_force_people(areas, forces))


def write_people(workers: list[Worker], path: Path) -> None:
    """Sign each person in and write, for the load generator, their cookies and what they open."""
    people = []
    for worker in workers:
        client = Client()
        sign_in(client, worker.user)
        csrf = get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS)  # as a browser keeps from its first form
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        people.append(
            {
                "role": worker.user.role,
                "cookies": {settings.SESSION_COOKIE_NAME: session, settings.CSRF_COOKIE_NAME: csrf},
                "csrf": csrf,
                "cases": worker.cases,
                "complainants": worker.complainants,
                "scorecards": worker.scorecards,
            }
        )
    path.write_text(json.dumps(people))


def work_summary(workers: list[Worker]) -> list[str]:
    """For each role: how many people, the work on their pages (median and range per person), and the identities
    among the complainants of the cases they open."""
    by_role: dict[str, list[Worker]] = defaultdict(list)
    for worker in workers:
        by_role[worker.user.role].append(worker)
    lines = []
    for role, team in by_role.items():
        counts: dict[str, list[int]] = defaultdict(list)
        for worker in team:
            for name, count in worker.work.items():
                counts[name].append(count)
        work = "; ".join(f"{name} {_spread(values)}" for name, values in counts.items())
        cases = {case for worker in team for case in worker.cases}
        complainants = Complainant.objects.filter(case_id__in=cases)
        identified = complainants.filter(name__isnull=False).count()
        people = f"{len(team)} {'person' if len(team) == 1 else 'people'}"
        line = f"{role:<22} {people:>10}; {work}"
        if cases:
            line += (f"; {identified:,} of the {complainants.count():,} complainants of the {len(cases):,} cases "
                     "they open have an identity")  # fmt: skip
        lines.append(line)
    return lines


def _spread(values: list[Any]) -> str:
    """The median, with the range when the people differ: "12 (3–25)"."""
    low, high = min(values), max(values)
    return f"{median(values):,.0f}" + (f" ({low:,}–{high:,})" if low != high else "")
