"""Running the service: backups and restores (``make backup`` / ``make restore``), JSON logs with request ids,
Prometheus metrics, and the liveness and readiness probes."""
