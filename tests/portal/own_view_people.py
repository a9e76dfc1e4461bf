"""Complainants invited to their own view, for the sign-in tests: a case, a complainant who wants e-mails (and an ISVA
they consent to sharing with), invited by a victim liaison officer through the staff service."""

from datetime import date

from accounts.models import User
from tests.factories import make_case
from victims.identity import add_complainant
from victims.invitations import issue_link_secret
from victims.models import Complainant, Invitation
from victims.models.complainant import Channel, IsvaKind
from victims.own_view import invite
from victims.services import record_isva, record_wishes

DAY = date(2024, 6, 3)


def complainant_who_wants_emails(liaison: User) -> Complainant:
    complainant = add_complainant(actor=liaison, case=make_case(), email="complainant@example.org")
    record_wishes(actor=liaison, complainant=complainant, channel=Channel.EMAIL, updated_on=DAY)
    record_isva(
        actor=liaison,
        complainant=complainant,
        kind=IsvaKind.ISVA,
        organisation="A sexual assault referral centre",
        contact="isva@example.org",
        consent_to_share=True,
    )
    return complainant


def invited(liaison: User, complainant: Complainant, *, for_isva: bool = False) -> tuple[Invitation, str]:
    """The invitation and its link's secret, as the message that sends it makes one (ONE_LOGIN_CLIENT_ID set)."""
    invitation = invite(actor=liaison, complainant=complainant, for_isva=for_isva)
    return invitation, issue_link_secret(invitation)
