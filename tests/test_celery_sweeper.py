"""The periodic reminder sweep runs on a real Celery worker through the configured broker.

With nothing set that is the embedded filesystem broker; with REDIS_URL set (as in CI's second run), Redis.
Beat's own scheduler sends the schedule entry, so the test also proves the schedule names a registered task.
"""

import time
import uuid
from collections.abc import Callable
from datetime import timedelta

import pytest
from celery.beat import Scheduler
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from rasso.celery import app
from reminders.models import Notification
from reminders.services import raise_reminder
from tests.factories import make_case

WAIT_SECONDS = 30


def _wait_for(condition: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.django_db(transaction=True)
def test_beat_entry_runs_the_sweeper_on_a_real_worker(user_of: Callable[..., User]) -> None:
    officer = user_of(Role.INVESTIGATOR)
    case = make_case()
    raise_reminder(
        key="celery:test",
        due_at=timezone.now() - timedelta(minutes=5),
        recipient=officer,
        case=case,
        message=f"Case {case.urn}: review due",
    )
    scheduler = Scheduler(app, lazy=True)
    scheduler.setup_schedule()
    entry = scheduler.schedule["sweep-reminders"]
    assert entry.task == "reminders.tasks.sweep_reminders"
    # A queue of this test's own, so that no other worker on the machine (say, `make demo`'s) takes the task.
    queue = f"test-{uuid.uuid4().hex}"
    entry.options["queue"] = queue

    sweeps_done: list[object] = []

    def count_sweep(task: object, retval: object, **_: object) -> None:
        if getattr(task, "name", "") == entry.task:
            sweeps_done.append(retval)

    task_postrun.connect(count_sweep, weak=False)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30, queues=[queue]):
            scheduler.apply_entry(entry, producer=None)
            assert _wait_for(lambda: len(sweeps_done) == 1), "the worker never ran the first sweep"
            scheduler.apply_entry(entry, producer=None)
            assert _wait_for(lambda: len(sweeps_done) == 2), "the worker never ran the second sweep"
    finally:
        task_postrun.disconnect(count_sweep)

    assert sweeps_done == [1, 0], "the first sweep delivers the reminder, the second finds nothing left to send"

    assert list(Notification.objects.values_list("recipient_id", "message")) == [
        (officer.pk, f"Case {case.urn}: review due")
    ]
