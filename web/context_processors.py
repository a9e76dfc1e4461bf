"""What every page's frame needs to know about its language: when Welsh is chosen, a page whose own words are not yet
translated marks its main content as English (WCAG 3.1.2, language of parts), so that a screen reader reads it with an
English voice while the frame around it is in Welsh."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

from web.catalogue import content_translated


def content_language(request: HttpRequest) -> dict[str, str]:
    """``content_language``: the language of <main> where it differs from the page's, else empty."""
    if translation.get_language() == settings.LANGUAGE_CODE:
        return {"content_language": ""}
    match = request.resolver_match
    if match is not None and content_translated(match.view_name):
        return {"content_language": ""}
    return {"content_language": settings.LANGUAGE_CODE}
