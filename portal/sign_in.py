"""The way into the own view and out of it: an invitation's link, GOV.UK One Login's sign-in and its return, "Exit
this page", and the page a signed-out person lands on. All are open to anyone (accounts.middleware.OwnViewMiddleware);
without ONE_LOGIN_CLIENT_ID there is no own view and the way in is a 404."""

from __future__ import annotations

import logging
import time
from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib import auth
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from accounts.middleware import SIGNED_IN_AT
from accounts.one_login import (
    PENDING_INVITATION,
    NoOwnViewAccessError,
    extra_parameters,
    one_login_setting,
    own_view_enabled,
)
from victims.invitations import link_hash, pending_invitation

logger = logging.getLogger(__name__)
# Where mozilla-django-oidc keeps each sign-in's state, nonce and PKCE verifier, by state.
STATES = "oidc_states"


@login_not_required
@require_GET
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the invitation: while it can be used, its hash waits in the session (never the secret itself) for
    the return from One Login and the page says what happens next; otherwise, that it no longer works and whom to
    ask."""
    if not own_view_enabled():
        raise Http404
    invitation = pending_invitation(token)
    if invitation is None:
        return render(request, "portal/invitation_unusable.html", status=410)
    request.session[PENDING_INVITATION] = link_hash(token)
    return render(
        request, "portal/invitation.html", {"days": settings.INVITATION_DAYS, "for_isva": invitation.for_isva}
    )


class StartView(OIDCAuthenticationRequestView):
    """Sends the browser to One Login, with the state, nonce and PKCE challenge kept in the session, as staff sign-in
    does (accounts.oidc.StartView), for the One Login client."""

    @staticmethod
    def get_settings(attr: str, *args: Any) -> Any:
        return one_login_setting(attr, *args)

    def get(self, request: HttpRequest) -> HttpResponseBase:
        if not own_view_enabled():
            raise Http404
        return super().get(request)

    def get_extra_params(self, request: HttpRequest) -> dict[str, str]:
        return extra_parameters()


start = login_not_required(StartView.as_view())


@login_not_required
@require_GET
def callback(request: HttpRequest) -> HttpResponse:
    """Where One Login sends the browser back: a state this session began (used once), the code exchanged for a
    signed ID token, and the person signed in under a new session key, or told plainly that they could not be."""
    if not own_view_enabled():
        raise Http404
    states = request.session.get(STATES)
    entry = states.pop(request.GET.get("state", ""), None) if isinstance(states, dict) else None
    request.session.modified = True
    if entry is None or not request.GET.get("code") or request.GET.get("error"):
        return _failed(request)
    try:
        user = auth.authenticate(
            request, one_login_nonce=entry.get("nonce"), one_login_code_verifier=entry.get("code_verifier")
        )
    except NoOwnViewAccessError as refusal:
        logger.warning("GOV.UK One Login sign-in refused: %s.", refusal)
        return render(request, "portal/sign_in_refused.html", status=403)
    except (requests.RequestException, SuspiciousOperation, jwt.PyJWTError) as error:
        logger.warning("GOV.UK One Login sign-in failed (%s).", type(error).__name__)
        return _failed(request)
    if user is None:
        return _failed(request)
    auth.login(request, user)
    request.session[SIGNED_IN_AT] = time.time()
    return redirect("portal:home")


def _failed(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/sign_in_failed.html", status=400)


@csrf_exempt  # leaving must work even from a page whose form has gone stale; it only ends the session
@login_not_required
@require_http_methods(["GET", "POST"])
def exit_this_page(request: HttpRequest) -> HttpResponseRedirect:
    """Ends the session at once and leaves for an everyday website."""
    auth.logout(request)
    return HttpResponseRedirect(settings.EXIT_THIS_PAGE_URL)


@login_not_required
@require_GET
def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/signed_out.html")
