"""Journey files between their upload and the end of their import. The page streams an upload to Django's default
storage (RASSO_UPLOAD_DIR, a volume the web and worker processes share) and never holds it whole in memory; the
worker reads it back a line at a time; once the import has ended, whichever way, the file is deleted and the record
says so (its ``file`` is empty), so that neither the page nor the admin can offer it again."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest

from scorecards.journey_format import MAX_LINE_BYTES
from scorecards.models import ImportStatus, JourneyImport

logger = logging.getLogger(__name__)


class CappedUpload(FileUploadHandler):
    """The first of the import page's upload handlers. Django caps no file's size (DATA_UPLOAD_MAX_MEMORY_SIZE leaves
    files out), so a file of any size would be written whole to a temporary file before the form could refuse it.
    This one passes a file on to Django's own handlers until it passes ``max_bytes``; then Django drops what they
    wrote and reads the rest of the request without keeping it. ``refused`` stands in for such a file (its name and
    the size read so far, no content), so that the form refuses it with its usual error."""

    def __init__(self, request: HttpRequest, max_bytes: int) -> None:
        super().__init__(request)
        self.max_bytes = max_bytes
        self.refused: dict[str, UploadedFile] = {}

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > self.max_bytes:
            self.refused[str(self.field_name)] = UploadedFile(
                name=self.file_name, content_type=self.content_type, size=start + len(raw_data)
            )
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # Django's own handlers make the file


def _lines(stored: IO[bytes]) -> Iterator[bytes]:
    """The file a line at a time, each read no further than one byte past the longest line the format allows: a
    longer line is cut there (still too long, so reported as such) and the rest of it skipped, so that no line is
    ever held whole however long it is."""
    most = MAX_LINE_BYTES + 1
    while line := stored.readline(most):
        if len(line) == most and not line.endswith(b"\n"):
            while (rest := stored.readline(most)) and not rest.endswith(b"\n"):
                pass
        yield line


@contextmanager
def stored_lines(journey_import: JourneyImport) -> Iterator[Iterator[bytes]]:
    """The lines of an import's stored file, read from storage as the import goes."""
    with journey_import.file.open("rb") as stored:
        yield _lines(stored)


def discard(journey_import: JourneyImport) -> None:
    """Delete an ended import's file from storage and record that it is gone."""
    name = journey_import.file.name
    journey_import.file.delete(save=False)
    JourneyImport.objects.filter(pk=journey_import.pk, file=name).update(file="")
    logger.info("journey import %s: its file is deleted", journey_import.pk)


def discard_ended() -> None:
    """Delete the files of ended imports that are still kept: the worker deletes a file as soon as its import ends,
    but it may have died in between, or the storage may have failed."""
    ended = JourneyImport.objects.exclude(file="").exclude(status__in=(ImportStatus.QUEUED, ImportStatus.RUNNING))
    for journey_import in ended.only("pk", "file"):
        try:
            discard(journey_import)
        except OSError:  # the next sweep tries again
            logger.warning("journey import %s: its file could not be deleted", journey_import.pk, exc_info=True)
