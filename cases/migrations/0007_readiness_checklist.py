"""Loads DOMAIN.md's default trial readiness checklist (see cases/reference_data.py)."""

from django.db import migrations

from cases.reference_data import load_readiness_checklist


def load(apps, schema_editor):
    load_readiness_checklist(readiness_item_model=apps.get_model("cases", "ReadinessItem"))


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_court")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
