"""Each download keeps the person's CPS Area and police force as they were when they downloaded, so that it stays with
that Area's auditor when the person moves. The downloads already in the log are given the person's Area and force as
their account has them now (the best there is: where they were at the time was never written down); those by an
account since deleted, or from the command line, are given none.

The export log is append-only in PostgreSQL (0002): the filling is the one change made to its rows, with UPDATE
granted for it and revoked again at once."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

from audit.append_only import revoke_changes_sql

REVOKE, GRANT = revoke_changes_sql("audit_export")


def fill_from_accounts(apps, schema_editor):
    export = apps.get_model("audit", "Export")
    person = apps.get_model("accounts", "User").objects.filter(pk=OuterRef("user_id"))
    postgresql = schema_editor.connection.vendor == "postgresql"
    if postgresql:
        schema_editor.execute(GRANT)
    export.objects.using(schema_editor.connection.alias).filter(user__isnull=False).update(
        cps_area=Subquery(person.values("cps_area")[:1]),
        police_force=Subquery(person.values("police_force")[:1]),
    )
    if postgresql:
        schema_editor.execute(REVOKE)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0008_staff_invitations_and_history"),
        ("audit", "0009_audit_purpose"),
    ]

    operations = [
        migrations.AddField(
            model_name="export",
            name="cps_area",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="accounts.cpsarea",
            ),
        ),
        migrations.AddField(
            model_name="export",
            name="police_force",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="accounts.policeforce",
            ),
        ),
        migrations.RunPython(fill_from_accounts, migrations.RunPython.noop),
    ]
