"""A whole-database backup and its restore: pg_dump's custom format on PostgreSQL (restored with pg_restore, which
drops and recreates every object, privileges included), SQLite's online backup on SQLite."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection


def backup(to: Path) -> None:
    settings = connection.settings_dict
    to.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(to) as target:
            connection.connection.backup(target)
        return
    _run("pg_dump", "--format=custom", "--no-owner", f"--file={to}", *_target(settings))


def restore(source: Path) -> None:
    if not source.is_file():
        raise FileNotFoundError(f"No backup at {source}")
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(source) as backup_file:
            backup_file.backup(connection.connection)
        return
    connection.close()
    _run("pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", *_target(settings), str(source))


def _target(settings: dict[str, object]) -> list[str]:
    return [
        f"--dbname={settings['NAME']}",
        f"--host={settings['HOST'] or 'localhost'}",
        f"--port={settings['PORT'] or 5432}",
        f"--username={settings['USER']}",
    ]


def _run(program: str, *arguments: str) -> None:
    executable = shutil.which(program)
    if executable is None:
        raise FileNotFoundError(f"{program} is not installed (Debian: postgresql-client)")
    environment = {**os.environ, "PGPASSWORD": str(connection.settings_dict.get("PASSWORD") or "")}
    subprocess.run([executable, *arguments], check=True, env=environment, capture_output=True)  # noqa: S603
