"""PostgreSQL restarted in the middle of an e-mail sweep: every e-mail is sent once and none is lost.

The database is a private PostgreSQL cluster of this test's own (tests/postgres_cluster.py), so the test runs on
CI's SQLite run too and restarting it disturbs no one. A real `celery worker` sends the outbox through a GOV.UK
Notify look-alike (tests/notify_server.py) that answers each message a little slowly, so the restart lands mid-sweep:
the message in flight is accepted by Notify while its mark cannot be written. Its lease runs out, the next sweep
finds it at Notify by its reference, and marks it sent without sending it again."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg

from reminders.tasks import send_emails
from tests.celery_worker import ROOT, WAIT_SECONDS, celery_worker, wait_for
from tests.notify_server import notify_server
from tests.postgres_cluster import FOREIGN_DATABASE_SETTINGS, private_cluster
from tests.reminders.test_worker_killed import _mailer_settings

EMAILS = 300
RESTARTED_AFTER = 50  # e-mails accepted before PostgreSQL restarts

# Run in the private database by `manage.py shell`: ten officers with real addresses, thirty notifications each.
MAKE_EMAILS = f"""
from accounts.models import PoliceForce, User
from accounts.roles import Role
from cases.models import Case
from reminders.services import Notice, notify
force = PoliceForce.objects.get(name="West Yorkshire Police")
area = force.cps_areas.filter(is_cps_direct=False).order_by("name")[0]
case = Case.objects.create(urn="13AB0000124", police_force=force, cps_area=area, reported_on="2024-05-01")
people = [
    User.objects.create(
        username=f"officer{{n}}", email=f"officer{{n}}@example.gov.uk", role=Role.INVESTIGATOR, police_force=force
    )
    for n in range(10)
]
notify(Notice(person, case.pk, f"Case {{case.urn}}: review {{n}}") for n in range({EMAILS // 10}) for person in people)
"""


def _outbox(url: str) -> dict[int, str]:
    """Each e-mail's state, read straight from the private database."""
    with psycopg.connect(url) as database:
        return dict(database.execute("SELECT id, state FROM reminders_email").fetchall())


def _all_sent(url: str) -> bool:
    try:
        return set(_outbox(url).values()) == {"sent"}
    except psycopg.OperationalError:  # still restarting
        return False


def test_postgresql_restarted_mid_sweep_sends_every_email_once(tmp_path: Path) -> None:
    with private_cluster(tmp_path) as primary, notify_server() as server:
        primary.migrate()
        environment = {name: value for name, value in os.environ.items() if name not in FOREIGN_DATABASE_SETTINGS}
        environment["DATABASE_URL"] = primary.url
        subprocess.run(  # noqa: S603 - our own command line
            [sys.executable, "manage.py", "shell", "-c", MAKE_EMAILS], cwd=ROOT, env=environment, check=True
        )
        emails = _outbox(primary.url)
        assert len(emails) == EMAILS
        server.delay = 0.02
        queue = f"test-{uuid.uuid4().hex}"
        with celery_worker(queue, **_mailer_settings(server), DATABASE_URL=primary.url):
            send_emails.apply_async(queue=queue)
            assert wait_for(lambda: len(server.accepted) >= RESTARTED_AFTER), "the sweep never started"
            primary.restart()
            assert len(server.accepted) < EMAILS, "the sweep ended before PostgreSQL restarted"
            deadline = time.monotonic() + WAIT_SECONDS
            while not _all_sent(primary.url) and time.monotonic() < deadline:
                send_emails.apply_async(queue=queue)  # beat's next tick
                time.sleep(1)
        assert _all_sent(primary.url), "the worker did not recover and send the rest"
        assert server.per_reference() == {f"rasso-email-{pk}": 1 for pk in emails}, "each e-mail once, none lost"
