"""The identity access log is append-only in the database too: on PostgreSQL the role that runs the application
(the one that migrates) loses UPDATE and DELETE on it. Also loads the starting letter templates."""

from django.db import migrations

from victims.letter_templates import load_letter_templates


def revoke_changes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("REVOKE UPDATE, DELETE ON victims_identityread FROM CURRENT_USER")


def restore_changes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("GRANT UPDATE, DELETE ON victims_identityread TO CURRENT_USER")


def load_templates(apps, schema_editor):
    load_letter_templates(letter_template_model=apps.get_model("victims", "LetterTemplate"))


class Migration(migrations.Migration):
    dependencies = [("victims", "0001_initial")]

    operations = [
        migrations.RunPython(revoke_changes, restore_changes),
        migrations.RunPython(load_templates, migrations.RunPython.noop),
    ]
