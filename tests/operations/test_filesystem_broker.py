"""The embedded broker (kombu's filesystem transport, rasso.filesystem_broker): a worker never takes a message that
is still being written. kombu's own transport created the file under its final name before writing it, and a worker
that listed the folder in between read it empty and stopped (JSONDecodeError)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from queue import Empty
from typing import Any

import pytest
from kombu import Connection

from rasso import filesystem_broker


def _connection(folder: Path) -> Connection:
    return Connection(
        transport=filesystem_broker.Transport,
        transport_options={"data_folder_in": str(folder), "data_folder_out": str(folder), "store_processed": False},
    )


def test_a_message_is_taken_whole_and_never_while_it_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _connection(tmp_path) as connection:
        channel: filesystem_broker.Channel = connection.default_channel  # type: ignore[assignment]
        seen_while_writing: list[Any] = []
        replace = os.replace

        def reader_looks_in_between(source: str, destination: str) -> None:
            """The moment kombu's own transport was exposed: the file exists and a worker lists the folder."""
            with contextlib.suppress(Empty):
                seen_while_writing.append(channel._get("celery"))
            replace(source, destination)

        monkeypatch.setattr(filesystem_broker.os, "replace", reader_looks_in_between)
        channel._put("celery", {"body": "sweep-due-items"})
        monkeypatch.undo()

        assert seen_while_writing == [], "a worker took the message before it was written whole"
        assert channel._get("celery") == {"body": "sweep-due-items"}
        assert os.listdir(tmp_path) == [], "nothing is left behind once the message is taken"
