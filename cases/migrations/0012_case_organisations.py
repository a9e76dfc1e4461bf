"""Suspects and referrals carry their case's police force and CPS Area (cases.models.case.InCaseOrganisations), copied
here for the rows already written, so that the lists of a force's or an Area's suspects and referrals read their own
indexes; and a force's or Area's cases are indexed by URN."""

from django.db import migrations, models

from cases.case_organisations import add_case_organisations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_user_sessions"),
        ("cases", "0011_list_order_indexes"),
    ]

    operations = [
        *add_case_organisations("suspect", "cases_suspect"),
        *add_case_organisations("referral", "cases_referral"),
        migrations.AddIndex(
            model_name="suspect",
            index=models.Index(fields=["police_force", "pre_charge_status"], name="suspect_force_status"),
        ),
        migrations.AddIndex(
            model_name="suspect",
            index=models.Index(fields=["cps_area", "pre_charge_status"], name="suspect_area_status"),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["police_force", "urn"], name="case_force_urn"),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["cps_area", "urn"], name="case_area_urn"),
        ),
        migrations.AddIndex(
            model_name="referral",
            index=models.Index(
                condition=models.Q(("closed_on__isnull", True)),
                fields=["police_force", "due_on"],
                name="referral_open_force_due",
            ),
        ),
        migrations.AddIndex(
            model_name="referral",
            index=models.Index(
                condition=models.Q(("closed_on__isnull", True)),
                fields=["cps_area", "due_on"],
                name="referral_open_area_due",
            ),
        ),
        migrations.AddIndex(
            model_name="referral",
            index=models.Index(fields=["police_force", "received_on", "id"], name="referral_force_order"),
        ),
        migrations.AddIndex(
            model_name="referral",
            index=models.Index(fields=["cps_area", "received_on", "id"], name="referral_area_order"),
        ),
    ]
