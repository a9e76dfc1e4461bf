"""The synthetic population: cases spread over forces and financial years in realistic proportions.

Calibration (DOMAIN.md): about 70,000 rape cases are reported a year nationally, growing by a few per cent a year;
each force's share follows its resident population (accounts/data/organisations.csv). A case has one suspect in
nine out of ten, occasionally two or three; about one suspect in twenty is in custody.
"""

from __future__ import annotations

import csv
import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from accounts.models import CpsArea, PoliceForce
from cases.models import Case, Suspect
from scorecards import journey_facts
from scorecards.periods import FIRST_MONTH, financial_year_start

ORGANISATIONS = Path(__file__).resolve().parent.parent / "accounts" / "data" / "organisations.csv"
YEARS = 3
ANNUAL_GROWTH = 1.05
SUSPECT_COUNTS = (1, 2, 3)
SUSPECT_COUNT_WEIGHTS = (90, 8, 2)
IN_CUSTODY_SHARE = 0.05
BATCH_SIZE = 2000
_UNIT_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


@dataclass(frozen=True)
class Placement:
    """Where a case sits: the force and an Area that serves it, with the force's weight."""

    force: PoliceForce
    area: CpsArea
    weight: float


def placements() -> list[Placement]:
    """Every (force, Area) pair, its weight split evenly where two Areas serve one force (the Met)."""
    with ORGANISATIONS.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    areas_per_force: dict[str, int] = defaultdict(int)
    for row in rows:
        areas_per_force[row["police_force"]] += 1
    forces = {f.name: f for f in PoliceForce.objects.all()}
    areas = {a.name: a for a in CpsArea.objects.all()}
    return [
        Placement(
            forces[row["police_force"]],
            areas[row["cps_area"]],
            float(row["population_millions"]) / areas_per_force[row["police_force"]],
        )
        for row in rows
    ]


def report_dates(rng: random.Random, count: int, today: date) -> list[date]:
    """Report dates over the last three financial years up to today, growing a little each year."""
    first = date(financial_year_start(today) - (YEARS - 1), FIRST_MONTH, 1)
    span = (today - first).days + 1
    weights = [ANNUAL_GROWTH ** (offset / 365) for offset in range(span)]
    offsets = rng.choices(range(span), weights=weights, k=count)
    return sorted(first + timedelta(days=offset) for offset in offsets)


def create_cases(*, count: int, seed: int, today: date) -> int:
    """Create ``count`` cases with their suspects in bulk; the same seed and day give the same population. Who holds
    each is the demo team's (``demo.team``)."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data must be reproducible, not secret
    places = placements()
    chosen = rng.choices(places, weights=[p.weight for p in places], k=count)
    units = {area.id: area.rasso_units.first() for area in CpsArea.objects.prefetch_related("rasso_units")}
    serials: dict[tuple[int, int], int] = defaultdict(int)
    cases = []
    for place, reported_on in zip(chosen, report_dates(rng, count, today), strict=True):
        serials[(place.force.pk, reported_on.year)] += 1
        serial = serials[(place.force.pk, reported_on.year)]
        unit_code = rng.choice(_UNIT_LETTERS) + rng.choice(_UNIT_LETTERS)
        cases.append(
            Case(
                urn=f"{place.force.code}{unit_code}{serial:05d}{reported_on.year % 100:02d}",
                police_force=place.force,
                cps_area=place.area,
                rasso_unit=units[place.area.pk],
                reported_on=reported_on,
            )
        )
    Case.objects.bulk_create(cases, batch_size=BATCH_SIZE)
    suspects = [
        Suspect(case=case, label=f"Suspect {number}", in_custody=rng.random() < IN_CUSTODY_SHARE)
        for case in cases
        for number in range(1, rng.choices(SUSPECT_COUNTS, weights=SUSPECT_COUNT_WEIGHTS)[0] + 1)
    ]
    for suspect in suspects:
        suspect.take_case_organisations()
    Suspect.objects.bulk_create(suspects, batch_size=BATCH_SIZE)
    journey_facts.refresh(case.pk for case in cases)  # written in bulk, as the journey import writes
    return len(cases)
