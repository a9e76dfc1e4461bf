"""Reads for the scorecards and downloads from a read replica, when one is configured and keeping up.

The scorecards and the downloads read millions of rows; a streaming replica (DATABASE_REPLICA_URL) takes that load off
the primary that everyone's case work writes to. Routing is by context, not by model: the same Case table is read from
the primary by a case page and from the replica by a scorecard, so the code that reads aggregates says so with
``with replica_reads():`` and the router (settings.DATABASE_ROUTERS) sends those reads to the replica. Writes always go
to the primary, and so does every read inside a transaction on it (a transaction must see its own writes).

A replica that does not answer, or whose figures are more than DATABASE_REPLICA_MAX_LAG_SECONDS old, is passed over
for the primary: slightly slower pages are better than wrong or missing figures. Whether it is usable is checked at
most once every few seconds per process, so pages do not pay for the check on every query; each change is logged once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

logger = logging.getLogger(__name__)
REPLICA = "replica"
CHECKED_FOR = 5.0  # seconds a check of the replica is trusted
IN_SECONDS_BELOW = 90  # "about 80 seconds", but "about 2 minutes"
# How far behind the replica is, in seconds. An idle primary sends nothing, so the time of the last transaction
# replayed grows old while nothing is missing: when all the WAL received has been replayed and a WAL receiver is
# connected (its status is hidden from roles without pg_read_all_stats; its row is there only while it runs), the
# replica is current. Otherwise it is as old as the last transaction it replayed (NULL when it has replayed none).
LAG_SQL = """
SELECT CASE
    WHEN NOT pg_is_in_recovery() THEN 0
    WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
        AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status IS NULL OR status = 'streaming') THEN 0
    ELSE greatest(0, extract(epoch FROM now() - pg_last_xact_replay_timestamp()))
END
"""

_reading: ContextVar[bool] = ContextVar("replica_reads", default=False)


@dataclass(frozen=True)
class ReplicaState:
    usable: bool
    behind: float | None  # seconds; None when the replica did not answer or cannot tell
    checked_at: float


class _LastCheck:
    """The last check of the replica in this process, shared by its threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.state: ReplicaState | None = None


_last = _LastCheck()


@contextmanager
def replica_reads() -> Iterator[None]:
    """Within the block, reads may come from the replica (see ReplicaRouter)."""
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


def configured() -> bool:
    return REPLICA in settings.DATABASES


def _measure() -> float | None:
    connection = connections[REPLICA]
    try:
        with connection.cursor() as cursor:
            cursor.execute(LAG_SQL)
            row = cursor.fetchone()
    except DatabaseError:
        connection.close()  # a broken connection is not kept for the next check
        return None
    return None if row is None or row[0] is None else float(row[0])


def replica_state() -> ReplicaState | None:
    """The replica's state as last checked (checked again when the check is older than CHECKED_FOR); None when no
    replica is configured."""
    if not configured():
        return None
    with _last.lock:
        last = _last.state
        if last is not None and time.monotonic() - last.checked_at < CHECKED_FOR:
            return last
        behind = _measure()
        usable = behind is not None and behind <= settings.DATABASE_REPLICA_MAX_LAG_SECONDS
        if last is None or usable != last.usable:
            if usable:
                logger.info("read replica in use: %.0f seconds behind", behind)
            elif behind is None:
                logger.warning("read replica does not answer: reading from the primary")
            else:
                logger.warning("read replica %.0f seconds behind: reading from the primary", behind)
        _last.state = ReplicaState(usable=usable, behind=behind, checked_at=time.monotonic())
        return _last.state


def forget_state() -> None:
    """Check the replica afresh on the next read (for a test that has just stopped or paused it)."""
    with _last.lock:
        _last.state = None


def _reads_from_replica() -> bool:
    if not _reading.get() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return False
    state = replica_state()
    return state is not None and state.usable


def behind_in_words() -> str:
    """How far behind the primary the figures read now are, in words ("about 40 seconds"); "" when they are read from
    the primary. For the pages' "Figures as at ..." line."""
    state = replica_state() if _reads_from_replica() else None
    if state is None or state.behind is None:
        return ""
    seconds = round(state.behind)
    if seconds < 1:
        return "less than a second"
    if seconds < IN_SECONDS_BELOW:
        return f"about {seconds} second{'s' if seconds != 1 else ''}"
    return f"about {round(seconds / 60)} minutes"


def read_alias() -> str:
    """The database reads go to now: the replica inside replica_reads() while it is usable, else the primary. For SQL
    run on a connection directly (the scorecards' measures), which no router sees."""
    return REPLICA if _reads_from_replica() else DEFAULT_DB_ALIAS


class ReplicaRouter:
    """Sends reads made inside replica_reads() to a usable replica; everything else, and every write, to default."""

    def db_for_read(self, model: Any, **hints: Any) -> str:
        return read_alias()

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the replica is a copy of the primary: the same rows

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS
