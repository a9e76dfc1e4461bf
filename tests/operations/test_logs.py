"""JSON log lines tie each request and each Celery task to its id, and never carry a name, a path or a search.

The lines are captured through the formatter and filter settings.LOGGING names, attached to the root logger as the
console handler is; production's choice of JSON is checked in a process of its own.
"""

import io
import json
import logging
import secrets
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from celery.contrib.testing.worker import start_worker
from django.test import Client

from accounts.models import User
from accounts.roles import Role
from cases.models import Suspect
from operations import logs
from rasso.celery import app
from tests.celery_worker import wait_for
from tests.clients import signed_in
from tests.factories import make_case
from tests.service.test_production_settings import _manage

NAME = "Zbigniewa Quortle-Fennimore"


@contextmanager
def _json_log() -> Iterator[Callable[[], list[dict[str, Any]]]]:
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(logs.Json())
    handler.addFilter(logs.Context())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)


@pytest.fixture
def json_lines() -> Iterator[Callable[[], list[dict[str, Any]]]]:
    """Everything logged while the test runs, as the JSON objects production writes."""
    with _json_log() as lines:
        yield lines


def _access_lines(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [line for line in lines if line["logger"] == "operations.requests"]


@pytest.mark.django_db
def test_a_request_logs_its_id_its_route_and_its_user_but_no_path_search_or_name(
    json_lines: Callable[[], list[dict[str, Any]]], user_of: Callable[..., User]
) -> None:
    case = make_case()
    Suspect.objects.filter(case=case).update(name=NAME)
    officer = user_of(Role.INVESTIGATOR)
    client = signed_in(officer)
    before = len(json_lines())

    searched = client.post("/cases/", {"q": NAME})
    found = client.post("/cases/find/", {"name": NAME})
    looked_up = client.get(f"/cases/{case.pk}/", {"q": NAME})

    assert case.urn in found.content.decode()
    lines = json_lines()[before:]
    captured = json.dumps(lines)
    for word in NAME.replace("-", " ").split():
        assert word not in captured
    assert str(case.pk) not in [line.get("route") for line in lines]
    assert "?" not in captured
    assert officer.email not in captured
    assert officer.username not in captured
    access = _access_lines(lines)
    assert [(line["method"], line["route"], line["status"]) for line in access] == [
        ("POST", "cases/", searched.status_code),
        ("POST", "cases/find/", 200),
        ("GET", "cases/<int:pk>/", 200),
    ]
    for line, response in zip(access, (searched, found, looked_up), strict=True):
        assert line["request_id"] == response["X-Request-ID"]
        assert line["user_id"] == officer.pk
        assert line["level"] == "INFO"
        assert line["duration_ms"] >= 0
        assert "timestamp" in line
    assert len({line["request_id"] for line in access}) == 3


@pytest.mark.django_db
def test_a_proxys_request_id_is_kept_and_anything_else_replaced(
    json_lines: Callable[[], list[dict[str, Any]]],
) -> None:
    proxys = uuid.uuid4()
    assert Client().get("/healthz", headers={"X-Request-ID": str(proxys)})["X-Request-ID"] == str(proxys)
    for made_up in ('"}{"level": "CRITICAL', "x" * 65, "a" * 65, ""):
        replaced = Client().get("/healthz", headers={"X-Request-ID": made_up})["X-Request-ID"]
        assert replaced != made_up
        assert len(replaced) == 32
    assert "CRITICAL" not in json.dumps(json_lines())


@pytest.mark.django_db
def test_a_404s_lines_name_no_path(json_lines: Callable[[], list[dict[str, Any]]]) -> None:
    """Django's own "Not Found: <path>" warning is given the route in place of the path."""
    response = Client(raise_request_exception=False).get(f"/no-such-page-{secrets.token_hex(4)}/", {"q": NAME})
    assert response.status_code == 404
    lines = json_lines()
    assert "no-such-page" not in json.dumps(lines)
    assert "Quortle" not in json.dumps(lines)
    assert _access_lines(lines)[-1]["route"] == logs.UNMATCHED
    assert all(line["request_id"] == response["X-Request-ID"] for line in lines if line["logger"].startswith("django"))


@app.task(name="tests.operations.log_a_line")
def log_a_line(words: str) -> None:
    logging.getLogger("tests.operations").info(words)


def test_a_tasks_lines_carry_its_id_and_the_request_that_queued_it() -> None:
    queue = f"test-{uuid.uuid4().hex}"  # this test's own, so that no other worker takes the task
    request_id = uuid.uuid4().hex
    worker = start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30, queues=[queue])
    # Captured once the worker has started: its django.setup() configures logging afresh, as a real worker's does.
    with worker, _json_log() as json_lines:
        queued = logs.request_id.set(request_id)
        try:
            from_a_request = log_a_line.apply_async(("queued from a request",), queue=queue)
        finally:
            logs.request_id.reset(queued)
        from_beat = log_a_line.apply_async(("queued by beat",), queue=queue)

        def task_lines() -> list[dict[str, Any]]:
            return [line for line in json_lines() if line["logger"] == "tests.operations"]

        assert wait_for(lambda: len(task_lines()) == 2, seconds=30)
        by_message = {line["message"]: line for line in task_lines()}
    assert by_message["queued from a request"]["task_id"] == from_a_request.id
    assert by_message["queued from a request"]["request_id"] == request_id
    assert by_message["queued by beat"]["task_id"] == from_beat.id
    assert "request_id" not in by_message["queued by beat"]


def test_production_logs_json_and_development_plain() -> None:
    command = ["shell", "-c", "import logging; logging.getLogger('rasso.example').warning('hello')"]
    production = _manage(
        *command,
        RASSO_ENVIRONMENT="production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        COMPLAINANT_IDENTITY_KEYS=secrets.token_urlsafe(32),
    )
    assert production.returncode == 0, production.stderr
    line = json.loads(production.stderr.strip().splitlines()[-1])
    assert (line["level"], line["logger"], line["message"]) == ("WARNING", "rasso.example", "hello")
    development = _manage(*command)
    assert development.stderr.strip().splitlines()[-1].endswith("WARNING rasso.example hello")
