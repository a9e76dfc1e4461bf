"""Asking the Celery broker whether it answers and how much work waits in each queue.

The broker is the one Celery is configured with at the moment of asking (Redis with ``REDIS_URL``, otherwise kombu's
filesystem transport under ``RASSO_VAR_DIR``), read from the running Celery app rather than settings so that a
test which points Celery elsewhere is seen here too. Every call gives up after ``TIMEOUT_SECONDS``: a probe or a
scrape must not hang on a broker that has stopped answering.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import redis
from celery import current_app

TIMEOUT_SECONDS = 2
QUEUES = ("celery", "email")
# kombu's Redis transport keeps a queue's messages in one list per priority step: the queue's own name for the
# default priority, and the name, a separator and the step for the others (kombu.transport.redis.Channel), each after
# the transport's global_keyprefix if one is set.
_PRIORITY_STEPS = (0, 3, 6, 9)
_PRIORITY_SEPARATOR = "\x06\x16"


def _redis_url() -> str | None:
    url = str(current_app.conf.broker_url)
    return url if url.startswith(("redis://", "rediss://")) else None


def _redis(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_timeout=TIMEOUT_SECONDS, socket_connect_timeout=TIMEOUT_SECONDS)


def _filesystem_queue_folder() -> Path:
    return Path(current_app.conf.broker_transport_options["data_folder_in"])


def check() -> None:
    """Raises unless the broker takes work: Redis answers PING, or the filesystem broker's folder takes a file."""
    url = _redis_url()
    if url is not None:
        with _redis(url) as client:
            client.ping()
        return
    with tempfile.TemporaryFile(dir=_filesystem_queue_folder()):
        pass


def queue_lengths() -> dict[str, float]:
    """How many messages wait in each of the service's Celery queues."""
    url = _redis_url()
    if url is not None:
        prefix = str(current_app.conf.broker_transport_options.get("global_keyprefix", ""))
        with _redis(url) as client:
            return {
                queue: float(sum(_length(client, prefix + queue, step) for step in _PRIORITY_STEPS))
                for queue in QUEUES
            }
    names = [path.name for path in _filesystem_queue_folder().iterdir()]
    return {queue: float(sum(name.endswith(f".{queue}.msg") for name in names)) for queue in QUEUES}


def _length(client: redis.Redis, queue: str, step: int) -> int:
    return int(client.llen(f"{queue}{_PRIORITY_SEPARATOR}{step}" if step else queue))
