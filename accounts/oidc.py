"""Single sign-on with the organisation's identity provider (Microsoft Entra ID) over OpenID Connect, through
mozilla-django-oidc: the authorisation code flow with PKCE, state and nonce, and an ID token whose signature is
checked against the provider's published keys.

The provider says who someone is; the service decides whether they may come in. A person is matched to an account an
administrator made, never a new one: by the provider's subject once it is stored, and at their first sign-in by a
verified e-mail address (any case) matching exactly one account, which then stores the subject, so a later change of
address at the provider still finds the same person. Role and organisation stay the service's. The provider's own
multi-factor sign-in counts as the second factor (accounts.middleware.SecondFactorRequiredMiddleware).
"""

from __future__ import annotations

import logging
from typing import Any

import requests
from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from accounts.models import User
from accounts.roles import OWN_VIEW_ROLES

BACKEND = "accounts.oidc.IdentityProviderBackend"
# Claims by which a provider vouches for the e-mail address: the standard one, and Entra ID's "e-mail domain owner
# verified" (an optional ID-token claim, added with "email" in the app registration), since Entra sends no
# email_verified.
VERIFIED_EMAIL_CLAIMS = ("email_verified", "xms_edov")

logger = logging.getLogger(__name__)


class NoAccountError(Exception):
    """The provider vouched for the person, but no account of the service may be theirs."""


def single_sign_on() -> bool:
    return bool(settings.OIDC_RP_CLIENT_ID)


def signed_in_through_identity_provider(request: HttpRequest) -> bool:
    """Whether the session's sign-in was the identity provider's (the session names the backend that signed it in)."""
    return request.session.get(BACKEND_SESSION_KEY) == BACKEND


class IdentityProviderBackend(OIDCAuthenticationBackend):
    def authenticate(self, request: HttpRequest, *, nonce: str | None, code_verifier: str | None) -> User | None:
        """Only the callback's credentials (nonce and PKCE verifier) reach this backend: a password sign-in does not
        fit the signature, so a code smuggled into the sign-in page's query string is never exchanged."""
        return super().authenticate(request, nonce=nonce, code_verifier=code_verifier)

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        """The library checks the signature, expiry and nonce but not the audience: a token the provider issued to
        another of its applications is refused too."""
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        if self.OIDC_RP_CLIENT_ID not in (audience if isinstance(audience, list) else [audience]):
            raise SuspiciousOperation("The ID token was issued to another client.")
        return payload

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> User:
        """The account for the signed ID token's claims and the provider's user information (which must be about
        the same subject), or NoAccountError."""
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("The user information is about another subject than the ID token.")
        return account_for({**userinfo, **payload})

    def get_user(self, user_id: int) -> User | None:
        """As for a password's session: a disabled user's session is no longer anyone's."""
        return ModelBackend.get_user(self, user_id)


def _staff() -> QuerySet[User]:
    """Accounts that may sign in here: never a complainant's or ISVA's, who sign in with GOV.UK One Login only."""
    return User.objects.exclude(role__in=OWN_VIEW_ROLES)


def account_for(claims: dict[str, Any]) -> User:
    subject = str(claims["sub"])
    user = _staff().filter(oidc_subject=subject).first() or _first_sign_in(subject, claims)
    if not user.is_active:
        raise NoAccountError("the account is disabled")
    return user


def _first_sign_in(subject: str, claims: dict[str, Any]) -> User:
    """The one account with the verified e-mail address, which stores the subject if it is active. Two accounts with
    one address are refused, never guessed between; an account bound to another subject is not taken over."""
    email = claims.get("email")
    if not email or not any(claims.get(claim) is True for claim in VERIFIED_EMAIL_CLAIMS):
        raise NoAccountError("the provider gave no verified e-mail address")
    matches = list(_staff().filter(email__iexact=email)[:2])
    if len(matches) != 1:
        raise NoAccountError(
            "two accounts have the e-mail address" if matches else "no account has the e-mail address"
        )
    user = matches[0]
    if user.oidc_subject is not None:
        raise NoAccountError("the account is bound to another identity at the provider")
    if user.is_active:
        User.objects.filter(pk=user.pk, oidc_subject__isnull=True).update(oidc_subject=subject)
    return user


class StartView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider, with the state, nonce and PKCE challenge kept in the session."""

    def get(self, request: HttpRequest) -> HttpResponseBase:
        if not single_sign_on():
            raise Http404
        return super().get(request)


class CallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back: the code is exchanged for tokens and the person signed in, or told
    why not. A state that is not the session's is refused (400) by the library."""

    def get(self, request: HttpRequest) -> HttpResponseBase:
        if not single_sign_on():
            raise Http404
        try:
            return super().get(request)
        except NoAccountError as refusal:
            logger.warning("Single sign-on refused: %s.", refusal)
            return render(request, "accounts/organisation_sign_in_refused.html", status=403)
        except requests.RequestException as error:
            logger.warning(
                "Single sign-on failed: the identity provider refused or did not answer (%s).", type(error).__name__
            )
            return self.login_failure()

    def login_success(self) -> HttpResponseBase:
        # Always a new login, even over a session already signed in as the same person with a password only: the
        # session gets a new key and is marked as the provider's.
        auth.login(self.request, self.user)
        return super().login_success()

    def login_failure(self) -> HttpResponse:
        return render(self.request, "accounts/organisation_sign_in_failed.html", status=400)
