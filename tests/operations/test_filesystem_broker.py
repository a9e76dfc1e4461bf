"""The embedded broker (kombu's filesystem transport, rasso.filesystem_broker): a worker never takes a message that
is still being written. kombu's own transport created the file under its final name before writing it, and a worker
that listed the folder in between read it empty and stopped (JSONDecodeError)."""

from __future__ import annotations

import builtins
import contextlib
import os
from collections.abc import Callable
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


class _WatchedFile:
    """A message file being written: a worker lists the folder just before each write, the moment kombu's own
    transport was exposed (the file there under its final name, still empty)."""

    def __init__(self, file: Any, look: Callable[[], None]) -> None:
        self._file, self._look = file, look

    def write(self, data: bytes) -> int:
        self._look()
        return int(self._file.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._file, name)

    def __enter__(self) -> _WatchedFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()


def test_a_message_is_taken_whole_and_never_while_it_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _connection(tmp_path) as connection:
        channel: filesystem_broker.Channel = connection.default_channel  # type: ignore[assignment]
        seen_while_writing: list[Any] = []

        def reader_looks() -> None:
            with contextlib.suppress(Empty):
                seen_while_writing.append(channel._get("celery"))

        real_open = builtins.open

        def open_watched(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            opened = real_open(file, mode, *args, **kwargs)
            return _WatchedFile(opened, reader_looks) if "w" in mode and Path(file).parent == tmp_path else opened

        monkeypatch.setattr(builtins, "open", open_watched)
        channel._put("celery", {"body": "sweep-due-items"})
        monkeypatch.undo()

        assert seen_while_writing == [], "a worker took the message before it was written whole"
        assert channel._get("celery") == {"body": "sweep-due-items"}
        assert os.listdir(tmp_path) == [], "nothing is left behind once the message is taken"
