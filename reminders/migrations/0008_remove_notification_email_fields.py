"""The notification's old e-mail fields, now carried in the outbox (0007)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("reminders", "0007_email_outbox")]

    operations = [
        migrations.RemoveIndex(model_name="notification", name="notification_email_pending"),
        migrations.RemoveField(model_name="notification", name="email_pending"),
        migrations.RemoveField(model_name="notification", name="emailed_at"),
    ]
