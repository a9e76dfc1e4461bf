"""Loads the default escalation ladder (see actionplans/ladder.py)."""

from django.db import migrations

from actionplans.ladder import DEFAULT_LADDER, load_default_ladder


def load(apps, schema_editor):
    load_default_ladder(review_level_model=apps.get_model("actionplans", "ReviewLevel"))


def unload(apps, schema_editor):
    apps.get_model("actionplans", "ReviewLevel").objects.filter(
        days__in=[level["days"] for level in DEFAULT_LADDER]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("actionplans", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
