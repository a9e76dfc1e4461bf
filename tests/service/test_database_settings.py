"""The database given part by part (DATABASE_HOST, DATABASE_PORT, DATABASE_NAME, DATABASE_USER, DATABASE_PASSWORD), as
docker-compose.yml and the Kubernetes manifests give it: a password holding characters that break a URL, or that
django-environ would read as the name of another variable, reaches the connection as it was written."""

import json
import subprocess
import sys

from tests.service.dockerfile import ROOT

PASSWORD = "$p@ss/w:rd#?%20 ok"


def _database_settings(environment: dict[str, str]) -> dict[str, object]:
    script = (
        "from django.conf import settings; import json; print(json.dumps(settings.DATABASES['default'], default=str))"
    )
    result = subprocess.run(  # noqa: S603 - this interpreter reading our settings
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "rasso.settings", "RASSO_VAR_DIR": "/nonexistent", **environment},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_the_parts_make_the_connection_with_the_password_untouched() -> None:
    database = _database_settings(
        {
            "DATABASE_HOST": "postgres",
            "DATABASE_PORT": "6432",
            "DATABASE_NAME": "rasso",
            "DATABASE_USER": "rasso",
            "DATABASE_PASSWORD": PASSWORD,
            "DATABASE_URL": "postgres://someone:else@elsewhere/other",
        }
    )
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"], database["USER"]) == (
        "postgres",
        6432,
        "rasso",
        "rasso",
    )
    assert database["PASSWORD"] == PASSWORD


def test_without_a_host_the_url_still_works() -> None:
    database = _database_settings({"DATABASE_URL": "postgres://rasso:secret@db.example:5433/cases"})
    assert (database["HOST"], database["PORT"], database["NAME"], database["PASSWORD"]) == (
        "db.example",
        5433,
        "cases",
        "secret",
    )
