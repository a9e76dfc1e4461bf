"""The settings the load benchmark serves with: the product's own (production when RASSO_ENVIRONMENT says so), with
one more route, the framework's floor."""

from rasso.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
