"""The load benchmark's view from inside the server: each response says how long Django spent on it, how much of that
was the database and how much the worker's own CPU, in a standard `Server-Timing` header (``app;dur=…, db;dur=…,
cpu;dur=…, queries;desc=N``, milliseconds), so that the load generator can split each request's time into Python,
queries and waiting for a worker. Served only by bench.settings: the product never sends it."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import ExitStack
from typing import Any

from django.db import connections
from django.http import HttpRequest, HttpResponse


class QueryClock:
    """A database execute wrapper (connection.execute_wrapper) that adds up the time spent in queries."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.queries = 0

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - began
            self.queries += 1


class ServerTimingMiddleware:
    """First in the middleware, so that the time is all of Django's: every other middleware, the view, the template."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        clock = QueryClock()
        began, cpu_began = time.perf_counter(), time.process_time()  # a sync worker serves one request at a time
        with ExitStack() as wrappers:
            for connection in connections.all():
                wrappers.enter_context(connection.execute_wrapper(clock))
            response = self.get_response(request)
        app, cpu = (time.perf_counter() - began) * 1000, (time.process_time() - cpu_began) * 1000
        db = clock.seconds * 1000
        response["Server-Timing"] = (
            f"app;dur={app:.1f}, db;dur={db:.1f}, cpu;dur={cpu:.1f}, queries;desc={clock.queries}"
        )
        return response
