"""REST framework's session authentication, for a session that has passed both factors only. Token clients are
systems whose tokens an administrator issues; a person's browser session needs its second factor like any page."""

from __future__ import annotations

from typing import Any

from drf_spectacular.authentication import SessionScheme
from rest_framework.authentication import SessionAuthentication
from rest_framework.request import Request


class VerifiedSessionAuthentication(SessionAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, None] | None:
        user = getattr(request._request, "user", None)
        if user is None or not user.is_authenticated or not user.is_verified():
            return None
        return super().authenticate(request)


class VerifiedSessionScheme(SessionScheme):
    """The schema's description of it: a session cookie, as REST framework's own."""

    target_class = "accounts.api_auth.VerifiedSessionAuthentication"
