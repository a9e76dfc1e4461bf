"""The language of each page. Django's LocaleMiddleware, before this, takes the language from the language switch's
cookie (the switch is in every page's footer), else from what the browser prefers.

Staff pages follow the switch: a person who chose Cymraeg sees in Welsh whatever is translated (the pages a victim
liaison officer uses, web.catalogue.SOURCES) and the rest in English. Without that choice they are English whatever
the browser prefers, so that Django's own words (form errors, month names) do not come in Welsh among English ones.
The complainant's own view (its addresses under /your-case/, and whatever a person signed in to it reaches: a "Page
not found", say: web.errors.in_own_view) takes the browser's preference too, and a complainant who is signed in and
has not used the switch sees the language their communication wishes ask to be written to in."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils import translation

from accounts.roles import Role
from victims.language import WELSH, language_code
from victims.models.complainant import CommunicationWishes
from web.errors import in_own_view


class PageLanguageMiddleware:
    """Sets the page's language after LocaleMiddleware (and after sign-in is known, to read the wishes)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        language = page_language(request)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


def page_language(request: HttpRequest) -> str | None:
    """The language this request's page must be in, or None to keep LocaleMiddleware's choice."""
    if settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
        return None  # they chose with the switch, on a staff page or in the own view
    if not in_own_view(request):
        return str(settings.LANGUAGE_CODE)
    user = request.user
    if user.is_authenticated and user.role == Role.COMPLAINANT:
        return wished_language(user.pk)
    return None


def wished_language(user_id: int) -> str:
    """Welsh when the wishes of a complainant this user was invited as (not as their ISVA) ask for Welsh; a person
    with more than one case who asked for Welsh in any of them is not shown English."""
    wishes = CommunicationWishes.objects.filter(
        complainant__invitations__user_id=user_id,
        complainant__invitations__for_isva=False,
        complainant__invitations__revoked_at__isnull=True,
    )
    return WELSH if any(language_code(each) == WELSH for each in wishes) else str(settings.LANGUAGE_CODE)
