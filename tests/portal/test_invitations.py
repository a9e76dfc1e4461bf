"""An invitation's link and its use (victims.invitations): one secret at a time, used once, binding a One Login
subject to an own-view account; whether it stands, asked on every request; and the access log of each look."""

from collections.abc import Iterator
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import override_settings
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from cases.models import TimelineEvent
from cases.models.timeline import Verb
from tests.portal.own_view_people import complainant_who_wants_emails, invited
from victims.invitations import (
    accept_invitation,
    invitation_for,
    invitation_url,
    issue_link_secret,
    link_hash,
    pending_invitation,
    record_look,
    standing,
    standing_invitations,
)
from victims.models import IdentityRead, IdentityReadReason
from victims.models.complainant import CommunicationWishes
from victims.own_view import revoke
from victims.services import record_isva

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_view_on() -> Iterator[None]:
    with override_settings(ONE_LOGIN_CLIENT_ID="rasso-own-view", SERVICE_URL="https://rasso.example.gov.uk"):
        yield


def test_a_new_link_replaces_the_old_one_and_the_link_names_no_case(liaison: User) -> None:
    invitation, first = invited(liaison, complainant_who_wants_emails(liaison))
    second = issue_link_secret(invitation)
    assert pending_invitation(first) is None, "the older link stops working"
    assert pending_invitation(second) == invitation
    url = invitation_url(second)
    assert url == f"https://rasso.example.gov.uk/your-case/invitation/{second}/"
    invitation.refresh_from_db()
    assert second not in invitation.token_hash, "only the secret's hash is kept"
    assert invitation.complainant.case.urn not in url
    assert "Complainant" not in url


def test_accepting_binds_a_new_account_with_nothing_about_the_person_once(liaison: User) -> None:
    invitation, secret = invited(liaison, complainant_who_wants_emails(liaison))
    user = accept_invitation(hashed=link_hash(secret), subject="one-login-subject-1")
    assert (user.role, user.one_login_subject, user.email, user.get_full_name()) == (
        Role.COMPLAINANT,
        "one-login-subject-1",
        "",
        "",
    )
    assert user.username.startswith("own-view-")
    assert not user.has_usable_password()
    invitation.refresh_from_db()
    assert invitation.user == user
    assert invitation.accepted_at is not None
    assert TimelineEvent.objects.filter(case=invitation.complainant.case, verb=Verb.JOINED_OWN_VIEW).count() == 1
    with pytest.raises(ValidationError):
        accept_invitation(hashed=link_hash(secret), subject="one-login-subject-1")
    with pytest.raises(ValidationError):
        accept_invitation(hashed=link_hash(secret), subject="someone-else")
    assert not User.objects.filter(one_login_subject="someone-else").exists()


def test_an_isva_with_two_complainants_keeps_one_account(liaison: User) -> None:
    first, first_secret = invited(liaison, complainant_who_wants_emails(liaison), for_isva=True)
    second, second_secret = invited(liaison, complainant_who_wants_emails(liaison), for_isva=True)
    isva = accept_invitation(hashed=link_hash(first_secret), subject="isva-subject")
    assert isva.role == Role.ISVA
    assert accept_invitation(hashed=link_hash(second_secret), subject="isva-subject") == isva
    assert set(standing_invitations(isva)) == {first, second}
    event = TimelineEvent.objects.get(case=first.complainant.case, verb=Verb.JOINED_OWN_VIEW)
    assert event.payload == {"complainant": first.complainant.label, "isva": True}


def test_a_complainants_one_login_cannot_accept_an_isvas_invitation(liaison: User) -> None:
    complainant = complainant_who_wants_emails(liaison)
    _, own = invited(liaison, complainant)
    _, isvas = invited(liaison, complainant, for_isva=True)
    accept_invitation(hashed=link_hash(own), subject="the-complainant")
    with pytest.raises(ValidationError):
        accept_invitation(hashed=link_hash(isvas), subject="the-complainant")


def test_an_expired_or_revoked_link_cannot_be_accepted(liaison: User) -> None:
    complainant = complainant_who_wants_emails(liaison)
    invitation, secret = invited(liaison, complainant)
    with time_machine.travel(invitation.expires_at + timedelta(seconds=1)):
        assert pending_invitation(secret) is None
        with pytest.raises(ValidationError):
            accept_invitation(hashed=link_hash(secret), subject="late")
    revoke(actor=liaison, invitation=invitation, reason="complainants_request")
    with pytest.raises(ValidationError):
        accept_invitation(hashed=link_hash(secret), subject="after-revocation")


def test_an_invitation_stops_standing_when_a_bar_appears(liaison: User) -> None:
    complainant = complainant_who_wants_emails(liaison)
    own, own_secret = invited(liaison, complainant)
    isvas, isva_secret = invited(liaison, complainant, for_isva=True)
    complainant_user = accept_invitation(hashed=link_hash(own_secret), subject="c")
    isva_user = accept_invitation(hashed=link_hash(isva_secret), subject="i")
    own.refresh_from_db()
    isvas.refresh_from_db()
    assert standing(own)
    assert standing(isvas)

    record_isva(
        actor=liaison,
        complainant=complainant,
        kind="isva",
        organisation="A sexual assault referral centre",
        contact="isva@example.org",
        consent_to_share=False,
    )
    assert not standing_invitations(isva_user).exists(), "consent withdrawn ends the ISVA's view"
    with pytest.raises(Http404):
        invitation_for(isva_user, isvas.public_id)
    assert invitation_for(complainant_user, own.public_id) == own

    CommunicationWishes.objects.filter(complainant=complainant).update(no_contact=True)
    assert not standing_invitations(complainant_user).exists(), "no contact ends the complainant's view too"


def test_nobody_reaches_anothers_invitation(liaison: User) -> None:
    mine, mine_secret = invited(liaison, complainant_who_wants_emails(liaison))
    theirs, theirs_secret = invited(liaison, complainant_who_wants_emails(liaison))
    me = accept_invitation(hashed=link_hash(mine_secret), subject="me")
    accept_invitation(hashed=link_hash(theirs_secret), subject="them")
    with pytest.raises(Http404):
        invitation_for(me, theirs.public_id)
    assert invitation_for(me, mine.public_id) == mine
    assert not standing_invitations(liaison).exists()


def test_each_look_is_in_the_access_log_and_staff_see_when(liaison: User) -> None:
    complainant = complainant_who_wants_emails(liaison)
    _, secret = invited(liaison, complainant, for_isva=True)
    user = accept_invitation(hashed=link_hash(secret), subject="isva")
    invitation = invitation_for(user, standing_invitations(user).get().public_id)
    before = timezone.now()
    record_look(invitation, page="journey")
    read = IdentityRead.objects.get(reader=user)
    assert (read.reason, read.via, read.reader_name) == (
        IdentityReadReason.OWN_VIEW,
        "portal",
        f"ISVA of {complainant.label} (own view)",
    )
    assert (read.case_urn, read.complainant_label) == (complainant.case.urn, complainant.label)
    invitation.refresh_from_db()
    assert invitation.last_looked_at is not None
    assert invitation.last_looked_at >= before
