"""Journey files on their way to the import: streamed to storage under RASSO_UPLOAD_DIR with a size cap (a file over
it is refused with a clear error and nothing of it kept), read back a line at a time, and deleted once the import has
ended, whichever way it ended."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TypeVar

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django import Settings

from accounts.models import User
from accounts.roles import Role
from cases.models import Case
from scorecards.journey_format import MAX_LINE_BYTES
from scorecards.models import JourneyImport
from scorecards.tasks import start_queued_imports
from tests.clients import sign_in, signed_in
from tests.journeys import jsonl, line, reported
from tests.scorecards.test_scorecard_measures import A, history

pytestmark = pytest.mark.django_db
Response = TypeVar("Response")


@pytest.fixture
def uploads(settings: Settings, tmp_path: Path) -> Path:
    """The upload volume of this test alone, and a temporary folder of its own for Django's temporary files."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "temporary"
    settings.FILE_UPLOAD_TEMP_DIR.mkdir()
    return settings.MEDIA_ROOT


def _files(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


@pytest.fixture
def administrator(user_of: Callable[..., User]) -> Client:
    return signed_in(user_of(Role.ADMINISTRATOR))


def _largest_file_while(folder: Path, action: Callable[[], Response]) -> tuple[int, Response]:
    """The largest any file in ``folder`` grew while ``action`` ran, watched from another thread."""
    largest, done = 0, threading.Event()

    def watch() -> None:
        nonlocal largest
        while not done.is_set():
            for path in folder.iterdir():
                with suppress(FileNotFoundError):
                    largest = max(largest, path.stat().st_size)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        response = action()
    finally:
        done.set()
        watcher.join()
    return largest, response


def test_a_file_over_the_limit_is_refused_and_nothing_of_it_is_kept(
    administrator: Client, uploads: Path, settings: Settings
) -> None:
    settings.JOURNEY_IMPORT_MAX_BYTES = 2**20
    content = jsonl(history())
    just_over = SimpleUploadedFile("national.jsonl", content + b"\n" * (2**20 + 1 - len(content)))
    response = administrator.post("/scorecards/import/", {"file": just_over})

    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Import case histories" in page
    assert "The journey file must be smaller than 1 MB" in page
    assert not JourneyImport.objects.exists(), "no record of the refused file"
    assert not _files(uploads), "nothing of it in storage"
    assert not _files(settings.FILE_UPLOAD_TEMP_DIR), "nor in a temporary file"

    far_over = SimpleUploadedFile("national.jsonl", content + b"\n" * 32 * 2**20)
    largest, response = _largest_file_while(
        settings.FILE_UPLOAD_TEMP_DIR, lambda: administrator.post("/scorecards/import/", {"file": far_over})
    )
    assert "The journey file must be smaller than 1 MB" in response.content.decode()
    assert largest <= 2**20 + 64 * 1024, "the page stops writing a file to disk once it is over the limit"
    assert (JourneyImport.objects.count(), _files(uploads), _files(settings.FILE_UPLOAD_TEMP_DIR)) == (0, [], [])


def test_a_file_at_the_limit_is_stored_apart_from_its_record_and_deleted_once_imported(
    administrator: Client, uploads: Path, settings: Settings
) -> None:
    settings.JOURNEY_IMPORT_MAX_BYTES = 2**20
    content = jsonl(history())
    content += b"\n" * (2**20 - len(content))

    response = administrator.post("/scorecards/import/", {"file": SimpleUploadedFile("national.jsonl", content)})

    journey_import = JourneyImport.objects.get()
    [stored] = _files(uploads)
    assert stored.read_bytes() == content
    assert "national" not in journey_import.file.name, "stored under a name of the service's own"
    assert (journey_import.sha256, journey_import.lines_total) == (
        hashlib.sha256(content).hexdigest(),
        len(content.splitlines()),
    )
    assert not _files(settings.FILE_UPLOAD_TEMP_DIR), "Django's temporary file was moved into storage, not copied"
    assert "Kept until the import ends" in administrator.get(response["Location"]).content.decode()

    assert start_queued_imports() == 1
    journey_import.refresh_from_db()
    assert (journey_import.status, journey_import.cases, Case.objects.count()) == ("imported", 4, 4)
    assert not _files(uploads), "the file is deleted once imported"
    assert not journey_import.file
    page = administrator.get(response["Location"]).content.decode()
    assert "4 cases imported" in page
    assert "Not kept by the service" in page


def test_the_file_of_a_rejected_or_repeated_import_is_deleted_too(administrator: Client, uploads: Path) -> None:
    bad = jsonl([reported(A, "2024-03-01"), b'{"event": "decision", "urn": '])
    for content in (bad, jsonl(history()), jsonl(history())):
        administrator.post("/scorecards/import/", {"file": SimpleUploadedFile("h.jsonl", content)})
    assert len(_files(uploads)) == 3

    assert start_queued_imports() == 3
    imports = JourneyImport.objects.order_by("pk")
    assert [i.status for i in imports] == ["rejected", "imported", "unchanged"]
    assert [bool(i.file) for i in imports] == [False, False, False]
    assert not _files(uploads)


def test_a_file_left_behind_by_a_worker_that_died_as_its_import_ended_is_deleted_by_the_next_sweep(
    administrator: Client, uploads: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def worker_dies() -> None:
        raise SystemExit("killed")

    administrator.post("/scorecards/import/", {"file": SimpleUploadedFile("h.jsonl", jsonl(history()))})
    monkeypatch.setattr("scorecards.tasks.discard_ended", worker_dies)
    with pytest.raises(SystemExit):
        start_queued_imports()
    journey_import = JourneyImport.objects.get()
    assert (journey_import.status, bool(journey_import.file), len(_files(uploads))) == ("imported", True, 1)

    monkeypatch.undo()
    assert start_queued_imports() == 0
    journey_import.refresh_from_db()
    assert (journey_import.status, bool(journey_import.file), _files(uploads)) == ("imported", False, [])


def test_lines_are_read_from_storage_one_at_a_time_and_a_line_too_long_is_still_reported_by_number(
    administrator: Client, uploads: Path
) -> None:
    survey = line("survey_response", date="2024-05-01", question="listened_to_in_court", agree=True, pad="")
    longest = survey.replace(b'"pad": ""', b'"pad": "' + b"x" * (MAX_LINE_BYTES - len(survey)) + b'"')
    assert len(longest) == MAX_LINE_BYTES
    lines = [
        reported(A, "2024-03-01"),  # 1
        line("survey_response", date="2024-05-01", question="responds_to_feedback", pad="x" * 200_000),  # 2
        longest,  # 3: as long as a line may be, then CR LF
        line("suspect_added", urn=A, suspect="S1"),  # 4
        b'{"event": "survey_response"',  # 5: broken JSON
    ]
    content = b"".join(raw + b"\r\n" for raw in lines)
    administrator.post("/scorecards/import/", {"file": SimpleUploadedFile("long.jsonl", content)})

    assert start_queued_imports() == 1
    journey_import = JourneyImport.objects.get()
    assert journey_import.status == "rejected"
    reasons = {error["line"]: error["reason"] for error in journey_import.errors}
    assert sorted(reasons) == [2, 5]
    assert reasons[2] == "the line is longer than 64 KiB"
    assert reasons[5].startswith("not valid JSON")
    assert journey_import.lines_total == journey_import.lines_done == 5


def test_a_file_missing_from_storage_fails_its_import_with_the_reason(administrator: Client, uploads: Path) -> None:
    """As when the web and worker processes do not share RASSO_UPLOAD_DIR."""
    response = administrator.post("/scorecards/import/", {"file": SimpleUploadedFile("h.jsonl", jsonl(history()))})
    [stored] = _files(uploads)
    stored.unlink()

    assert start_queued_imports() == 1
    assert JourneyImport.objects.get().status == "failed"
    assert (
        "The import stopped because the uploaded file was not found where the service keeps uploads."
        in administrator.get(response["Location"]).content.decode()
    )


def test_the_admin_says_whether_the_file_is_kept_and_never_offers_it(
    user_of: Callable[..., User], uploads: Path
) -> None:
    administrator = signed_in(user_of(Role.ADMINISTRATOR, is_staff=True, is_superuser=True))
    administrator.post("/scorecards/import/", {"file": SimpleUploadedFile("h.jsonl", jsonl(history()))})
    journey_import = JourneyImport.objects.get()
    change = f"/admin/scorecards/journeyimport/{journey_import.pk}/change/"

    page = administrator.get(change).content.decode()
    assert "File kept" in page
    assert 'alt="True"' in page
    assert Path(journey_import.file.name).stem not in page, "no link to the file, nor its name in storage"

    assert start_queued_imports() == 1
    page = administrator.get(change).content.decode()
    assert 'alt="False"' in page


def test_an_upload_without_the_form_s_csrf_token_is_refused(user_of: Callable[..., User], uploads: Path) -> None:
    """The page sets its size cap before Django reads the files, so it checks the CSRF token itself: still checked."""
    client = Client(enforce_csrf_checks=True)
    sign_in(client, user_of(Role.ADMINISTRATOR))
    response = client.post("/scorecards/import/", {"file": SimpleUploadedFile("h.jsonl", jsonl(history()))})
    assert response.status_code == 403
    assert (JourneyImport.objects.count(), _files(uploads)) == (0, [])
