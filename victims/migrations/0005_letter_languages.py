"""Letters and their templates gain a language (English or Welsh): a template is one per kind and language, the
ones there were become English; a letter records the language it was drafted in. Template edits keep a history."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("victims", "0004_own_view"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalLetterTemplate",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("introduction", "Introduction (“Hello”) letter"),
                            ("point_of_charge", "Point-of-charge letter"),
                            ("nfa", "No further action letter, with Victims' Right to Review information"),
                            ("discontinuance", "Discontinuance letter"),
                            ("charge_altered", "Charge substantially altered letter"),
                            ("meeting_offer", "Pre-trial meeting offer"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        choices=[("en", "English"), ("cy", "Welsh (Cymraeg)")], default="en", max_length=2
                    ),
                ),
                ("subject", models.CharField(max_length=200)),
                ("body", models.TextField()),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
            ],
            options={
                "verbose_name": "historical letter template",
                "verbose_name_plural": "historical letter templates",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AlterModelOptions(
            name="lettertemplate",
            options={"ordering": ["kind", "-language"]},
        ),
        migrations.AddField(
            model_name="communication",
            name="language",
            field=models.CharField(
                blank=True,
                choices=[("en", "English"), ("cy", "Welsh (Cymraeg)")],
                help_text="The language it was drafted in.",
                max_length=2,
            ),
        ),
        migrations.AddField(
            model_name="lettertemplate",
            name="language",
            field=models.CharField(choices=[("en", "English"), ("cy", "Welsh (Cymraeg)")], default="en", max_length=2),
        ),
        migrations.AlterField(
            model_name="lettertemplate",
            name="kind",
            field=models.CharField(
                choices=[
                    ("introduction", "Introduction (“Hello”) letter"),
                    ("point_of_charge", "Point-of-charge letter"),
                    ("nfa", "No further action letter, with Victims' Right to Review information"),
                    ("discontinuance", "Discontinuance letter"),
                    ("charge_altered", "Charge substantially altered letter"),
                    ("meeting_offer", "Pre-trial meeting offer"),
                ],
                max_length=20,
            ),
        ),
        migrations.AddConstraint(
            model_name="lettertemplate",
            constraint=models.UniqueConstraint(
                fields=("kind", "language"), name="letter_template_one_per_kind_and_language"
            ),
        ),
        migrations.AddField(
            model_name="historicallettertemplate",
            name="history_user",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL
            ),
        ),
    ]
