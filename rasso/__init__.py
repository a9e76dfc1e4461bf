"""Project configuration for the RASSO case-journey tracker: settings, URLs, the Celery app, WSGI and ASGI."""

from rasso.celery import app as celery_app

__all__ = ["celery_app"]
