"""Production settings pass Django's deployment checks and refuse to start without a strong secret key."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "RASSO_", "COMPLAINANT_IDENTITY_KEYS"))
    }
    environment.update(env)
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )


def test_production_settings_pass_check_deploy() -> None:
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        RASSO_ENVIRONMENT="production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="rasso.example.gov.uk",
        COMPLAINANT_IDENTITY_KEYS=secrets.token_urlsafe(32),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_development_settings_fail_check_deploy() -> None:
    """The check is real: the development posture (DEBUG, an insecure key) does not pass it."""
    result = _manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "security.W018" in result.stderr  # DEBUG on


def test_production_refuses_a_missing_or_weak_secret_key() -> None:
    for key in ("", "short", "a" * 60):
        result = _manage(
            "check", RASSO_ENVIRONMENT="production", DJANGO_SECRET_KEY=key, COMPLAINANT_IDENTITY_KEYS="k" * 40
        )
        assert result.returncode != 0
        assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_a_missing_or_short_identity_key() -> None:
    for keys in ("", "too-short", f"{secrets.token_urlsafe(32)},short"):
        result = _manage(
            "check",
            RASSO_ENVIRONMENT="production",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
            COMPLAINANT_IDENTITY_KEYS=keys,
        )
        assert result.returncode != 0
        assert "Set COMPLAINANT_IDENTITY_KEYS" in result.stderr
