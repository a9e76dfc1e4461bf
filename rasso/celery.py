"""The Celery application: configuration from Django settings (``CELERY_*``) and tasks from each app's tasks.py."""

import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rasso.settings")

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
