"""One access-log line and the request metrics for every request, each tied to a request id.

gunicorn's own access log is off (rasso/gunicorn.py): it knows only the path, which can hold an id, and the query
string, which can hold a search term. This middleware is the first in the list, so it sees every response, even the
HTTPS redirect and the 400 for a host that is not allowed, and logs the URL pattern's route instead.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

from operations import logs
from operations.metrics import REQUEST_SECONDS, REQUESTS

logger = logging.getLogger("operations.requests")

REQUEST_ID_HEADER = "X-Request-ID"
# A proxy's id (nginx's $request_id, a UUID) is kept; anything else is replaced, so nothing a client sends can put
# text of its choosing into the logs.
_WELL_FORMED = re.compile(r"[0-9A-Fa-f-]{8,64}")
# Any other method is counted as "other", so that made-up methods cannot grow the metrics without bound.
_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


class RequestLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        given = request.headers.get(REQUEST_ID_HEADER, "")
        identifier = given if _WELL_FORMED.fullmatch(given) else uuid.uuid4().hex
        request.request_id = identifier  # type: ignore[attr-defined]
        token = logs.request_id.set(identifier)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            seconds = time.perf_counter() - started
            response[REQUEST_ID_HEADER] = identifier
            route = logs.route_of(request)
            method = request.method if request.method in _METHODS else "other"
            REQUESTS.labels(method, route, str(response.status_code)).inc()
            REQUEST_SECONDS.labels(route).observe(seconds)
            user = getattr(request, "user", None)
            logger.info(
                "%s %s %s",
                method,
                route,
                response.status_code,
                extra={
                    "method": method,
                    "route": route,
                    "status": response.status_code,
                    "duration_ms": round(seconds * 1000, 1),
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                },
            )
            return response
        finally:
            logs.request_id.reset(token)
