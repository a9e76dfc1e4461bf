"""Loads the 14 CPS Areas, CPS Direct, the 43 police forces and the Areas' RASSO units.

The force–Area map is accounts/data/organisations.csv (from the shared reference data, with each force's URN code).
CPS Direct, the national out-of-hours charging service, serves every force.
"""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "organisations.csv"
CPS_DIRECT = "CPS Direct"


def load(apps, schema_editor):
    CpsArea = apps.get_model("accounts", "CpsArea")
    PoliceForce = apps.get_model("accounts", "PoliceForce")
    RassoUnit = apps.get_model("accounts", "RassoUnit")
    with DATA.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    forces = {}
    for row in rows:
        if row["police_force"] not in forces:
            forces[row["police_force"]] = PoliceForce.objects.create(name=row["police_force"], code=row["force_code"])
    for area_name in sorted({row["cps_area"] for row in rows}):
        area = CpsArea.objects.create(name=area_name)
        area.forces.set([forces[row["police_force"]] for row in rows if row["cps_area"] == area_name])
        RassoUnit.objects.create(cps_area=area, name=f"{area_name} RASSO unit")
    cps_direct = CpsArea.objects.create(name=CPS_DIRECT, is_cps_direct=True)
    cps_direct.forces.set(forces.values())


def unload(apps, schema_editor):
    apps.get_model("accounts", "RassoUnit").objects.all().delete()
    apps.get_model("accounts", "CpsArea").objects.all().delete()
    apps.get_model("accounts", "PoliceForce").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
