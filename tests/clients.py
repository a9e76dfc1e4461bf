"""Requests as the pages and the API receive them: a client signed in with password and code, a JSON post, GOV.UK
date fields."""

import json
from datetime import date
from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer

from accounts.api_tokens import issue
from accounts.models import User
from victims.models import Invitation


def sign_in(client: Client, user: User) -> None:
    """Both factors, as after the sign-in and code pages: the session carries the user and their verified app."""
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "Authenticator app"})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def sign_in_own_view(client: Client, invitation: Invitation) -> None:
    """As GOV.UK One Login leaves the person who accepted the invitation: signed in through it, which is their
    second factor, with no authenticator app."""
    assert invitation.user is not None, "the invitation has not been accepted"
    client.force_login(invitation.user, backend="accounts.one_login.OneLoginBackend")


def app_code(device: TOTPDevice) -> str:
    """The code an authenticator app set up with the device shows now."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def api_schema() -> dict[str, Any]:
    """The API's OpenAPI schema as its clients read it (JSON)."""
    return json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))


def signed_in(user: User) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def token_client(user: User) -> Client:
    """A client calling the API as a system does: with a new token issued for the user."""
    _, token = issue(user)
    return Client(HTTP_AUTHORIZATION=f"Token {token}")


def post_json(client: Client, path: str, data: dict[str, Any]) -> Any:
    return client.post(path, data, content_type="application/json")


def date_fields(prefix: str, day: date) -> dict[str, str]:
    """A date as the GOV.UK date input posts it: day, month and year boxes."""
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}
