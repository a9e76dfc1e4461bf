"""Which of the service's languages a complainant asked to be written to in. Their communication wishes hold the
language as they or their officer typed it ("Welsh", "Cymraeg"), so the own view's pages and the messages sent to
them choose Welsh from it the same way."""

from __future__ import annotations

from django.conf import settings

from victims.models.complainant import CommunicationWishes

WELSH = "cy"
_WELSH_NAMES = frozenset({"welsh", "cymraeg", "cy"})


def writes_in_english(language: str) -> bool:
    """Whether a language as the wishes hold it is English (as typed: any case, spaces around)."""
    return language.strip().casefold() == "english"


def language_code(wishes: CommunicationWishes | None) -> str:
    """The language code to use for them: Welsh when their wishes say Welsh, else the service's English."""
    if wishes is not None and wishes.language.strip().casefold() in _WELSH_NAMES:
        return WELSH
    return str(settings.LANGUAGE_CODE)
