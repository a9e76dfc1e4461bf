"""How the API knows who is calling. Token clients are systems whose tokens an administrator issues
(accounts.api_tokens); a person's browser session needs its second factor like any page."""

from __future__ import annotations

from typing import Any

from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from knox.auth import TokenAuthentication
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from accounts.roles import OWN_VIEW_ROLES


class ApiTokenAuthentication(TokenAuthentication):
    """knox's tokens ("Authorization: Token <token>", found by their digest; an expired token, or one whose user is
    disabled, is a 401). knox reads the token as UTF-8 without asking, so a header that is not would be a 500: here it
    is the 401 of any token that is not one."""

    def authenticate_credentials(self, token: bytes) -> tuple[Any, Any]:
        try:
            token.decode("utf-8")
        except UnicodeDecodeError as error:
            raise AuthenticationFailed("Invalid token.") from error
        user, auth_token = super().authenticate_credentials(token)
        if user.role in OWN_VIEW_ROLES:
            # A complainant's or ISVA's account has no API: a token issued to one is no token.
            raise AuthenticationFailed("Invalid token.")
        return user, auth_token


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """The schema's description of it: the Authorization header with the "Token" prefix, under the name the schema
    has always given it."""

    target_class = "accounts.api_auth.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix=self.target.authenticate_header(None)
        )


class VerifiedSessionAuthentication(SessionAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, None] | None:
        user = getattr(request._request, "user", None)
        if user is None or not user.is_authenticated or not user.is_verified():
            return None
        return super().authenticate(request)


class VerifiedSessionScheme(SessionScheme):
    """The schema's description of it: a session cookie, as REST framework's own."""

    target_class = "accounts.api_auth.VerifiedSessionAuthentication"
