"""What every log line carries: the request or Celery task it belongs to, as JSON in production, and no personal data.

The request id (and a task's id) lives in a context variable set by ``operations.middleware`` and by Celery's
task signals (rasso/celery.py); ``Context`` copies it onto every record, so a line from any library logged while
answering a request names that request. Django's own request loggers put the request and its path on their records:
``Context`` swaps the path for the URL pattern's route and the formatter leaves the request object out, because a
path can hold an id and a query string can hold a search term.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar

from django.http import HttpRequest
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
task_id: ContextVar[str | None] = ContextVar("task_id", default=None)

UNMATCHED = "<unmatched>"


def route_of(request: HttpRequest) -> str:
    """The URL pattern a request matched (``cases/<int:pk>/``), never its path."""
    match = getattr(request, "resolver_match", None)
    return match.route if match is not None and match.route else UNMATCHED


class Context(logging.Filter):
    """Adds ``request_id`` and ``task_id`` to each record made while a request or task is in hand."""

    def filter(self, record: logging.LogRecord) -> bool:
        for name, variable in (("request_id", request_id), ("task_id", task_id)):
            value = variable.get()
            if value is not None and not hasattr(record, name):
                setattr(record, name, value)
        request = getattr(record, "request", None)
        if isinstance(request, HttpRequest):
            # django.request logs an error response once the middleware has finished with the request.
            if not hasattr(record, "request_id") and hasattr(request, "request_id"):
                record.request_id = request.request_id
            # django.request and django.security log "Not Found: %s" with the path as an argument.
            if isinstance(record.args, tuple):
                paths = {request.path, request.path_info, request.get_full_path()}
                record.args = tuple(route_of(request) if argument in paths else argument for argument in record.args)
        return True


class Json(JsonFormatter):
    """One JSON object a line: timestamp, level, logger, message, then the record's extras (request_id, task_id,
    and the access log's method, route, status, duration_ms and user_id). Django's request object and Celery's
    task arguments (``data``) are left out."""

    def __init__(self) -> None:
        super().__init__(
            "{levelname}{name}{message}",
            style="{",
            rename_fields={"levelname": "level", "name": "logger"},
            reserved_attrs=[*RESERVED_ATTRS, "taskName", "request", "data"],
            timestamp=True,
        )
