"""Requests as the pages and the API receive them: a signed-in test client, a JSON post, GOV.UK date fields."""

from datetime import date
from typing import Any

from django.test import Client

from accounts.models import User


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post_json(client: Client, path: str, data: dict[str, Any]) -> Any:
    return client.post(path, data, content_type="application/json")


def date_fields(prefix: str, day: date) -> dict[str, str]:
    """A date as the GOV.UK date input posts it: day, month and year boxes."""
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}
