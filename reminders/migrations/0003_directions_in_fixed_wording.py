"""Reminders and notifications of judge's directions quoted the direction, which a caseworker may have written with
a person's name in it: they now say only that a direction is due (cases.services.court.set_judge_direction)."""

from django.db import migrations
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Concat


def fixed_wording(apps, schema_editor):  # type: ignore[no-untyped-def]
    case = apps.get_model("cases", "Case")
    urn = Subquery(case.objects.filter(pk=OuterRef("case_id")).values("urn")[:1])
    message = Concat(Value("Case "), urn, Value(": a judge's direction is due today"))
    reminder = apps.get_model("reminders", "Reminder")
    reminder.objects.filter(key__startswith="direction:").update(message=message)
    notification = apps.get_model("reminders", "Notification")
    notification.objects.filter(reminder__key__startswith="direction:").update(message=message)


class Migration(migrations.Migration):
    dependencies = [
        ("reminders", "0002_notification_email_outbox"),
        ("cases", "0014_overdue_referrals_name_their_suspects"),
    ]

    operations = [migrations.RunPython(fixed_wording, migrations.RunPython.noop)]
