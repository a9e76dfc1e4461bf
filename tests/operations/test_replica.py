"""The scorecards' reads go to a real PostgreSQL streaming replica (bin/local-services: pg_basebackup) while it keeps
up, fall back to the primary when it lags or stops, and the scorecard page says which it read.

A private primary and replica are started for this test (tests/postgres_cluster.py), so it runs the same on the SQLite
and the PostgreSQL CI runs. Django is pointed at them in a process of its own (tests/operations/replica_probe.py):
its connections are set up once per process, and swapping DATABASES under the running test process would leave parts
of it talking to the test database. One test, because migrating the private primary is most of its time."""

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from operations.replica import LAG_SQL
from tests.postgres_cluster import FOREIGN_DATABASE_SETTINGS, ROOT, Cluster, private_cluster

BOTH = ["not yet replayed", "replayed"]
# "Figures as at 7 December 2026 at 2:32pm" (the date and time have no comma), then how far behind the copy was.
COPY_BEHIND = re.compile(r"Figures as at [^,]+, from a copy of the database about \d+ seconds? behind")
FROM_PRIMARY = re.compile(r"Figures as at [^,]+")


def _wait_for(condition: Callable[[], bool], what: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.1)


def _on(cluster: Cluster, name: str) -> bool:
    return bool(cluster.query("SELECT 1 FROM auth_group WHERE name = %s", name))


class Probe:
    """The probe process, asked one question at a time."""

    def __init__(self, primary: Cluster, replica: Cluster, folder: Path) -> None:
        env = {name: value for name, value in os.environ.items() if name not in FOREIGN_DATABASE_SETTINGS}
        env.pop("REDIS_URL", None)  # its own file cache under its own RASSO_VAR_DIR, not the suite's Redis
        env.update(DATABASE_URL=primary.url, DATABASE_REPLICA_URL=replica.url, RASSO_VAR_DIR=str(folder))
        self.log = folder / "probe.log"
        folder.mkdir()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.operations.replica_probe"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log.open("w"),
            text=True,
        )

    def ask(self, what: str, max_lag: float) -> Any:
        assert self.process.stdin
        assert self.process.stdout
        self.process.stdin.write(f"{what} {max_lag}\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        assert answer, f"the probe stopped:\n{self.log.read_text()[-3000:]}"
        return json.loads(answer)

    def close(self) -> None:
        assert self.process.stdin
        self.process.stdin.close()
        self.process.wait(timeout=30)


def test_scorecard_reads_use_the_replica_while_it_keeps_up_and_the_primary_otherwise(tmp_path: Path) -> None:
    with private_cluster(tmp_path / "primary") as primary:
        primary.migrate()
        replica = primary.replica(tmp_path / "replica")
        probe = Probe(primary, replica, tmp_path / "probe")
        try:
            # A row committed on the primary is read through the replica once it is replayed there.
            primary.query("INSERT INTO auth_group (name) VALUES ('replayed')")
            _wait_for(lambda: _on(replica, "replayed"), "the replica to replay the first row")
            assert probe.ask("groups", 300) == {
                "inside": ["replayed"],
                "measures": ["replayed"],
                "outside": ["replayed"],
            }

            # Replay paused: the replica has received a second row but not applied it. Inside replica_reads() the
            # replica answers (without it); outside, the primary (with it).
            replica.query("SELECT pg_wal_replay_pause()")
            primary.query("INSERT INTO auth_group (name) VALUES ('not yet replayed')")
            _wait_for(
                lambda: replica.query("SELECT pg_last_wal_receive_lsn() > pg_last_wal_replay_lsn()")[0][0],
                "the replica to receive the second row",
            )
            assert not _on(replica, "not yet replayed")
            _wait_for(lambda: replica.query(LAG_SQL)[0][0] > 1.5, "the replica to fall 1.5 seconds behind")
            assert probe.ask("groups", 300) == {"inside": ["replayed"], "measures": ["replayed"], "outside": BOTH}
            as_at = probe.ask("page", 300)
            assert COPY_BEHIND.fullmatch(as_at), as_at

            # Further behind than allowed: the primary answers, and the page says nothing of a copy.
            assert probe.ask("groups", 1) == {"inside": BOTH, "measures": BOTH, "outside": BOTH}
            as_at = probe.ask("page", 1)
            assert FROM_PRIMARY.fullmatch(as_at), as_at

            # The replica stopped (still paused, so it would answer without the second row): the primary answers,
            # and the page says nothing of a copy.
            replica.stop()
            assert probe.ask("groups", 300) == {"inside": BOTH, "measures": BOTH, "outside": BOTH}
            as_at = probe.ask("page", 300)
            assert FROM_PRIMARY.fullmatch(as_at), as_at
        finally:
            probe.close()
