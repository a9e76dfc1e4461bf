"""The migration that moves the e-mail outbox into a table of its own carries each notification's e-mail over: one
still waiting is sent after it, one already sent is not sent again, and a notification that had none gets none."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.state import StateApps
from django.utils import timezone

from reminders.models import Email, EmailState

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("reminders", "0006_email_choices_and_reminder_items")]


def _migrate(targets: list[tuple[str, str]]) -> StateApps:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_waiting_and_sent_emails_are_carried_over() -> None:
    apps = _migrate(BEFORE)
    force = apps.get_model("accounts", "PoliceForce").objects.get(name="West Yorkshire Police")
    area = force.cps_areas.filter(is_cps_direct=False).order_by("name").first()
    case = apps.get_model("cases", "Case").objects.create(
        urn="13AB7654321", police_force_id=force.pk, cps_area_id=area.pk, reported_on=date(2025, 1, 6)
    )
    officer = apps.get_model("accounts", "User").objects.create(
        username="officer", email="officer@example.gov.uk", role="investigator", police_force_id=force.pk
    )
    notification = apps.get_model("reminders", "Notification")
    sent_at = timezone.now()
    waiting, sent, _without_email = (
        notification.objects.create(recipient=officer, about=case, message=f"Case {case.urn}: {n}", **fields).pk
        for n, fields in enumerate([{"email_pending": True}, {"emailed_at": sent_at}, {}])
    )

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    emails = {email.notification_id: email for email in Email.objects.all()}
    assert set(emails) == {waiting, sent}
    assert emails[waiting].state == EmailState.PENDING
    assert emails[waiting].next_attempt_at <= timezone.now()
    assert (emails[sent].state, emails[sent].sent_at) == (EmailState.SENT, sent_at)
