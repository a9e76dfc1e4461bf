"""GOV.UK One Login for complainants and their ISVAs (the portal's own view), over OpenID Connect with the same library
as staff single sign-on (accounts.oidc) and a client of its own: the settings are the ONE_LOGIN_* names, the scope is
"openid" alone (the service needs no e-mail address or name from One Login, only who the person is), the level of
authentication is asked for with One Login's "vtr" parameter, and the client proves itself at the token endpoint
with private_key_jwt (a JWT signed with ONE_LOGIN_PRIVATE_KEY), as One Login requires; a client secret is used only
when no key is set.

One Login says who someone is; an invitation says which case they may see. A person's first sign-in comes from an
invitation's link: the hash of the link's secret waits in the session (portal.sign_in keeps it) and the invitation
is accepted for the verified subject, which binds it. Later sign-ins find the own-view user bound to the subject.
Nobody else gets in, and no staff account ever signs in here.

Invitations are the victims app's, which accounts may not import (the layers contract), so the victims side registers
what this module needs at start-up (``register_invitations``, called by portal's AppConfig.ready): how an invitation
is accepted, and whether a user still has an invitation that stands. Until it does, nobody signs in.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jwt
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.http import HttpRequest
from django.utils.translation import get_language
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from accounts.models import User
from accounts.roles import OWN_VIEW_ROLES

BACKEND = "accounts.one_login.OneLoginBackend"
# Where portal.sign_in keeps the hash of an invitation's secret between its link and the return from One Login.
PENDING_INVITATION = "own_view_invitation"
CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
CLIENT_ASSERTION_SECONDS = 5 * 60

# The library's setting names, answered from the One Login block of the settings rather than the staff client's.
_NAMED = {
    "OIDC_RP_CLIENT_ID": "ONE_LOGIN_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET": "ONE_LOGIN_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "ONE_LOGIN_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT": "ONE_LOGIN_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT": "ONE_LOGIN_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT": "ONE_LOGIN_JWKS_ENDPOINT",
    "OIDC_RP_SIGN_ALGO": "ONE_LOGIN_SIGN_ALGO",
}
_FIXED: dict[str, Any] = {
    "OIDC_RP_SCOPES": "openid",
    "OIDC_AUTHENTICATION_CALLBACK_URL": "portal:callback",
    "OIDC_USE_PKCE": True,
    "OIDC_USE_NONCE": True,
    "OIDC_RP_IDP_SIGN_KEY": None,
    "OIDC_STORE_ACCESS_TOKEN": False,
    "OIDC_STORE_ID_TOKEN": False,
    "OIDC_TOKEN_USE_BASIC_AUTH": False,
}

logger = logging.getLogger(__name__)


class NoOwnViewAccessError(Exception):
    """One Login vouched for the person, but no invitation lets them in (the reason is for the log: no names)."""


@dataclass(frozen=True)
class _Invitations:
    accept: Callable[..., User]  # accept(hashed=…, subject=…) -> User, or ValidationError
    has_standing: Callable[[User], bool]


_invitations: _Invitations | None = None


def register_invitations(*, accept: Callable[..., User], has_standing: Callable[[User], bool]) -> None:
    """Called once at start-up by the app that owns invitations (see the module's docstring)."""
    global _invitations  # noqa: PLW0603 - set once, at start-up, by AppConfig.ready
    _invitations = _Invitations(accept=accept, has_standing=has_standing)


def has_standing(user: User) -> bool:
    """Whether the own-view user still has an invitation that stands (checked on every request they make)."""
    return _invitations is not None and _invitations.has_standing(user)


def own_view_enabled() -> bool:
    return bool(settings.ONE_LOGIN_CLIENT_ID)


def signed_in_through_one_login(request: HttpRequest) -> bool:
    return request.session.get(BACKEND_SESSION_KEY) == BACKEND


def one_login_setting(attr: str, *args: Any) -> Any:
    """The library's setting ``attr`` for the One Login client. Generic ones (timeout, TLS checks) are shared."""
    if attr in _NAMED:
        return getattr(settings, _NAMED[attr])
    if attr in _FIXED:
        return _FIXED[attr]
    return import_from_settings(attr, *args)


def extra_parameters() -> dict[str, str]:
    """One Login's own authorisation parameters: the level of authentication, and its pages in the person's
    language."""
    return {
        "vtr": settings.ONE_LOGIN_VECTOR_OF_TRUST,
        "ui_locales": "cy" if (get_language() or "").startswith("cy") else "en",
    }


class OneLoginBackend(OIDCAuthenticationBackend):
    @staticmethod
    def get_settings(attr: str, *args: Any) -> Any:
        return one_login_setting(attr, *args)

    def authenticate(
        self, request: HttpRequest, *, one_login_nonce: str | None, one_login_code_verifier: str | None
    ) -> User | None:
        """Only portal.sign_in's callback passes these credentials: Django never offers this backend a password or
        the staff callback's, and the staff backend never fits this call."""
        return super().authenticate(request, nonce=one_login_nonce, code_verifier=one_login_code_verifier)

    def get_token(self, payload: dict[str, Any]) -> dict[str, Any]:
        """The code exchanged for tokens, the client proving itself with a signed assertion when it has a key."""
        if settings.ONE_LOGIN_PRIVATE_KEY:
            payload = {k: v for k, v in payload.items() if k != "client_secret"}
            payload["client_assertion_type"] = CLIENT_ASSERTION_TYPE
            payload["client_assertion"] = client_assertion()
        token: dict[str, Any] = super().get_token(payload)
        return token

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        """The library checks the signature, expiry and nonce; the issuer and the audience are checked here, so a
        token One Login issued to another service is refused."""
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        if self.OIDC_RP_CLIENT_ID not in (audience if isinstance(audience, list) else [audience]):
            raise SuspiciousOperation("The ID token was issued to another client.")
        if payload.get("iss") != settings.ONE_LOGIN_ISSUER:
            raise SuspiciousOperation("The ID token was issued by another provider.")
        return payload

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> User:
        """The own-view user for the ID token's subject: through the invitation whose link began this sign-in, or
        the one already bound to the subject. Raises NoOwnViewAccessError otherwise."""
        subject = str(payload["sub"])
        pending = self.request.session.pop(PENDING_INVITATION, None)
        if _invitations is None:
            raise NoOwnViewAccessError("invitations are not registered")
        if pending:
            try:
                user = _invitations.accept(hashed=pending, subject=subject)
            except ValidationError as refusal:
                raise NoOwnViewAccessError("the invitation could not be accepted") from refusal
        else:
            found = User.objects.filter(one_login_subject=subject, role__in=OWN_VIEW_ROLES).first()
            if found is None:
                raise NoOwnViewAccessError("no invitation was accepted with this One Login identity")
            user = found
        if not user.is_active:
            raise NoOwnViewAccessError("the account is disabled")
        if not _invitations.has_standing(user):
            raise NoOwnViewAccessError("no invitation of theirs stands")
        return user

    def get_user(self, user_id: int) -> User | None:
        """As for a password's session: a disabled user's session is no longer anyone's; nor is a staff user's."""
        user = ModelBackend.get_user(self, user_id)
        return user if isinstance(user, User) and user.role in OWN_VIEW_ROLES else None


def client_assertion() -> str:
    """private_key_jwt (RFC 7523): a short-lived, single-use JWT naming the client, for the token endpoint only."""
    now = int(time.time())
    claims = {
        "iss": settings.ONE_LOGIN_CLIENT_ID,
        "sub": settings.ONE_LOGIN_CLIENT_ID,
        "aud": settings.ONE_LOGIN_TOKEN_ENDPOINT,
        "jti": secrets.token_urlsafe(32),
        "iat": now,
        "exp": now + CLIENT_ASSERTION_SECONDS,
    }
    return jwt.encode(claims, settings.ONE_LOGIN_PRIVATE_KEY, algorithm="RS256")
