"""The export log is append-only in the database too (PostgreSQL): the application's role loses UPDATE and DELETE."""

from django.db import migrations

from audit.append_only import revoke_changes_sql

REVOKE, GRANT = revoke_changes_sql("audit_export")


def revoke(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REVOKE)


def grant(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GRANT)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_export_log")]

    operations = [migrations.RunPython(revoke, grant)]
