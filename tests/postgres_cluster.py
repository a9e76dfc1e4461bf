"""A private PostgreSQL (and streaming replicas of it) for tests that stop, restart or replicate the database.

The shared test database cannot be stopped or replicated without harming every other test, so these tests start
their own server on a free loopback port through ``bin/local-services`` — the same script CI and the benchmarks use —
and always shut it down again::

    with private_cluster(tmp_path) as primary:
        primary.migrate()
        replica = primary.replica(tmp_path / "replica")   # pg_basebackup -R, streaming from primary
        ...

PostgreSQL refuses to run as root, so when the tests run as root (as here and in CI) the script runs it as the
postgres user; the folders pytest makes are private to root, so they are opened for passing through (never listing).
"""

import os
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg

ROOT = Path(__file__).resolve().parent.parent
LOCAL_SERVICES = ROOT / "bin" / "local-services"
# Settings that would point manage.py at another database than the one it is asked to migrate.
FOREIGN_DATABASE_SETTINGS = (
    "PYTEST_XDIST_WORKER",
    "DATABASE_HOST",
    "DATABASE_PORT",
    "DATABASE_NAME",
    "DATABASE_USER",
    "DATABASE_PASSWORD",
    "DATABASE_REPLICA_URL",
    "DATABASE_REPLICA_HOST",
)


def free_port() -> int:
    """A loopback port nothing listens on now: the kernel's pick for port 0, released at once for the server."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _open_for_postgres(directory: Path) -> None:
    """Let the postgres user pass through the folders above ``directory`` (search permission only)."""
    if os.geteuid() != 0:
        return
    directory.mkdir(parents=True, exist_ok=True)
    for folder in [directory, *directory.parents]:
        mode = folder.stat().st_mode
        if not mode & stat.S_IXOTH:
            folder.chmod(mode | stat.S_IXOTH)


def _local_services(*arguments: str, port: int | None = None, stop_mode: str | None = None) -> None:
    env = dict(os.environ)
    if port is not None:
        env["PG_PORT"] = str(port)
    if stop_mode is not None:
        env["PG_STOP_MODE"] = stop_mode
    subprocess.run(  # noqa: S603 - our own script
        [str(LOCAL_SERVICES), *arguments], env=env, check=True, stdout=subprocess.DEVNULL, timeout=120
    )


class Cluster:
    """One running PostgreSQL server of our own: the primary, or a streaming replica made from it."""

    def __init__(self, directory: Path, port: int) -> None:
        self.directory = directory
        self.port = port
        self.url = f"postgres://rasso@127.0.0.1:{port}/rasso"
        self.replicas: list[Cluster] = []

    def start(self) -> None:
        _local_services("postgres-start", str(self.directory), port=self.port)

    def stop(self, mode: str = "fast") -> None:
        """Stop the server: ``fast`` (the default) rolls back open transactions; ``immediate`` is a crash."""
        _local_services("postgres-stop", str(self.directory), stop_mode=mode)

    def restart(self) -> None:
        _local_services("postgres-restart", str(self.directory))

    def migrate(self) -> None:
        """Run ``manage.py migrate`` against this server in a process of its own (the test's own Django keeps its
        database settings)."""
        env = {name: value for name, value in os.environ.items() if name not in FOREIGN_DATABASE_SETTINGS}
        env["DATABASE_URL"] = self.url
        command = [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"]
        subprocess.run(command, cwd=ROOT, env=env, check=True, timeout=300)  # noqa: S603 - our own manage.py

    def replica(self, directory: Path) -> "Cluster":
        """A hot standby copied from this running server with pg_basebackup and streaming from it from then on."""
        _open_for_postgres(directory)
        replica = Cluster(directory, free_port())
        _local_services("replica", str(self.directory), str(directory), port=replica.port)
        self.replicas.append(replica)
        return replica

    def query(self, sql: str, *parameters: Any) -> list[tuple[Any, ...]]:
        """Rows of one statement run as the superuser in its own committed transaction (for replication controls
        such as pg_wal_replay_pause() that the rasso role may not call)."""
        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="rasso", autocommit=True, connect_timeout=5
        ) as connection:
            cursor = connection.execute(sql.encode(), parameters or None)
            return cursor.fetchall() if cursor.description else []


@contextmanager
def private_cluster(directory: Path) -> Iterator[Cluster]:
    """A fresh primary with an empty ``rasso`` database owned by the rasso role; it and its replicas are stopped
    when the block ends, however it ends."""
    _open_for_postgres(directory)
    primary = Cluster(directory, free_port())
    try:
        primary.start()
        yield primary
    finally:
        for replica in primary.replicas:
            replica.stop()
        primary.stop()
