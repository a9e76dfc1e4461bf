"""The periodic sweepers run on a real Celery worker through the configured broker.

With nothing set that is the embedded filesystem broker; with REDIS_URL set (as in CI's second run), Redis.
Beat's own scheduler sends each schedule entry, so the tests also prove the schedule names registered tasks.
"""

import uuid
from collections.abc import Callable
from datetime import timedelta

import pytest
from celery.beat import Scheduler
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from accounts.models import User
from accounts.roles import Role
from actionplans.models import ActionPlan
from cases.models import Case, Suspect
from rasso.celery import app
from reminders.models import Notification
from reminders.services import Notice, notify, raise_reminder
from scorecards.models import ImportStatus, JourneyImport
from tests.celery_worker import wait_for
from tests.clients import date_fields, signed_in
from tests.factories import make_case, referred_suspect
from tests.faults import redis_down
from tests.journeys import jsonl
from tests.scorecards.test_scorecard_measures import history

WAIT_SECONDS = 30


def _run_beat_entry_twice(name: str, task: str) -> list[object]:
    """Send the beat entry twice, as beat would, to a real worker; what each run returned."""
    scheduler = Scheduler(app, lazy=True)
    scheduler.setup_schedule()
    entry = scheduler.schedule[name]
    assert entry.task == task
    # A queue of this test's own, so that no other worker on the machine (say, `make demo`'s) takes the task.
    queue = f"test-{uuid.uuid4().hex}"
    assert entry.options is not None  # a beat entry's options are a dict, empty if none were configured
    entry.options["queue"] = queue
    runs: list[object] = []

    def count_run(task: object, retval: object, **_: object) -> None:
        if getattr(task, "name", "") == entry.task:
            runs.append(retval)

    task_postrun.connect(count_run, weak=False)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30, queues=[queue]):
            scheduler.apply_entry(entry, producer=None)
            assert wait_for(lambda: len(runs) == 1, WAIT_SECONDS), "the worker never ran the first sweep"
            scheduler.apply_entry(entry, producer=None)
            assert wait_for(lambda: len(runs) == 2, WAIT_SECONDS), "the worker never ran the second sweep"
    finally:
        task_postrun.disconnect(count_run)
    return runs


@pytest.mark.django_db(transaction=True)
def test_beat_entry_runs_the_reminder_sweeper_on_a_real_worker(user_of: Callable[..., User]) -> None:
    officer = user_of(Role.INVESTIGATOR)
    case = make_case()
    raise_reminder(
        key="celery:test",
        due_at=timezone.now() - timedelta(minutes=5),
        recipient=officer,
        about=case,
        message=f"Case {case.urn}: review due",
    )
    runs = _run_beat_entry_twice("sweep-due-items", "reminders.tasks.sweep_due_items")
    assert runs == [1, 0], "the first sweep delivers the reminder, the second finds nothing left to send"
    assert list(Notification.objects.values_list("recipient_id", "message")) == [
        (officer.pk, f"Case {case.urn}: review due")
    ]


@pytest.mark.django_db(transaction=True)
@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_beat_entry_runs_the_email_sweep_on_a_real_worker_from_the_email_queue(user_of: Callable[..., User]) -> None:
    officer = user_of(Role.INVESTIGATOR)
    case = make_case()
    notify([Notice(officer, case.pk, f"Case {case.urn}: review due")])
    # Sent to its own queue, which only the mailer (and the demo's one worker) consumes.
    assert app.amqp.router.route({}, "reminders.tasks.send_emails")["queue"].name == "email"
    runs = _run_beat_entry_twice("send-emails", "reminders.tasks.send_emails")
    assert runs == [1, 0], "the first sweep sends the e-mail, the second finds nothing left to send"
    assert [(m.to, m.subject) for m in mail.outbox] == [([officer.email], f"Case {case.urn}: review due")]


@pytest.mark.django_db(transaction=True)
def test_a_plan_saved_while_redis_is_down_is_escalated_when_it_is_back(user_of: Callable[..., User]) -> None:
    today = timezone.localdate()
    officer = user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    prosecutor = user_of(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")
    case = make_case(officer_in_charge=officer, reported_on=today - timedelta(days=90))
    referred_suspect(case, officer=officer, received_on=today - timedelta(days=40))
    referral = Suspect.objects.get(case=case).referrals.get()
    client = signed_in(prosecutor)

    with redis_down():
        with pytest.raises(OperationalError), app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1)
        response = client.post(
            reverse("actionplans:set-plan", args=[case.pk, referral.pk]),
            {
                "actions-TOTAL_FORMS": "1",
                "actions-INITIAL_FORMS": "0",
                **date_fields("set_on", today - timedelta(days=30)),
                "actions-0-request": "Phone download",
                "actions-0-line_of_enquiry": "Corroboration",
                "actions-0-proportionality": "Goes to consent",
                **date_fields("actions-0-due_on", today),
            },
        )
    assert response.status_code == 302, "the plan is saved although Redis is down"
    assert ActionPlan.objects.count() == 1

    runs = _run_beat_entry_twice("sweep-due-items", "reminders.tasks.sweep_due_items")
    assert runs == [1, 0], "the 28-day review is raised once Redis is back, and only once"
    assert set(Notification.objects.values_list("recipient_id", flat=True)) == {officer.pk}


@pytest.mark.django_db(transaction=True)
def test_a_journey_file_uploaded_while_redis_is_down_is_imported_once_when_it_is_back(
    user_of: Callable[..., User],
) -> None:
    client = signed_in(user_of(Role.ADMINISTRATOR))
    upload = SimpleUploadedFile("history.jsonl", jsonl(history()))
    with redis_down():
        response = client.post(reverse("scorecards:import-journeys"), {"file": upload})
    assert response.status_code == 302, "the upload is kept although Redis is down"
    assert JourneyImport.objects.get().status == ImportStatus.QUEUED

    runs = _run_beat_entry_twice("start-queued-journey-imports", "scorecards.tasks.start_queued_imports")
    assert runs == [1, 0], "beat starts the queued import once"
    journey_import = JourneyImport.objects.get()
    assert (journey_import.status, journey_import.cases) == (ImportStatus.IMPORTED, 4)
    assert Case.objects.count() == 4
    assert "4 cases imported" in client.get(response["Location"]).content.decode()
