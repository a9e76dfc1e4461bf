"""Faults the tests put the service through."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.test import override_settings

from rasso.celery import app

# Nothing listens here: a Redis that has stopped.
STOPPED_REDIS = "redis://127.0.0.1:9/0"


@contextmanager
def redis_down() -> Iterator[None]:
    """Point the broker and the cache at a Redis that is not there, as when Redis has stopped."""
    working, transport = app.conf.broker_url, app.conf.broker_transport
    # The URL names the transport (Redis) only where no transport is configured (the embedded broker's is).
    app.conf["broker_url"], app.conf["broker_transport"] = STOPPED_REDIS, None
    cache = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": STOPPED_REDIS}}
    try:
        with override_settings(CACHES=cache):
            yield
    finally:
        app.conf["broker_url"], app.conf["broker_transport"] = working, transport
        # Drop pooled connections, as Celery does in a forked child: they point at the missing Redis. Celery has no
        # public call for this and celery-types does not declare the private one.
        app._after_fork()  # type: ignore[attr-defined]
