"""Who may reach a page: signed in (both factors, or the identity provider's), within the session's lifetime; and no
page is ever cached."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import Http404, HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers

from accounts.oidc import signed_in_through_identity_provider
from accounts.one_login import has_standing, signed_in_through_one_login
from accounts.roles import OWN_VIEW_ROLES
from accounts.second_factor import has_authenticator

SIGNED_IN_AT = "signed_in_at"
REFRESHED_AT = "refreshed_at"
View = Callable[..., HttpResponseBase]


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


class SignInRequiredMiddleware(LoginRequiredMiddleware):
    """Django's LoginRequiredMiddleware, leaving the API to REST framework.

    API clients may authenticate with a token, which only REST framework reads, and they expect a 401 or 403 in
    JSON rather than a redirect to the sign-in page. The API's default permission class requires authentication.
    """

    def process_view(
        self, request: HttpRequest, view_func: View, view_args: tuple[Any, ...], view_kwargs: dict[str, Any]
    ) -> HttpResponseBase | None:
        if _is_api(request):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class SessionLifetimeMiddleware:
    """Ends a session 12 hours after sign-in, however busy, and keeps a busy one from its 30-minute idle limit.

    The idle limit is the session's own age, renewed each time the session is saved. Saving it on every request
    would write to the database for every page, so a session in use is saved at most once a minute
    (``SESSION_REFRESH_SECONDS``): it then ends between 29 and 30 idle minutes after its last request, never later.
    """

    def __init__(self, get_response: View) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.user.is_authenticated:
            now = time.time()
            signed_in_at = request.session.setdefault(SIGNED_IN_AT, now)
            if now - request.session.get(REFRESHED_AT, 0) >= settings.SESSION_REFRESH_SECONDS:
                request.session[REFRESHED_AT] = now  # saved, with its age renewed, as the response goes out
            if now - signed_in_at > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                if not _is_api(request):
                    messages.info(request, "You were signed out because you signed in more than 12 hours ago.")
                    return HttpResponseRedirect(_with_next(settings.LOGIN_URL, request))
        return self.get_response(request)


def second_factor_not_required(view: View) -> View:
    """Marks the pages a user reaches between their password and their code: setting up, verifying, signing out."""
    view.second_factor_not_required = True  # type: ignore[attr-defined]
    return view


class SecondFactorRequiredMiddleware:
    """A user who has given their password but not yet a code sees only the pages that ask for one. The API does
    its own check (accounts.api_auth).

    Someone signed in through the organisation's identity provider has passed its multi-factor sign-in, which counts
    as the second factor: their session is verified (``is_verified()``) for pages and API alike."""

    def __init__(self, get_response: View) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if signed_in_through_identity_provider(request) and request.user.is_authenticated:
            request.user.is_verified = lambda: True  # type: ignore[attr-defined]
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: View, view_args: tuple[Any, ...], view_kwargs: dict[str, Any]
    ) -> HttpResponseBase | None:
        user = request.user
        if _is_api(request) or not user.is_authenticated or user.is_verified():  # type: ignore[attr-defined]
            return None
        if not getattr(view_func, "login_required", True) or getattr(view_func, "second_factor_not_required", False):
            return None
        step = "accounts:verify" if has_authenticator(user) else "accounts:set-up-authenticator"
        return HttpResponseRedirect(_with_next(step, request))


class NoStoreMiddleware:
    """Every response the application makes may hold case data, so none is kept by a browser or a proxy."""

    def __init__(self, get_response: View) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response


def _with_next(url_name: str, request: HttpRequest) -> str:
    return f"{resolve_url(url_name)}?{urlencode({'next': request.get_full_path()})}"


# The own view's pages anyone may reach, signed in or not: the way in and the way out.
OWN_VIEW_OPEN_PAGES = frozenset({"invitation", "sign-in", "callback", "exit", "signed-out"})
# The service's pages outside the own view that complainants and ISVAs may reach too: choosing a language, and the
# accessibility statement and cookies pages its footer links to (shown in the own view's frame: web.pages).
OWN_VIEW_ALSO_OPEN = frozenset({"set_language", "pages:accessibility", "pages:cookies"})


def _open_own_view_page(request: HttpRequest) -> bool:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.namespace == "portal" and match.url_name in OWN_VIEW_OPEN_PAGES


class OwnViewMiddleware:
    """Keeps complainants and ISVAs (OWN_VIEW_ROLES) inside their own view, and everyone else out of it.

    Their session is short (OWN_VIEW_IDLE_SECONDS idle, set as the session's age at their first request; at most
    OWN_VIEW_ABSOLUTE_SECONDS in all) and ends at the first request after their last invitation stops standing
    (revoked, consent withdrawn, a bar to inviting them). One Login's sign-in is their second factor. Any page outside
    the portal is a 404 to them, as if it did not exist, except signing out, the language switch, and the staff home
    page, which sends them to theirs. Staff, and visitors not signed in, reach only the portal's open pages; a visitor
    asking for another portal page (their session having ended) is sent to the signed-out page, which offers One
    Login again."""

    def __init__(self, get_response: View) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = request.user
        if user.is_authenticated and user.role in OWN_VIEW_ROLES:
            signed_in_at = request.session.setdefault(SIGNED_IN_AT, time.time())
            if time.time() - signed_in_at > settings.OWN_VIEW_ABSOLUTE_SECONDS or not has_standing(user):
                logout(request)
                if not _open_own_view_page(request):  # a new invitation's link still works for them
                    return HttpResponseRedirect(resolve_url("portal:signed-out"))
                return self.get_response(request)
            if request.session.get_expiry_age() != settings.OWN_VIEW_IDLE_SECONDS:
                request.session.set_expiry(settings.OWN_VIEW_IDLE_SECONDS)  # renewed as SessionLifetime saves it
            if signed_in_through_one_login(request):
                user.is_verified = lambda: True  # type: ignore[attr-defined]
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: View, view_args: tuple[Any, ...], view_kwargs: dict[str, Any]
    ) -> HttpResponseBase | None:
        match = request.resolver_match
        view_name = match.view_name if match else ""
        in_portal = match is not None and match.namespace == "portal"
        if in_portal and match is not None and match.url_name in OWN_VIEW_OPEN_PAGES:
            return None
        user = request.user
        if not (user.is_authenticated and user.role in OWN_VIEW_ROLES):
            if not in_portal:
                return None
            if user.is_authenticated:
                raise Http404
            return HttpResponseRedirect(resolve_url("portal:signed-out"))
        if in_portal or view_name in OWN_VIEW_ALSO_OPEN:
            return None
        if view_name == "accounts:sign-out" and request.method == "POST":
            logout(request)
            return HttpResponseRedirect(resolve_url("portal:signed-out"))
        if view_name == "dashboards:home":
            return HttpResponseRedirect(resolve_url("portal:home"))
        raise Http404
