"""The API's rates: each token's own, and each user's across their session and every token, a 429 with Retry-After and
the API's usual JSON over either, and the 429 in the schema of every operation. The rates here are small ones set by
the test; the settings keep the production defaults (API_THROTTLE_USER, API_THROTTLE_TOKEN)."""

from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest
import time_machine
from django.conf import settings
from django.test import Client, override_settings
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from tests.clients import api_schema, signed_in, token_client

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

pytestmark = pytest.mark.django_db

API = "/api/v1/cases/"


def _rates(*, user: str, token: str) -> override_settings:
    return override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"user": user, "token": token}}
    )


def _statuses(*clients: Client) -> list[int]:
    return [client.get(API).status_code for client in clients]


def _throttled(response: "TestResponse") -> None:
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"].startswith("Request was throttled.")


def test_a_token_over_its_rate_is_a_429_while_its_users_other_token_goes_on(prosecutor: User) -> None:
    start = timezone.now()
    with _rates(user="100/minute", token="2/minute"), time_machine.travel(start, tick=False):
        busy, other = token_client(prosecutor), token_client(prosecutor)
        assert _statuses(busy, busy) == [200, 200]
        _throttled(busy.get(API))
        assert _statuses(other) == [200]
        with time_machine.travel(start + timedelta(seconds=61), tick=False):
            assert _statuses(busy) == [200]


def test_a_user_over_their_rate_is_a_429_by_every_token_and_session(
    prosecutor: User, user_of: Callable[..., User]
) -> None:
    with _rates(user="3/minute", token="100/minute"):
        first, second, session = token_client(prosecutor), token_client(prosecutor), signed_in(prosecutor)
        assert _statuses(first, session, second) == [200, 200, 200]
        _throttled(second.get(API))
        _throttled(session.get(API))
        _throttled(token_client(prosecutor).get(API))
        assert _statuses(token_client(user_of(Role.PROSECUTOR))) == [200], "another user's rate is their own"


def test_the_production_rates_are_the_documented_defaults() -> None:
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] == {"user": "1200/minute", "token": "600/minute"}


def test_every_operation_in_the_schema_lists_the_429_with_retry_after() -> None:
    schema = api_schema()
    operations: list[tuple[str, dict[str, Any]]] = [
        (f"{method.upper()} {path}", operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in {"get", "put", "post", "delete", "patch"}
    ]
    assert len(operations) > 100
    missing = [name for name, operation in operations if "429" not in operation["responses"]]
    assert not missing
    references = {operation["responses"]["429"]["$ref"] for _, operation in operations}
    assert references == {"#/components/responses/Throttled"}
    throttled = schema["components"]["responses"]["Throttled"]
    assert throttled["headers"]["Retry-After"]["schema"] == {"type": "integer"}
    assert throttled["content"]["application/json"]["schema"]["required"] == ["detail"]
