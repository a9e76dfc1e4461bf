"""The settings the load benchmark serves with: the product's own (production when RASSO_ENVIRONMENT says so), with
one more route, the framework's floor, and the Server-Timing header (bench.server_timing) first in the middleware."""

from rasso.settings import *  # noqa: F403
from rasso.settings import MIDDLEWARE

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.server_timing.ServerTimingMiddleware", *MIDDLEWARE]
