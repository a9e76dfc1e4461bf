"""The service's pages about itself, open to anyone signed in or not: the accessibility statement and the cookies the
service sets (named as the settings name them, so the page cannot drift from what the browser receives)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe

from web.errors import in_own_view


@dataclass(frozen=True)
class Cookie:
    name: str
    purpose: str
    expires: str


_UNITS = (("year", 52 * 7 * 24 * 60 * 60), ("day", 24 * 60 * 60), ("hour", 60 * 60), ("minute", 60))


def _duration(seconds: int) -> str:
    """A cookie's lifetime in the largest whole unit: "30 minutes", "1 year"."""
    unit, length = next(((unit, length) for unit, length in _UNITS if seconds >= length), _UNITS[-1])
    count = seconds // length
    return f"{count} {unit}{'s' if count != 1 else ''}"


def service_cookies() -> list[Cookie]:
    """The essential cookies the service sets: no analytics, no advertising, nothing from anyone else."""
    return [
        Cookie(
            settings.SESSION_COOKIE_NAME,
            "Keeps you signed in as you move from page to page",
            f"After {_duration(settings.SESSION_COOKIE_AGE)} without using the service, or when you sign out",
        ),
        Cookie(
            settings.CSRF_COOKIE_NAME,
            "Protects the forms you fill in from being sent by another website (cross-site request forgery)",
            f"After {_duration(settings.CSRF_COOKIE_AGE)}"
            if settings.CSRF_COOKIE_AGE
            else "When you close the browser",
        ),
        Cookie(
            CookieStorage.cookie_name,
            "Shows you a message once, on the next page, when you have done something (for example, saved a step)",
            "When the message has been shown, or when you close the browser",
        ),
        Cookie(
            settings.LANGUAGE_COOKIE_NAME,
            "Remembers the language you chose, English or Welsh, for the pages about your own case",
            f"After {_duration(settings.LANGUAGE_COOKIE_AGE)}"
            if settings.LANGUAGE_COOKIE_AGE
            else "When you close the browser",
        ),
    ]


def _about_the_service(request: HttpRequest, template: str, **context: object) -> HttpResponse:
    """A complainant or ISVA reads these pages in their own view's frame, with no staff navigation, and in English:
    the statement and the cookie list are written in English only, so the page says so in its language."""
    if in_own_view(request):
        translation.activate(settings.LANGUAGE_CODE)
        return render(request, template, {"base_template": "portal/base.html", **context})
    return render(request, template, {"base_template": "base.html", **context})


@login_not_required
@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return _about_the_service(request, "pages/accessibility.html")


@login_not_required
@require_safe
def cookies(request: HttpRequest) -> HttpResponse:
    return _about_the_service(request, "pages/cookies.html", cookies=service_cookies())
