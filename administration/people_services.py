"""Inviting a person an administrator added: a new single-use link (accounts.invitations) e-mailed to them through
the service's e-mail backend (GOV.UK Notify or SMTP, as EMAIL_BACKEND says), and the invitation kept in their
history. The link's secret is in the e-mail alone, so the message is sent as it is made, after the invitation is
committed, never queued with its secret in a table; an e-mail that fails is logged by the person's id only, and the
administrator is told to send a new invitation."""

from __future__ import annotations

import logging

from django.core.mail import send_mail
from django.db import transaction
from django.utils import formats, timezone

from accounts.invitations import LIFETIME, invitation_url, issue
from accounts.models import User
from accounts.people import Organisation, add_person, note_invitation

logger = logging.getLogger(__name__)

SUBJECT = "Your invitation to the RASSO case-journey tracker"


def invite(person: User, *, by: User, added: bool = False) -> bool:
    """A new invitation for the person (any earlier link stops working), e-mailed to them; whether it was sent. The
    e-mail says they were added when they just were (``added``), and otherwise that this is a new link."""
    with transaction.atomic():
        secret = issue(person, by=by)
        note_invitation(person, by=by)
    expires = formats.date_format(timezone.localtime(timezone.now() + LIFETIME), "j F Y \\a\\t g:i A")
    where = f"{person.get_role_display()} ({person.organisation_name})"
    opening = (
        f"An administrator has added you to the RASSO case-journey tracker as {where}."
        if added
        else f"An administrator has sent you a new link to your account on the RASSO case-journey tracker as {where}. "
        "Any earlier link no longer works."
    )
    body = (
        f"{opening}\n\n"
        f"Set your password, then set up an authenticator app on your work phone:\n{invitation_url(secret)}\n\n"
        f"The link works once and expires on {expires}. If it has expired, ask your administrator for a new one.\n\n"
        "If you did not expect this email, you can ignore it."
    )
    try:
        send_mail(SUBJECT, body, None, [person.email])
    except Exception as error:  # any failure of the mail server or Notify: the administrator can send a new invitation
        logger.warning("invitation e-mail to person %d not sent: %s", person.pk, type(error).__name__)
        return False
    return True


def add_and_invite(
    *, by: User, first_name: str, last_name: str, email: str, role: str, organisation: Organisation
) -> tuple[User, bool]:
    """Add the person and send their invitation: the person, and whether the e-mail was sent."""
    person = add_person(
        by=by, first_name=first_name, last_name=last_name, email=email, role=role, organisation=organisation
    )
    return person, invite(person, by=by, added=True)
