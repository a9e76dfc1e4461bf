"""Work for the load benchmark's people to find on their pages at any size: the bench data's cases carry no allocation
and no officer in charge (the journey import leaves both empty), few letters are still owed, and no complainant has an
identity, so the pages would be timed empty.

- Each benchmarked Area gets a team of prosecutors holding its cases with open referrals, and each benchmarked force a
  team of officers in charge of its cases with open plans or referrals, dealt out in turn so that every member who
  can have some does; a share of each is left with no one, for the "Not allocated" row. A team that already holds
  work is left as it is.
- Each Area gets victim liaison officers, and letters owed (introduction letters, recorded through the service) to
  its latest complainants until it has a page and a bit of letters due.
- The complainants of the cases the load opens get an identity, encrypted by the model's fields under the keys of the
  process that calls this (bench/load.py draws new ones each run, so it is written again each run).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from accounts.models import CpsArea, PoliceForce, User
from accounts.roles import Role
from actionplans.models import ActionPlan
from cases.models import Case, Referral
from victims.letters import record_letter_owed
from victims.models import IDENTITY_FIELDS, Communication, CommunicationKind, Complainant

TEAM = 25  # prosecutors of an Area, officers of a force
CASES_EACH = 60  # the cases each holds; the Area's or force's other cases are left with no one
LIAISON_OFFICERS = 2  # victim liaison officers of an Area
LETTERS_DUE = 30  # an Area's letters owed: more than the letters-due page's 25
FIRST_NAMES = (
    "Aled",
    "Bryony",
    "Ceri",
    "Dafydd",
    "Elin",
    "Farah",
    "Gethin",
    "Hana",
    "Iwan",
    "Jodie",
    "Kasia",
    "Lowri",
)
SURNAMES = ("Abbott", "Brannigan", "Castellan", "Dunmore", "Everleigh", "Fairbairn", "Goodfellow", "Hartnell")
STREETS = ("Acacia Avenue", "Beech Grove", "Chapel Lane", "Dock Road", "Elm Terrace", "Foundry Street")


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
    """Deal the cases out to the team in turn, up to ``CASES_EACH`` each."""
    ids = list(cases)
    for number, member in enumerate(team):
        Case.objects.filter(pk__in=ids[number :: len(team)][:CASES_EACH]).update(**{field: member})


def _owe_letters(area: CpsArea, officer: User) -> None:
    """Introduction letters owed to the Area's latest complainants who are owed none, until it has ``LETTERS_DUE``."""
    owed = Communication.objects.unsent().filter(complainant__case__cps_area=area)
    missing = LETTERS_DUE - owed.count()
    if missing <= 0:
        return
    complainants = (
        Complainant.objects.filter(case__cps_area=area)
        .exclude(pk__in=owed.values("complainant_id"))
        .select_related("case")
        .order_by("-case_id", "id")[:missing]
    )
    for complainant in complainants:
        record_letter_owed(actor=officer, complainant=complainant, kind=CommunicationKind.INTRODUCTION)


def give_work(areas: Iterable[CpsArea], forces: Iterable[PoliceForce]) -> int:
    """Teams for the Areas and forces, each member with their share of the open work, and letters owed in each Area;
    how many people hold work."""
    held = 0
    for area in areas:
        team = [_member(Role.PROSECUTOR, n, cps_area=area) for n in range(TEAM)]
        if not Case.objects.filter(allocated_prosecutor__in=team).exists():
            open_cases = Referral.objects.open().filter(cps_area=area).order_by("id").values_list("suspect__case_id")
            _share_out((pk for (pk,) in open_cases[: TEAM * CASES_EACH]), team, "allocated_prosecutor")
        officers = [_member(Role.VICTIM_LIAISON_OFFICER, n, cps_area=area) for n in range(LIAISON_OFFICERS)]
        _owe_letters(area, officers[0])
        held += len(team) + len(officers)
    for force in forces:
        team = [_member(Role.INVESTIGATOR, n, police_force=force) for n in range(TEAM)]
        if not Case.objects.filter(officer_in_charge__in=team).exists():
            plans = ActionPlan.objects.open().filter(police_force=force).values("suspect__case_id")
            referrals = Referral.objects.open().filter(police_force=force).values("suspect__case_id")
            cases = Case.objects.filter(Q(pk__in=plans) | Q(pk__in=referrals)).order_by("id")
            _share_out(cases.values_list("id", flat=True)[: TEAM * CASES_EACH], team, "officer_in_charge")
        held += len(team)
    return held


def give_identities(case_ids: Iterable[int]) -> int:
    """An identity (made up, in the shapes the identity screen looks for) for every complainant of the cases; how
    many. Written through the model, whose fields encrypt it as when a complainant is added
    (victims.identity.add_complainant), in one statement a thousand."""
    complainants = list(Complainant.objects.filter(case_id__in=set(case_ids)).only("id"))
    for complainant in complainants:
        n = complainant.pk
        complainant.name = f"{FIRST_NAMES[n % len(FIRST_NAMES)]} {SURNAMES[n // len(FIRST_NAMES) % len(SURNAMES)]}"
        complainant.date_of_birth = f"{1960 + n % 45}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        complainant.address = f"{1 + n % 180} {STREETS[n % len(STREETS)]}\nLeeds\nLS{1 + n % 28} {n % 10}QX"
        complainant.phone = f"07700 900{n % 1000:03d}"  # Ofcom's numbers for drama: nobody's
        complainant.email = f"complainant{n}@example.org"
    Complainant.objects.bulk_update(complainants, IDENTITY_FIELDS, batch_size=1000)
    return len(complainants)
