"""The organisations carried into the project match the published reference data."""

import csv
from pathlib import Path

import pytest

from accounts.models import CpsArea, PoliceForce, RassoUnit

pytestmark = pytest.mark.django_db

PROJECT_COPY = Path(__file__).resolve().parents[2] / "accounts" / "data" / "organisations.csv"


def _pairs(path: Path) -> set[tuple[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return {(row["cps_area"], row["police_force"]) for row in csv.DictReader(f)}


def test_project_copy_holds_the_44_published_area_force_pairs() -> None:
    pairs = _pairs(PROJECT_COPY)
    assert len(pairs) == 44
    assert ("London South", "Metropolitan Police Service") in pairs


def test_database_holds_every_area_force_pair_and_cps_direct_serves_all() -> None:
    stored = {
        (area.name, force.name)
        for area in CpsArea.objects.filter(is_cps_direct=False).prefetch_related("forces")
        for force in area.forces.all()
    }
    assert stored == _pairs(PROJECT_COPY)
    assert CpsArea.objects.filter(is_cps_direct=False).count() == 14
    assert PoliceForce.objects.count() == 43
    assert CpsArea.objects.get(is_cps_direct=True).forces.count() == 43
    assert set(
        PoliceForce.objects.get(name="Metropolitan Police Service").cps_areas.values_list("name", flat=True)
    ) == {
        "London North",
        "London South",
        "CPS Direct",
    }
    assert RassoUnit.objects.count() == 14
    assert len(set(PoliceForce.objects.values_list("code", flat=True))) == 43
