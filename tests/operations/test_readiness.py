"""/readyz takes a web process out of the load balancer while its database or broker does not answer; /healthz
answers whatever they do, so that a database outage never has Kubernetes restart every pod."""

import json
import secrets
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client, override_settings

from operations import health
from rasso.celery import app
from tests.faults import redis_down
from tests.service.test_production_settings import _manage

pytestmark = pytest.mark.django_db


def _ready() -> tuple[int, dict[str, object]]:
    response = Client().get("/readyz")
    assert response["Cache-Control"].startswith(("max-age=0", "no-cache", "no-store"))
    return response.status_code, response.json()


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A loopback port nothing listens on (held bound, never listening, so nothing else takes it meanwhile)."""
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        yield held.getsockname()[1]


def test_ready_when_the_database_and_the_broker_answer() -> None:
    assert _ready() == (200, {"status": "ok"})


def test_not_ready_naming_the_broker_when_redis_is_down() -> None:
    """On both CI runs: with REDIS_URL the broker is Redis, stopped here; without it, Celery is pointed at a Redis
    that is not there, as it would be with REDIS_URL set to a stopped server."""
    started = time.monotonic()
    with redis_down():
        status, body = _ready()
        assert Client().get("/healthz").status_code == 200
    assert (status, body) == (503, {"status": "unavailable", "failed": ["broker"]})
    assert time.monotonic() - started < 10


def test_not_ready_naming_the_broker_when_its_folder_is_gone(tmp_path: Path) -> None:
    working_url, working_options = app.conf.broker_url, dict(app.conf.broker_transport_options)
    app.conf["broker_url"] = "filesystem://"
    app.conf["broker_transport_options"] = {**working_options, "data_folder_in": f"{tmp_path}/no-such-folder"}
    try:
        assert _ready() == (503, {"status": "unavailable", "failed": ["broker"]})
    finally:
        app.conf["broker_url"], app.conf["broker_transport_options"] = working_url, working_options


def test_not_ready_naming_the_database_when_it_does_not_answer(
    monkeypatch: pytest.MonkeyPatch, closed_port: int, tmp_path: Path
) -> None:
    """The check is pointed at a database that is not there: PostgreSQL on a port nothing listens on, or a SQLite
    file in a folder that does not exist. The test's own database is left alone."""
    unreachable = dict(connection.settings_dict)
    if connection.vendor == "postgresql":
        unreachable.update(HOST="127.0.0.1", PORT=closed_port)
    else:
        unreachable.update(NAME=f"{tmp_path}/no-such-folder/db.sqlite3")
    monkeypatch.setitem(health.CHECKS, "database", lambda: health.check_database(unreachable))
    status, body = _ready()
    assert (status, body) == (503, {"status": "unavailable", "failed": ["database"]})
    assert "127.0.0.1" not in str(body)
    assert Client().get("/healthz").status_code == 200


@override_settings(ALLOWED_HOSTS=["rasso.example.gov.uk"])
def test_the_probes_answer_only_for_an_allowed_host() -> None:
    assert Client().get("/readyz", HTTP_HOST="rasso.example.gov.uk").status_code == 200
    assert Client(raise_request_exception=False).get("/readyz", HTTP_HOST="evil.example").status_code == 400


def test_in_production_the_probes_and_the_scrape_are_reached_over_plain_http() -> None:
    """Kubernetes' probes and Prometheus call the pod directly, without the proxy's HTTPS: no redirect for them,
    while every page is still sent to HTTPS."""
    asks = "from django.test import Client; import json; print(json.dumps({p: Client().get(p).status_code for p in "
    asks += "('/healthz', '/readyz', '/metrics', '/cases/')}))"
    result = _manage(
        "shell",
        "-c",
        asks,
        RASSO_ENVIRONMENT="production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        COMPLAINANT_IDENTITY_KEYS=secrets.token_urlsafe(32),
        DJANGO_ALLOWED_HOSTS="testserver",
        METRICS_TOKEN=secrets.token_urlsafe(32),
    )
    assert result.returncode == 0, result.stderr
    statuses = json.loads(result.stdout.strip().splitlines()[-1])
    assert statuses["/healthz"] == 200
    assert statuses["/readyz"] in (200, 503)  # whether this machine's database and broker answer is not the point
    assert statuses["/metrics"] == 401
    assert statuses["/cases/"] == 301
