"""Signing in with a password (then a code), as LOCAL_SIGN_IN allows: everyone when the service has no single sign-on;
with it, by default administrators only (the way in when the identity provider is down), or nobody."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed

from accounts.forms import SignInForm
from accounts.models import User
from accounts.oidc import single_sign_on
from accounts.roles import OWN_VIEW_ROLES, Role

EVERYONE = "everyone"
ADMINISTRATORS = "administrators"
OFF = "off"


def may_use_password(user: User) -> bool:
    """Complainants and ISVAs never do, whatever the policy: they sign in with GOV.UK One Login only."""
    if user.role in OWN_VIEW_ROLES:
        return False
    policy = settings.LOCAL_SIGN_IN
    return policy == EVERYONE or (policy == ADMINISTRATORS and (user.is_superuser or user.role == Role.ADMINISTRATOR))


class PasswordBackend(ModelBackend):
    """Django's password check, refusing the people the policy keeps out just as it refuses a wrong password: the
    same message, and a failure that counts towards the lockout, so the answer never tells whether an account
    exists."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> User | None:
        user = super().authenticate(request, username, password, **kwargs)
        return user if isinstance(user, User) and may_use_password(user) else None


class SignInView(LoginView):
    """The sign-in page: the organisation sign-in's start button when there is single sign-on, and the password form
    when the policy allows one."""

    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if settings.LOCAL_SIGN_IN == OFF:
            return HttpResponseNotAllowed(["GET"])
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "single_sign_on": single_sign_on(),
            "password_sign_in": settings.LOCAL_SIGN_IN != OFF,
            "administrators_only": settings.LOCAL_SIGN_IN == ADMINISTRATORS,
        }
