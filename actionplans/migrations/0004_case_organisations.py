"""Action plans carry their case's police force and CPS Area (cases.models.case.InCaseOrganisations), copied here
from the case for the plans already set, so that the lists of a force's or an Area's plans read their own indexes."""

from django.db import migrations, models

from cases.case_organisations import add_case_organisations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_user_sessions"),
        ("actionplans", "0003_list_order_indexes"),
        ("cases", "0012_case_organisations"),
    ]

    operations = [
        *add_case_organisations("actionplan", "actionplans_actionplan"),
        migrations.AddIndex(
            model_name="actionplan",
            index=models.Index(
                condition=models.Q(("status", "open")),
                fields=["police_force", "set_on"],
                name="plan_open_force_set_on",
            ),
        ),
        migrations.AddIndex(
            model_name="actionplan",
            index=models.Index(
                condition=models.Q(("status", "open")), fields=["cps_area", "set_on"], name="plan_open_area_set_on"
            ),
        ),
        migrations.AddIndex(
            model_name="actionplan",
            index=models.Index(fields=["police_force", "set_on", "id"], name="plan_force_order"),
        ),
        migrations.AddIndex(
            model_name="actionplan",
            index=models.Index(fields=["cps_area", "set_on", "id"], name="plan_area_order"),
        ),
    ]
