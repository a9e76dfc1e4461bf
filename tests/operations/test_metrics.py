"""/metrics: Prometheus' scrape behind its bearer token, with request counts, queue lengths and registered gauges."""

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.test import Client, override_settings
from prometheus_client.parser import text_string_to_metric_families

from operations import metrics
from rasso.celery import app
from tests.faults import redis_down

pytestmark = pytest.mark.django_db

TOKEN = "scrape-token-for-tests-0123456789"
ROOT = Path(__file__).resolve().parents[2]


def _scrape() -> dict[str, dict[tuple[tuple[str, str], ...], float]]:
    """Every sample in the scrape, by metric name and then by its labels."""
    response = Client().get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    samples: dict[str, dict[tuple[tuple[str, str], ...], float]] = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            samples.setdefault(sample.name, {})[tuple(sorted(sample.labels.items()))] = sample.value
    return samples


@override_settings(METRICS_TOKEN="")
def test_metrics_are_not_there_until_a_token_is_set() -> None:
    assert Client().get("/metrics", headers={"Authorization": "Bearer "}).status_code == 404


@override_settings(METRICS_TOKEN=TOKEN)
def test_metrics_refuse_a_caller_without_the_token() -> None:
    for headers in (
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": TOKEN},
        {"Authorization": f"Bearer {TOKEN}x"},
    ):
        response = Client().get("/metrics", headers=headers)
        assert response.status_code == 401, headers
        assert b"rasso_" not in response.content


@override_settings(METRICS_TOKEN=TOKEN)
def test_request_counts_rise_with_each_request_by_route() -> None:
    Client().get("/healthz")
    key = (("method", "GET"), ("route", "healthz"), ("status", "200"))
    before = _scrape()["rasso_http_requests_total"][key]
    Client().get("/healthz")
    Client().get("/cases/12345/?q=Somebody")
    after = _scrape()
    assert after["rasso_http_requests_total"][key] == before + 1
    assert (
        after["rasso_http_requests_total"][(("method", "GET"), ("route", "cases/<int:pk>/"), ("status", "302"))] >= 1
    )
    assert after["rasso_http_request_duration_seconds_count"][(("route", "healthz"),)] >= before + 1
    assert not [labels for labels in after["rasso_http_requests_total"] if "12345" in str(labels)]


@contextmanager
def _broker_of_our_own(tmp_path: Path) -> Iterator[None]:
    """The configured kind of broker, with queues no one else uses: Redis keys under a prefix of this test's, or
    filesystem folders of its own."""
    working = dict(app.conf.broker_transport_options)
    if str(app.conf.broker_url).startswith("redis"):
        options = {**working, "global_keyprefix": f"test-{uuid.uuid4().hex}:"}
    else:
        (tmp_path / "queue").mkdir()
        (tmp_path / "processed").mkdir()
        options = {
            **working,
            "data_folder_in": str(tmp_path / "queue"),
            "data_folder_out": str(tmp_path / "queue"),
            "processed_folder": str(tmp_path / "processed"),
        }
    app.conf["broker_transport_options"] = options
    app._after_fork()  # type: ignore[attr-defined]  # connections made with the old options go (tests/faults.py)
    try:
        yield
    finally:
        with app.connection_for_write() as connection:
            for queue in ("celery", "email"):
                connection.default_channel.queue_purge(queue)  # type: ignore[attr-defined]
        app.conf["broker_transport_options"] = working
        app._after_fork()  # type: ignore[attr-defined]


@override_settings(METRICS_TOKEN=TOKEN)
def test_queue_lengths_count_the_messages_waiting_in_each_queue(tmp_path: Path) -> None:
    with _broker_of_our_own(tmp_path):
        for queue, count in (("celery", 2), ("email", 3)):
            for _ in range(count):
                app.send_task("tests.operations.never-run", queue=queue)
        lengths = _scrape()["rasso_queue_length"]
    assert lengths == {(("queue", "celery"),): 2, (("queue", "email"),): 3}


@override_settings(METRICS_TOKEN=TOKEN)
def test_a_gauge_registered_by_an_app_is_read_at_each_scrape(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(metrics._GAUGES, "gauges", dict(metrics._GAUGES.gauges))
    outbox = {"pending": 4.0, "sent": 10.0}
    metrics.register_gauge("rasso_test_outbox", "Messages by state.", lambda: outbox, label="state")
    metrics.register_gauge("rasso_test_lag_seconds", "Seconds behind.", lambda: 7.5)
    first = _scrape()
    assert first["rasso_test_outbox"] == {(("state", "pending"),): 4, (("state", "sent"),): 10}
    assert first["rasso_test_lag_seconds"] == {(): 7.5}
    outbox["pending"] = 0.0
    assert _scrape()["rasso_test_outbox"][(("state", "pending"),)] == 0


@override_settings(METRICS_TOKEN=TOKEN)
def test_a_broker_that_is_down_leaves_out_only_the_queue_lengths() -> None:
    with redis_down():
        scraped = _scrape()
    assert "rasso_queue_length" not in scraped
    assert "rasso_http_requests_total" in scraped


def test_in_multiprocess_mode_a_scrape_adds_up_every_workers_counts(tmp_path: Path) -> None:
    """As under gunicorn with PROMETHEUS_MULTIPROC_DIR: two workers count, a third answers the scrape."""
    environment = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "rasso.settings"}
    setup = "import django; django.setup(); from operations.metrics import REQUESTS, scrape; "
    count = setup + "REQUESTS.labels('GET', 'healthz', '200').inc()"
    for _ in range(2):
        subprocess.run([sys.executable, "-c", count], cwd=ROOT, env=environment, check=True)  # noqa: S603
    scraped = subprocess.run(  # noqa: S603
        [sys.executable, "-c", setup + "print(scrape().decode())"],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert 'rasso_http_requests_total{method="GET",route="healthz",status="200"} 2.0' in scraped
