"""Loads the CPS Areas, CPS Direct, the police forces and the RASSO units (see accounts/organisations.py)."""

from django.db import migrations

from accounts.organisations import load_organisations


def load(apps, schema_editor):
    load_organisations(
        cps_area_model=apps.get_model("accounts", "CpsArea"),
        police_force_model=apps.get_model("accounts", "PoliceForce"),
        rasso_unit_model=apps.get_model("accounts", "RassoUnit"),
    )


def unload(apps, schema_editor):
    apps.get_model("accounts", "RassoUnit").objects.all().delete()
    apps.get_model("accounts", "CpsArea").objects.all().delete()
    apps.get_model("accounts", "PoliceForce").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
