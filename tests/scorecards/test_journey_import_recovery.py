"""A journey import whose worker stops half-way (killed, or out of its database) wrote nothing, since the import is one
transaction; beat's sweep starts it again once it has not been heard from for a lease, and after three attempts
gives it up with a reason the page shows. Two sweepers never run one import twice, and a message delivered again
leaves alone an import whose worker is still heard from.

A worker that stops is modelled here by SystemExit raised half-way through (the run ends without recording an
ending, as when its process dies); tests/scorecards/test_journey_import_worker_killed.py kills a real one."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import F
from django.test import Client
from pytest_django import Settings

from accounts.models import User
from accounts.roles import Role
from cases.models import Case
from scorecards import tasks
from scorecards.models import JourneyImport
from scorecards.tasks import import_journey_file, start_queued_imports
from tests.clients import signed_in
from tests.journeys import jsonl
from tests.scorecards.test_scorecard_measures import history

pytestmark = pytest.mark.django_db
LEASE_SECONDS = 3  # longer than the import of the history file takes, however busy the machine


@pytest.fixture
def uploads(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def administrator(user_of: Callable[..., User]) -> Client:
    return signed_in(user_of(Role.ADMINISTRATOR))


def _upload(client: Client) -> str:
    """The history file uploaded on the page; the address of its status page."""
    response = client.post("/scorecards/import/", {"file": SimpleUploadedFile("history.jsonl", jsonl(history()))})
    assert response.status_code == 302
    return str(response["Location"])


def _worker_dies_half_way(lines: Iterable[bytes], **kwargs: object) -> None:
    """The worker reads a little of the file (and so is heard from), then stops without ending the import."""
    next(iter(lines))
    raise SystemExit("the worker was killed")


def _started_an_hour_ago() -> None:
    JourneyImport.objects.update(started_at=F("started_at") - timedelta(hours=1))


def test_an_import_stopped_three_times_is_given_up_with_the_reason_on_its_page(
    administrator: Client, uploads: Path, monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    page = _upload(administrator)
    monkeypatch.setattr("scorecards.journey_import.import_lines", _worker_dies_half_way)
    settings.JOURNEY_IMPORT_LEASE_SECONDS = 0  # heard from a moment ago is too long ago

    for attempt in (1, 2, 3):
        with pytest.raises(SystemExit):
            start_queued_imports()  # starts it again (after the first time), and its worker dies
        journey_import = JourneyImport.objects.get()
        assert (journey_import.status, journey_import.attempts) == ("running", attempt)
        shown = administrator.get(page).content.decode()
        assert "Importing" in shown
        assert f"{attempt} of 3" in shown
        if attempt > 1:
            assert f"The import stopped before it finished {attempt - 1} time" in shown

    assert start_queued_imports() == 0
    journey_import = JourneyImport.objects.get()
    assert (journey_import.status, journey_import.attempts) == ("failed", 3)
    assert not journey_import.file
    assert not list(uploads.rglob("*.jsonl")), "its file is deleted"
    shown = administrator.get(page).content.decode()
    assert "Nothing was imported: the import failed" in shown
    assert "The import stopped 3 times before it finished. Upload the file again." in shown
    assert "3 of 3" in shown
    assert "Not kept by the service" in shown
    assert "refresh" not in shown
    assert Case.objects.count() == 0

    # The same file uploaded again imports.
    monkeypatch.undo()
    _upload(administrator)
    assert start_queued_imports() == 1
    assert JourneyImport.objects.filter(status="imported").count() == 1


def test_a_message_delivered_again_leaves_alone_an_import_whose_worker_is_heard_from(
    administrator: Client, uploads: Path, monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    page = _upload(administrator)
    monkeypatch.setattr("scorecards.journey_import.import_lines", _worker_dies_half_way)
    with pytest.raises(SystemExit):
        import_journey_file(JourneyImport.objects.get().pk)
    monkeypatch.undo()
    _started_an_hour_ago()

    # Its worker beat a moment ago (while reading the file): the message delivered again does nothing.
    pk = JourneyImport.objects.get().pk
    assert import_journey_file(pk) == "not queued"
    assert start_queued_imports() == 0
    journey_import = JourneyImport.objects.get()
    assert (journey_import.status, journey_import.attempts) == ("running", 1)

    # Once the worker has not been heard from for a lease, the message starts the import again.
    settings.JOURNEY_IMPORT_LEASE_SECONDS = 1
    time.sleep(1.1)
    assert import_journey_file(pk) == "imported"
    journey_import = JourneyImport.objects.get()
    assert (journey_import.status, journey_import.attempts, Case.objects.count()) == ("imported", 2, 4)
    shown = administrator.get(page).content.decode()
    assert "4 cases imported" in shown
    assert "2 of 3" in shown


def test_a_run_the_sweep_gave_up_on_writes_nothing_when_it_finishes_after_all(
    administrator: Client, uploads: Path, monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    """A worker only slow, not dead, past its lease: the sweep starts the import again, and the slow run, finishing
    later, rolls back whatever it wrote rather than import the file a second time."""
    _upload(administrator)
    settings.JOURNEY_IMPORT_LEASE_SECONDS = 0
    monkeypatch.setattr("scorecards.journey_import.import_lines", _worker_dies_half_way)
    with pytest.raises(SystemExit):
        start_queued_imports()
    slow = JourneyImport.objects.get()  # the first attempt, as its worker holds it
    with pytest.raises(SystemExit):
        start_queued_imports()  # the second attempt, which stops too
    monkeypatch.undo()

    assert tasks._run(slow) == "superseded"  # the first attempt's worker, finishing after all
    journey_import = JourneyImport.objects.get()
    assert (journey_import.status, journey_import.attempts, Case.objects.count()) == ("running", 2, 0)

    assert start_queued_imports() == 1
    journey_import = JourneyImport.objects.get()
    assert (journey_import.status, journey_import.attempts, Case.objects.count()) == ("imported", 3, 4)


@pytest.mark.django_db(transaction=True)
def test_two_sweepers_start_a_stalled_import_once(
    administrator: Client, uploads: Path, monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    _upload(administrator)
    monkeypatch.setattr("scorecards.journey_import.import_lines", _worker_dies_half_way)
    with pytest.raises(SystemExit):
        start_queued_imports()
    monkeypatch.undo()
    settings.JOURNEY_IMPORT_LEASE_SECONDS = LEASE_SECONDS
    time.sleep(LEASE_SECONDS + 0.1)  # not heard from since

    together = threading.Barrier(2)
    started: list[int] = []

    def sweeper() -> None:
        try:
            together.wait()
            started.append(start_queued_imports())
        finally:
            connection.close()

    threads = [threading.Thread(target=sweeper) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(started) == [0, 1], "one sweeper started it, the other found nothing to start"
    journey_import = JourneyImport.objects.get()
    assert (journey_import.status, journey_import.attempts, Case.objects.count()) == ("imported", 2, 4)
