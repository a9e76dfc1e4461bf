"""E-mail choices per kind of notification, and the item each reminder is about (so a catch-up delivers only the
last due reminder of an item)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

ITEM_PARTS = 2  # as reminders.services.ITEM_PARTS when written


def items_of_pending_reminders(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Reminders still to be delivered get their item, so a catch-up delivers only the last due of each item; sent
    and cancelled ones are never delivered again and keep none."""
    reminder = apps.get_model("reminders", "Reminder")
    pending = reminder.objects.filter(sent_at__isnull=True, cancelled_at__isnull=True)
    rows = list(pending.only("pk", "key"))
    for row in rows:
        row.item = ":".join(row.key.split(":")[:ITEM_PARTS])
    reminder.objects.bulk_update(rows, ["item"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("reminders", "0005_notice_kinds"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="EmailChoice",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("handover", "Hand-overs between police and CPS"),
                            ("allocation", "Cases and referrals allocated to you"),
                            ("review", "Action plan reviews and escalations"),
                            ("deadline", "Deadlines falling due"),
                        ],
                        max_length=20,
                    ),
                ),
                ("by_email", models.BooleanField(default=True)),
            ],
        ),
        migrations.AddField(
            model_name="reminder",
            name="item",
            field=models.CharField(
                default="", help_text="What the reminder is about, the start of its key (letter:12).", max_length=200
            ),
        ),
        migrations.AddIndex(
            model_name="reminder",
            index=models.Index(fields=["item", "recipient"], name="reminder_item"),
        ),
        migrations.AddField(
            model_name="emailchoice",
            name="person",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="email_choices", to=settings.AUTH_USER_MODEL
            ),
        ),
        migrations.AddConstraint(
            model_name="emailchoice",
            constraint=models.UniqueConstraint(fields=("person", "kind"), name="one_email_choice_per_kind"),
        ),
        migrations.RunPython(items_of_pending_reminders, migrations.RunPython.noop),
    ]
