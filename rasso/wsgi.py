"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rasso.settings")
# Pages are short queries for many people at once: no parallel query workers (settings: DATABASE_PARALLEL_QUERY).
os.environ.setdefault("DATABASE_PARALLEL_QUERY", "off")
application = get_wsgi_application()
