"""The service's Prometheus metrics: requests, queue lengths, and the gauges other apps register.

Requests are counted by method, route and status, and timed by route (``operations.middleware``). Gauges that
describe the state of the service rather than of one process (the Celery queues' lengths, the e-mail outbox, the
sweeper's lag) are read when Prometheus scrapes, from the database or the broker: any web process gives the same
answer, so they need nothing shared between processes.

Several gunicorn workers per pod each count their own requests. With ``PROMETHEUS_MULTIPROC_DIR`` set (to a folder
that is writable, private to the pod and emptied when gunicorn starts: rasso/gunicorn.py does this), prometheus_client
keeps each worker's counters in files there and a scrape, whichever worker answers it, adds them all up; gunicorn's
``child_exit`` hook marks a dead worker's files so that its live gauges drop out while its counts stay. Without it
(``manage.py runserver``, the tests) each process reports only its own counts.
"""

from __future__ import annotations

import hmac
import logging
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

logger = logging.getLogger(__name__)

Reading = float | Mapping[str, float]

REQUESTS = Counter(
    "rasso_http_requests", "Requests answered, by method, URL route and status.", ["method", "route", "status"]
)
REQUEST_SECONDS = Histogram(
    "rasso_http_request_duration_seconds",
    "Time to answer a request, by URL route.",
    ["route"],
    buckets=(0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)


@dataclass(frozen=True)
class _Gauge:
    name: str
    documentation: str
    read: Callable[[], Reading]
    label: str | None


class _RegisteredGauges(Collector):
    """Every gauge registered with ``register_gauge``, read afresh at each scrape."""

    def __init__(self) -> None:
        self.gauges: dict[str, _Gauge] = {}

    def collect(self) -> Iterator[Metric]:
        for gauge in self.gauges.values():
            try:
                reading = gauge.read()
            except Exception as error:  # one gauge's source being down hides no other
                logger.warning("metrics: %s could not be read (%s)", gauge.name, type(error).__name__)
                continue
            if isinstance(reading, Mapping):
                family = GaugeMetricFamily(gauge.name, gauge.documentation, labels=[gauge.label or "value"])
                for value, sample in sorted(reading.items()):
                    family.add_metric([value], float(sample))
            else:
                family = GaugeMetricFamily(gauge.name, gauge.documentation, value=float(reading))
            yield family


_GAUGES = _RegisteredGauges()


def register_gauge(name: str, documentation: str, read: Callable[[], Reading], label: str | None = None) -> None:
    """Adds a gauge whose value ``read`` gives at each scrape: a number, or a mapping from each value of ``label``
    to its number (one sample each). Called from an AppConfig's ready(); registering a name again replaces it, so
    that a reloaded app does not count twice."""
    _GAUGES.gauges[name] = _Gauge(name, documentation, read, label)


def scrape() -> bytes:
    """The Prometheus text of every metric: this process's (or, in multiprocess mode, every worker's) counters and
    histograms, then the registered gauges."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)
    else:
        registry.register(REGISTRY)
    registry.register(_GAUGES)
    return generate_latest(registry)


@login_not_required
@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    """The scrape, for a caller with ``Authorization: Bearer $METRICS_TOKEN``; a 404 while no token is set, so that
    an unconfigured service shows nothing. Prometheus scrapes inside the cluster over plain HTTP, so this is exempt
    from the HTTPS redirect; the token, not the network, is what keeps it private."""
    token = settings.METRICS_TOKEN
    if not token:
        raise Http404
    given = request.headers.get("Authorization", "")
    if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        response = HttpResponse("A bearer token is needed.\n", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(scrape(), content_type=CONTENT_TYPE_LATEST)
