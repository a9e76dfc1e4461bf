"""Liveness (/healthz) and readiness (/readyz) for load balancers, docker-compose and Kubernetes' probes.

Liveness asks nothing of anyone else: a web process whose database is down is still alive, and restarting it would
not bring the database back. Readiness asks the database and the broker, each with a short timeout, so that a pod
that cannot reach them is taken out of the load balancer until it can. Neither names a host, a user or an error in
its answer (the log has the error); both are open without signing in and over plain HTTP (rasso/settings.py).
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import load_backend
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from operations import broker

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = broker.TIMEOUT_SECONDS


@csrf_exempt
@login_not_required
@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """200 whenever the process answers at all."""
    return JsonResponse({"status": "ok"})


def check_database(settings_dict: dict[str, Any] | None = None) -> None:
    """Raises unless the database (the default one, unless told) answers ``SELECT 1`` on a connection of its own,
    given two seconds to connect and two to answer. A connection of its own, so that the probe proves new
    connections can be made and never waits longer than the page's own connection would let it."""
    settings_dict = copy.deepcopy(settings_dict or connections[DEFAULT_DB_ALIAS].settings_dict)
    options = settings_dict.setdefault("OPTIONS", {})
    if settings_dict["ENGINE"] == "django.db.backends.postgresql":
        options["connect_timeout"] = TIMEOUT_SECONDS
        options["options"] = f"{options.get('options', '')} -c statement_timeout={TIMEOUT_SECONDS * 1000}".strip()
    else:
        options["timeout"] = TIMEOUT_SECONDS
    probe = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias="readiness")
    try:
        with probe.cursor() as cursor:
            cursor.execute("SELECT 1")
    finally:
        probe.close()


CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
    "broker": broker.check,
}


@csrf_exempt
@login_not_required
@never_cache
@require_GET
def ready(request: HttpRequest) -> JsonResponse:
    """200 when the database and the broker answer; 503 naming those that did not."""
    failed = []
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # any failure means not ready; the log says which
            logger.warning("readiness: the %s did not answer (%s)", name, type(error).__name__)
            failed.append(name)
    if failed:
        return JsonResponse({"status": "unavailable", "failed": failed}, status=503)
    return JsonResponse({"status": "ok"})
