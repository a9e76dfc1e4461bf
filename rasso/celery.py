"""The Celery application: configuration from Django settings (``CELERY_*``) and tasks from each app's tasks.py.

Its processes log as the web does (settings.LOGGING: JSON in production), every line of a task carrying the task's
id, and the request id of the request that queued it when there was one (operations.logs).
"""

import os
from pathlib import Path

from celery import Celery, Task
from celery.signals import before_task_publish, setup_logging, task_postrun, task_prerun

from operations import logs

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rasso.settings")

# The message header that carries the id of the request which queued a task.
REQUEST_ID_HEADER = "rasso_request_id"

app = Celery("rasso")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def _make_filesystem_broker_folders() -> None:
    """kombu's filesystem transport expects its folders to exist before a worker or beat connects."""
    options = app.conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        if key in options:
            Path(options[key]).mkdir(parents=True, exist_ok=True)


@app.on_after_configure.connect
def _prepare_broker(**_: object) -> None:
    if str(app.conf.broker_url).startswith("filesystem://"):
        _make_filesystem_broker_folders()


@setup_logging.connect
def _keep_django_logging(**_: object) -> None:
    """Connected, so that Celery leaves the logging django.setup() configured (settings.LOGGING) as it is, rather
    than replacing it with its own plain format. The worker's level then comes from LOG_LEVEL, not --loglevel."""


@before_task_publish.connect
def _carry_request_id(headers: dict[str, object] | None = None, **_: object) -> None:
    if headers is not None and logs.request_id.get() is not None:
        headers[REQUEST_ID_HEADER] = logs.request_id.get()


@task_prerun.connect
def _enter_task_context(task_id: str, task: Task, **_: object) -> None:
    logs.task_id.set(task_id)
    logs.request_id.set(task.request.get(REQUEST_ID_HEADER))


@task_postrun.connect
def _leave_task_context(**_: object) -> None:
    logs.task_id.set(None)
    logs.request_id.set(None)
