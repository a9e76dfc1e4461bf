"""API tokens: issued by an administrator's command and shown once, kept only as a digest, working until they expire
or are revoked (by command or in the admin) or their user is disabled, then a 401 in the API's usual JSON. Tokens of
REST framework's old clear-text table are carried over as digests and keep working."""

from collections.abc import Callable
from datetime import timedelta
from importlib import import_module
from io import StringIO
from typing import TYPE_CHECKING

import pytest
import time_machine
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.utils import timezone
from knox.models import AuthToken

from accounts.models import ApiToken, User
from accounts.roles import Role
from tests.clients import signed_in
from tests.html_references import parse

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

pytestmark = pytest.mark.django_db

API = "/api/v1/cases/"
OLD_TOKEN = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"  # as REST framework made them: 40 hexadecimal characters


def _issue(user: User, *options: str) -> str:
    out, err = StringIO(), StringIO()
    call_command("issue_api_token", user.username, *options, stdout=out, stderr=err)
    token = out.getvalue().strip()
    assert (out.getvalue() + err.getvalue()).count(token) == 1, "the token is printed once, alone on stdout"
    return token


def _api(token: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {token}")


def _refused(response: "TestResponse", detail: str) -> None:
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {"detail": detail}


def test_a_token_works_until_it_expires_then_is_a_401(prosecutor: User) -> None:
    issued = timezone.now()
    token = _issue(prosecutor, "--days", "30")
    assert _api(token).get(API).status_code == 200
    with time_machine.travel(issued + timedelta(days=30, minutes=-1)):
        assert _api(token).get(API).status_code == 200
    with time_machine.travel(issued + timedelta(days=30, minutes=1)):
        _refused(_api(token).get(API), "Invalid token.")
    _refused(_api(token).get(API), "Invalid token.")  # an expired token is deleted, not only refused


def test_a_token_lasts_api_token_ttl_days_unless_told(prosecutor: User) -> None:
    _issue(prosecutor)
    expiry = ApiToken.objects.get(user=prosecutor).expiry
    assert expiry is not None
    assert abs(expiry - (timezone.now() + timedelta(days=90))) < timedelta(minutes=1)
    assert settings.REST_KNOX["TOKEN_TTL"] == timedelta(days=90)


def test_the_database_holds_no_clear_token(prosecutor: User) -> None:
    token = _issue(prosecutor)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {AuthToken._meta.db_table}")  # noqa: S608 - the model's own table
        rows = cursor.fetchall()
    assert len(rows) == 1
    assert not [cell for cell in rows[0] if token in str(cell)]
    assert token[:15] in rows[0], "only its first 15 characters, by which it is found"


def test_revoking_a_users_tokens_stops_them_all_and_no_one_elses(
    prosecutor: User, user_of: Callable[..., User]
) -> None:
    first, second = _issue(prosecutor), _issue(prosecutor)
    other = _issue(user_of(Role.PROSECUTOR))
    out = StringIO()
    call_command("revoke_api_token", "--user", prosecutor.username, stdout=out)
    assert "Revoked 2 token(s)" in out.getvalue()
    _refused(_api(first).get(API), "Invalid token.")
    _refused(_api(second).get(API), "Invalid token.")
    assert _api(other).get(API).status_code == 200


def test_revoking_one_token_by_its_beginning_leaves_the_users_others(prosecutor: User) -> None:
    revoked, kept = _issue(prosecutor), _issue(prosecutor)
    call_command("revoke_api_token", "--token", revoked[:15], stdout=StringIO())
    _refused(_api(revoked).get(API), "Invalid token.")
    assert _api(kept).get(API).status_code == 200
    with pytest.raises(CommandError, match="No token begins"):
        call_command("revoke_api_token", "--token", revoked[:15])
    with pytest.raises(CommandError, match="first 15 characters"):
        call_command("revoke_api_token", "--token", kept[:6])


def test_a_disabled_users_token_is_a_401_and_none_is_issued_to_them(prosecutor: User) -> None:
    token = _issue(prosecutor)
    prosecutor.is_active = False
    prosecutor.save()
    _refused(_api(token).get(API), "User inactive or deleted.")
    with pytest.raises(CommandError, match="disabled"):
        _issue(prosecutor)


def test_a_token_that_is_not_text_is_a_401_not_a_server_error(prosecutor: User) -> None:
    _issue(prosecutor)
    _refused(Client(HTTP_AUTHORIZATION="Token \xe9\xe9").get(API), "Invalid token.")


def test_the_admin_lists_and_revokes_tokens_by_their_beginning_never_their_digest(
    prosecutor: User, user_of: Callable[..., User]
) -> None:
    administrator = signed_in(user_of(Role.ADMINISTRATOR, is_staff=True, is_superuser=True))
    token = _issue(prosecutor)
    row = ApiToken.objects.get(user=prosecutor)
    listed = parse(administrator.get("/admin/accounts/apitoken/").content.decode()).text_content()
    assert f"{token[:15]}…" in listed
    assert prosecutor.username in listed
    assert row.digest not in listed
    assert administrator.get("/admin/knox/authtoken/").status_code == 404, "knox's own page, by digest, is gone"
    assert administrator.get("/admin/accounts/apitoken/add/").status_code == 403, "tokens are issued by command"
    revoke = {"action": "delete_selected", "_selected_action": [row.digest]}
    confirm = parse(administrator.post("/admin/accounts/apitoken/", revoke).content.decode()).text_content()
    assert f"{token[:15]}… of {prosecutor.username}" in confirm
    assert row.digest not in confirm
    administrator.post("/admin/accounts/apitoken/", {**revoke, "post": "yes"})
    _refused(_api(token).get(API), "Invalid token.")


def test_rest_frameworks_clear_tokens_are_carried_over_as_digests(prosecutor: User) -> None:
    migration = import_module("accounts.migrations.0006_api_tokens")
    with connection.cursor() as cursor:
        # REST framework's table, as far as the migration reads it.
        cursor.execute("CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, created text, user_id bigint)")
        cursor.execute("INSERT INTO authtoken_token VALUES (%s, %s, %s)", [OLD_TOKEN, "2024-01-01", prosecutor.pk])
        cursor.execute(
            "INSERT INTO django_migrations (app, name, applied) VALUES (%s, %s, %s)",
            ["authtoken", "0001_initial", "2024-01-01 00:00:00"],
        )
    assert migration.carry_over(connection, AuthToken) == 1
    assert "authtoken_token" not in connection.introspection.table_names()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_migrations WHERE app = %s", ["authtoken"])
        assert cursor.fetchone() == (0,)
    row = ApiToken.objects.get(user=prosecutor)
    assert OLD_TOKEN not in (row.digest, row.token_key)
    assert row.expiry is not None
    assert row.expiry > timezone.now() + timedelta(days=89)
    assert _api(OLD_TOKEN).get(API).status_code == 200, "the same header goes on working"
    assert migration.carry_over(connection, AuthToken) == 0, "once only"
