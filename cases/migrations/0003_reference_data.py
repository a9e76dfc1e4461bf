"""Loads the starting offences and case flags (see cases/reference_data.py)."""

from django.db import migrations

from cases.reference_data import FLAGS, OFFENCES, load_reference_data


def load(apps, schema_editor):
    load_reference_data(
        offence_model=apps.get_model("cases", "Offence"), case_flag_model=apps.get_model("cases", "CaseFlag")
    )


def unload(apps, schema_editor):
    apps.get_model("cases", "Offence").objects.filter(code__in=[c for c, _, _ in OFFENCES]).delete()
    apps.get_model("cases", "CaseFlag").objects.filter(code__in=[c for c, _ in FLAGS]).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_precharge_stages")]

    operations = [migrations.RunPython(load, unload)]
