"""WSGI entry point for gunicorn."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rasso.settings")
# Pages are short queries for many people at once: no parallel query workers (settings: DATABASE_PARALLEL_QUERY).
os.environ.setdefault("DATABASE_PARALLEL_QUERY", "off")
application = get_wsgi_application()

# The objects the application has loaded live as long as the process. Frozen, Python's garbage collector no longer
# walks them in each full collection (timed with gc.callbacks in one process: one about every 40 API lists, stalling
# that request some 140 ms); and it collects the young generation after 10,000 allocations rather than 700.
gc.freeze()
gc.set_threshold(10_000, 10, 10)
