"""Run by tests/operations/test_replica.py as a process of its own whose settings name the private primary and
replica (DATABASE_URL, DATABASE_REPLICA_URL): Django sets its database connections up once per process from the
settings, so switching them inside the pytest process would leave parts of Django talking to the test database.

It answers one request per line on standard input with one line of JSON:
``groups MAX_LAG`` — the group names read inside replica_reads() and outside it, and inside it by the SQL executor
the scorecards' measures run on (which no router sees);
``page MAX_LAG`` — the "Figures as at ..." line of the scorecard page an analyst is shown.
Each request checks the replica afresh, with DATABASE_REPLICA_MAX_LAG_SECONDS set to MAX_LAG."""

import json
import os
import re
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rasso.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from accounts.roles import Role  # noqa: E402
from operations.replica import forget_state, replica_reads  # noqa: E402
from scorecards.compute import run_sql  # noqa: E402
from tests.clients import signed_in  # noqa: E402
from tests.factories import make_user  # noqa: E402

AS_AT = re.compile(r'app-scorecard__as-at">(.*?): everything recorded', re.DOTALL)


def group_names() -> list[str]:
    return sorted(Group.objects.values_list("name", flat=True))


def figures_as_at() -> str:
    response = signed_in(make_user(Role.ANALYST)).get("/scorecards/", {"period": "2024-25 Q1", "place": "national"})
    assert response.status_code == 200, response.status_code
    found = AS_AT.search(response.content.decode())
    assert found, "no 'Figures as at' line on the scorecard page"
    return " ".join(found[1].split())


setup_test_environment()
for request in sys.stdin:
    what, max_lag = request.split()
    settings.DATABASE_REPLICA_MAX_LAG_SECONDS = float(max_lag)
    forget_state()
    if what == "groups":
        with replica_reads():
            inside = group_names()
            measures = sorted(name for (name,) in run_sql("SELECT name FROM auth_group", []))
        answer: object = {"inside": inside, "measures": measures, "outside": group_names()}
    else:
        answer = figures_as_at()
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()
