"""Complainants ready for the own view, for the own view's tests: recorded through the services as a caseworker would,
with an identity that a message must never repeat."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.utils import timezone

from accounts.models import User
from cases.models import Case
from victims.identity import add_complainant
from victims.models import CommunicationWishes, Complainant
from victims.services import record_isva, record_wishes

NAME = "Philippa Wrenford-Achterberg"
EMAIL = "philippa.wrenford@example.com"
MOBILE = "07700 900456"
ISVA_EMAIL = "adviser@isva.example.org"
ISVA_MOBILE = "07700 900789"
# The link a message carries: the portal's invitation page with its single-use secret.
LINK = re.compile(r"https?://\S+/your-case/invitation/([\w-]+)/")


def complainant(
    officer: User,
    case: Case,
    *,
    channel: str = "email",
    date_of_birth: date | None = date(1990, 5, 17),
    wishes: bool = True,
    **characteristics: Any,
) -> Complainant:
    """A complainant with an e-mail address and a mobile who chose ``channel`` (no wishes when ``wishes`` is False)."""
    recorded = add_complainant(
        actor=officer, case=case, name=NAME, email=EMAIL, phone=MOBILE, date_of_birth=date_of_birth, **characteristics
    )
    if wishes:
        record_wishes(actor=officer, complainant=recorded, channel=channel, updated_on=timezone.localdate())
    return recorded


def with_isva(officer: User, complainant: Complainant, *, contact: str = ISVA_EMAIL, consent: bool = True) -> None:
    record_isva(
        actor=officer,
        complainant=complainant,
        kind="isva",
        organisation="Rape Crisis Example",
        contact=contact,
        consent_to_share=consent,
    )


def set_wishes(complainant: Complainant, **wishes: object) -> None:
    """What the complainant said since (no contact, copy their ISVA): set as their own view or a caseworker would."""
    CommunicationWishes.objects.filter(complainant=complainant).update(**wishes)


def secret_in(text: object) -> str:
    """The secret of the link in a message's body."""
    found = LINK.search(str(text))
    assert found, "the message carries the invitation's link"
    return found.group(1)
