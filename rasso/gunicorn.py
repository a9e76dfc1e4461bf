"""gunicorn's settings for the web process (`gunicorn rasso.wsgi --config rasso/gunicorn.py`), the same in
docker-compose.yml and on Kubernetes.

Requests are logged once, by our own middleware, so gunicorn's access log stays off. Nothing is written to the
image's filesystem: the workers' heartbeat files go to /dev/shm where there is one (memory, not a disk that could
stall them, and writable under a read-only root filesystem), and the control socket, which would be made under
$HOME, is not opened.

Each worker's Prometheus counts are kept in files in PROMETHEUS_MULTIPROC_DIR and added up by whichever worker answers
a scrape (operations.metrics): a folder private to the pod, in memory where there is one, emptied when gunicorn
starts. It is set here, before any worker imports prometheus_client, so the app must not be preloaded. Not under
RASSO_VAR_DIR, which may be a volume shared between pods: the files are named by process id.
"""

import os
import shutil
import tempfile

bind = "0.0.0.0:8000"
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
accesslog = None
control_socket_disable = True
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 - gunicorn's documented place for it

os.environ.setdefault(
    "PROMETHEUS_MULTIPROC_DIR",
    os.path.join("/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir(), "rasso-prometheus"),  # noqa: S108
)


def on_starting(server: object) -> None:
    shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)
    os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"])


def child_exit(server: object, worker: object) -> None:
    from prometheus_client import multiprocess  # noqa: PLC0415 - only in the master, once a worker has gone

    multiprocess.mark_process_dead(worker.pid)  # type: ignore[attr-defined]
