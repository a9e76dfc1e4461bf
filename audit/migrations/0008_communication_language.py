"""A letter's history keeps the language it was drafted in."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0007_own_view_history"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalcommunication",
            name="language",
            field=models.CharField(
                blank=True,
                choices=[("en", "English"), ("cy", "Welsh (Cymraeg)")],
                help_text="The language it was drafted in.",
                max_length=2,
            ),
        ),
    ]
