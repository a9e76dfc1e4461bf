"""The e-mail outbox moves from two fields of the notification to a table of its own, with the state, attempts,
backoff and provider reference of each message. E-mails still waiting are carried over as waiting, and those sent
as sent, so nothing queued is lost and nothing sent is sent again. The old fields go in the next migration, after
this one's transaction has committed the rows that point at the notifications (PostgreSQL will not alter a table
with foreign-key checks still pending in the same transaction)."""

import django.db.models.deletion
from django.db import migrations, models

BATCH = 2000


def carry_over(apps, schema_editor):  # type: ignore[no-untyped-def]
    notification = apps.get_model("reminders", "Notification")
    email = apps.get_model("reminders", "Email")
    with_email = notification.objects.filter(models.Q(email_pending=True) | models.Q(emailed_at__isnull=False))
    rows = with_email.values_list("pk", "created_at", "email_pending", "emailed_at").order_by("pk")
    batch = []
    for pk, created_at, pending, emailed_at in rows.iterator(chunk_size=BATCH):
        if pending:
            batch.append(email(notification_id=pk, state="pending", next_attempt_at=created_at))
        else:
            batch.append(email(notification_id=pk, state="sent", next_attempt_at=emailed_at, sent_at=emailed_at))
        if len(batch) == BATCH:
            email.objects.bulk_create(batch)
            batch = []
    email.objects.bulk_create(batch)


def carry_back(apps, schema_editor):  # type: ignore[no-untyped-def]
    notification = apps.get_model("reminders", "Notification")
    email = apps.get_model("reminders", "Email")
    waiting = email.objects.exclude(state__in=["sent", "dead"]).values("notification_id")
    notification.objects.filter(pk__in=waiting).update(email_pending=True)
    for notification_id, sent_at in email.objects.filter(state="sent").values_list("notification_id", "sent_at"):
        notification.objects.filter(pk=notification_id).update(emailed_at=sent_at)


class Migration(migrations.Migration):
    dependencies = [("reminders", "0006_email_choices_and_reminder_items")]

    operations = [
        migrations.CreateModel(
            name="Email",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("pending", "Waiting to be sent"),
                            ("sending", "Being sent"),
                            ("sent", "Sent"),
                            ("dead", "Not sent"),
                        ],
                        default="pending",
                        max_length=10,
                    ),
                ),
                (
                    "attempts",
                    models.PositiveSmallIntegerField(
                        default=0, help_text="Sends begun since it was queued or retried."
                    ),
                ),
                ("next_attempt_at", models.DateTimeField()),
                (
                    "claimed_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="When a sender last took it; never cleared, so a resend knows to check first.",
                        null=True,
                    ),
                ),
                ("sent_at", models.DateTimeField(blank=True, null=True)),
                ("last_error", models.CharField(blank=True, default="", max_length=100)),
                (
                    "provider_reference",
                    models.CharField(
                        blank=True,
                        default="",
                        help_text="GOV.UK Notify's id for it, or its SMTP Message-ID.",
                        max_length=100,
                    ),
                ),
                (
                    "notification",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="email",
                        to="reminders.notification",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(
                        condition=models.Q(("state__in", ("pending", "sending"))),
                        fields=["next_attempt_at", "id"],
                        name="email_to_send",
                    ),
                    models.Index(
                        condition=models.Q(
                            ("state", "dead"), models.Q(("attempts__gt", 0), ("state", "pending")), _connector="OR"
                        ),
                        fields=["-claimed_at", "-id"],
                        name="email_failed",
                    ),
                    models.Index(
                        condition=models.Q(("state__in", ("pending", "sending", "dead"))),
                        fields=["state"],
                        name="email_unsent",
                    ),
                ],
            },
        ),
        migrations.RunPython(carry_over, carry_back),
    ]
