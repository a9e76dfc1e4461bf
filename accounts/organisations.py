"""Loads the 14 CPS Areas, CPS Direct, the 43 police forces and the Areas' RASSO units.

The force–Area map is accounts/data/organisations.csv (from the shared reference data, with each force's URN code).
CPS Direct, the national out-of-hours charging service, serves every force. The loader takes the model classes so
that the data migration can pass its historical models.
"""

import csv
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "organisations.csv"
CPS_DIRECT = "CPS Direct"


def load_organisations(*, cps_area_model: Any, police_force_model: Any, rasso_unit_model: Any) -> None:
    """Create the organisations unless they are already there."""
    if police_force_model.objects.exists():
        return
    with DATA.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    forces = {}
    for row in rows:
        if row["police_force"] not in forces:
            forces[row["police_force"]] = police_force_model.objects.create(
                name=row["police_force"], code=row["force_code"]
            )
    for area_name in sorted({row["cps_area"] for row in rows}):
        area = cps_area_model.objects.create(name=area_name)
        area.forces.set([forces[row["police_force"]] for row in rows if row["cps_area"] == area_name])
        rasso_unit_model.objects.create(cps_area=area, name=f"{area_name} RASSO unit")
    cps_direct = cps_area_model.objects.create(name=CPS_DIRECT, is_cps_direct=True)
    cps_direct.forces.set(forces.values())
