"""schemathesis against the API's own OpenAPI schema, signed in with a token: whatever it sends, the API never fails
with a 5xx, and every 4xx is a JSON object that says what was wrong (field messages, or a detail)."""

import json
from typing import Any
from urllib.parse import urlencode

import pytest
import schemathesis
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.core import NotSet

from accounts.api_tokens import issue
from accounts.roles import Role
from tests.clients import api_schema
from tests.factories import make_case, make_user

SCHEMA = schemathesis.openapi.from_dict(api_schema())
EXAMPLES_PER_OPERATION = 5


@pytest.fixture
def token(db: None) -> str:
    user = make_user(Role.UNIT_HEAD, cps_area="Yorkshire and Humberside")
    make_case(allocated_prosecutor=user)
    _, token = issue(user)
    return token


def _explains_itself(body: Any) -> bool:
    if not isinstance(body, dict) or not body:
        return False
    if isinstance(body.get("detail"), str):
        return True
    return all(isinstance(messages, (list, dict, str)) and messages for messages in body.values())


@pytest.mark.django_db
@SCHEMA.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_never_fails_and_explains_every_refusal(case: Any, token: str) -> None:
    client = Client(HTTP_AUTHORIZATION=f"Token {token}")
    body = None if isinstance(case.body, NotSet) else case.body
    raw = isinstance(body, bytes)
    response = client.generic(
        case.method,
        case.formatted_path + ("?" + urlencode(case.query or {}, doseq=True) if case.query else ""),
        data=body if raw else ("" if body is None else json.dumps(body)),
        content_type=case.media_type if raw and case.media_type else "application/json",
    )
    where = f"{case.method} {case.formatted_path} {case.query} {body!r}"
    assert response.status_code < 500, where
    if response.status_code >= 400:
        assert response["Content-Type"].startswith("application/json"), where
        assert _explains_itself(response.json()), f"{where} -> {response.content!r}"
