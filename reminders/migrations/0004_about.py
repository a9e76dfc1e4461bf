"""Reminders and notifications name what they are about (the case) as ``about``: the same foreign key and column
values, renamed, so that reminders names no app it depends on."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reminders", "0003_directions_in_fixed_wording"),
    ]

    operations = [
        migrations.RenameField(model_name="reminder", old_name="case", new_name="about"),
        migrations.RenameField(model_name="notification", old_name="case", new_name="about"),
    ]
