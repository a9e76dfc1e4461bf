"""The staff side of the complainant's own view: who may be invited and who may invite, the invitation made, sent
again and ended (with a reason and confirmation), ISVA access ending the moment consent is withdrawn, and the
complainants tab showing each person's access, when they last looked, what they changed and what they asked."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from cases.models import Case, TimelineEvent
from cases.models.timeline import Stage, Verb
from cases.services.common import record_event, years_before
from tests.clients import signed_in
from tests.factories import make_case
from tests.victims.own_view_people import complainant, secret_in, set_wishes, with_isva
from victims.invitations import accept_invitation, link_hash, record_look, standing
from victims.models import IdentityRead, Invitation, OwnViewMessage, OwnViewRequest
from victims.own_view import eligibility_problems, invite, revoke
from victims.own_view_outbox import send_pending_messages
from victims.services import record_withdrawal

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("own_view_on")]


@pytest.fixture
def own_view_on() -> Iterator[None]:
    with override_settings(ONE_LOGIN_CLIENT_ID="rasso-own-view-tests"):
        yield


@pytest.fixture
def case(officer: User) -> Case:
    return make_case(officer_in_charge=officer, reported_on=date(2024, 1, 10))


def _page(case: Case, complainant_pk: int) -> str:
    return reverse("victims:own-view", args=[case.pk, complainant_pk])


def test_inviting_records_the_invitation_its_event_and_its_message(officer: User, liaison: User, case: Case) -> None:
    person = complainant(officer, case)
    invitation = invite(actor=liaison, complainant=person, for_isva=False)
    assert (invitation.channel, invitation.sent_by, invitation.accepted_at) == ("email", liaison, None)
    expected = timezone.now() + timedelta(days=14)
    assert abs((invitation.expires_at - expected).total_seconds()) < 60
    [event] = TimelineEvent.objects.filter(case=case, verb=Verb.INVITED_TO_OWN_VIEW)
    assert event.summary == "Complainant A invited to see their case"
    assert event.actor == liaison
    assert list(OwnViewMessage.objects.values_list("kind", "channel", "state")) == [("invitation", "email", "pending")]
    assert list(IdentityRead.objects.values_list("reader", "reason", "via")) == [(liaison.pk, "contact", "invitation")]
    with pytest.raises(ValidationError, match="already stands: send a new link"):
        invite(actor=liaison, complainant=person, for_isva=False)


def test_a_phone_choice_sends_a_text_and_an_isva_is_reached_by_their_recorded_contact(
    officer: User, liaison: User, case: Case
) -> None:
    person = complainant(officer, case, channel="phone")
    assert invite(actor=liaison, complainant=person, for_isva=False).channel == "text"
    with_isva(officer, person, contact="07700 900789")
    assert invite(actor=liaison, complainant=person, for_isva=True).channel == "text"

    other = complainant(officer, case)
    with_isva(officer, other, contact="Jo at the centre")
    with pytest.raises(ValidationError, match="not an e-mail address or a UK mobile number"):
        invite(actor=liaison, complainant=other, for_isva=True)
    with_isva(officer, other, contact="adviser@isva.example.org")
    assert invite(actor=liaison, complainant=other, for_isva=True).channel == "email"

    by_letter = complainant(officer, case, channel="letter")
    with pytest.raises(ValidationError, match="asked to be contacted by letter"):
        invite(actor=liaison, complainant=by_letter, for_isva=False)


@pytest.mark.parametrize(
    "bar",
    [
        ("under_18_band", False, "under 18"),
        ("under_18_born", False, "under 18"),
        ("no_contact", False, "want no contact"),
        ("no_wishes", False, "Record the communication wishes"),
        ("isva_without_consent", True, "has not consented to sharing with their ISVA"),
        ("no_isva", True, "No ISVA is recorded"),
    ],
)
def test_who_may_not_be_invited(officer: User, liaison: User, case: Case, bar: tuple[str, bool, str]) -> None:
    arrange, for_isva, refusal = bar
    seventeen = years_before(timezone.localdate(), 17)
    person = {
        "under_18_band": lambda: complainant(officer, case, age_band="under_18", date_of_birth=None),
        "under_18_born": lambda: complainant(officer, case, date_of_birth=seventeen),
        "no_wishes": lambda: complainant(officer, case, wishes=False),
    }.get(arrange, lambda: complainant(officer, case))()
    if arrange == "no_contact":
        set_wishes(person, no_contact=True)
    if arrange == "isva_without_consent":
        with_isva(officer, person, consent=False)
    with pytest.raises(ValidationError, match=refusal):
        invite(actor=liaison, complainant=person, for_isva=for_isva)
    assert not Invitation.objects.exists()
    # Without a reader (as the portal asks on every request) the date of birth is not read: the age band only.
    reads = IdentityRead.objects.count()
    assert bool(eligibility_problems(person, for_isva=for_isva)) == (arrange != "under_18_born")
    assert IdentityRead.objects.count() == reads


@pytest.mark.parametrize(
    "person_of",
    list(
        itertools.product(["under_18", "25_34"], ["none", "no_contact", "recorded"], ["none", "no_consent", "consent"])
    ),
)
def test_the_query_that_keeps_invitations_standing_agrees_with_the_reasons_given(
    officer: User, liaison: User, case: Case, person_of: tuple[str, str, str]
) -> None:
    """Every portal request asks STILL_ELIGIBLE (one query); the staff pages and the sender give the reasons
    (eligibility_problems): for each person and each bar, both say the same."""
    age_band, wishes, isva = person_of
    person = complainant(officer, case, age_band=age_band, date_of_birth=None, wishes=wishes != "none")
    if wishes == "no_contact":
        set_wishes(person, no_contact=True)
    if isva != "none":
        with_isva(officer, person, consent=isva == "consent")
    for for_isva in (False, True):
        invitation = Invitation.objects.create(
            complainant=person,
            for_isva=for_isva,
            channel="email",
            sent_by=liaison,
            expires_at=timezone.now() + timedelta(days=1),
            accepted_at=timezone.now(),
            user=User.objects.create(
                username=f"own-view-{for_isva}", role=Role.ISVA if for_isva else Role.COMPLAINANT
            ),
        )
        assert standing(invitation) == (not eligibility_problems(person, for_isva=for_isva)), (for_isva, person)


def test_withdrawn_support_is_no_bar_and_the_service_must_be_switched_on(
    officer: User, liaison: User, case: Case
) -> None:
    person = complainant(officer, case)
    record_withdrawal(actor=officer, complainant=person, withdrew_on=date(2024, 6, 1), stage="investigation")
    assert eligibility_problems(person, for_isva=False) == []
    with override_settings(ONE_LOGIN_CLIENT_ID=""), pytest.raises(ValidationError, match="not switched on here"):
        invite(actor=liaison, complainant=person, for_isva=False)


def test_only_the_areas_letter_writers_invite(
    officer: User, prosecutor: User, case: Case, user_of: Callable[..., User]
) -> None:
    person = complainant(officer, case)
    with pytest.raises(PermissionDenied):
        invite(actor=officer, complainant=person, for_isva=False)
    elsewhere = user_of(Role.VICTIM_LIAISON_OFFICER, cps_area="North East")
    with pytest.raises(PermissionDenied):
        invite(actor=elsewhere, complainant=person, for_isva=False)
    assert not Invitation.objects.exists()
    assert invite(actor=prosecutor, complainant=person, for_isva=False).sent_by == prosecutor


def test_withdrawing_consent_ends_the_isvas_access_at_once(officer: User, liaison: User, case: Case) -> None:
    person = complainant(officer, case)
    with_isva(officer, person)
    invitation = invite(actor=liaison, complainant=person, for_isva=True)
    send_pending_messages()
    accept_invitation(hashed=link_hash(secret_in(mail.outbox[0].body)), subject="isva-subject")
    invitation.refresh_from_db()
    assert standing(invitation)

    with_isva(officer, person, consent=False)
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert not standing(invitation)
    ended = TimelineEvent.objects.get(case=case, verb=Verb.OWN_VIEW_ENDED)
    assert ended.summary == (
        "The ISVA of Complainant A can no longer see the case: "
        "the complainant no longer consents to sharing with their ISVA"
    )


def test_ending_access_asks_why_and_for_confirmation_and_records_it(officer: User, liaison: User, case: Case) -> None:
    person = complainant(officer, case)
    invitation = invite(actor=liaison, complainant=person, for_isva=False)
    client = signed_in(liaison)
    url = reverse("victims:revoke-invitation", args=[case.pk, invitation.pk])
    asked = client.get(url).content.decode()
    for reason in ("At the complainant&#x27;s request", "Safeguarding concern", "Sent to the wrong person", "Other"):
        assert reason in asked
    missing = client.post(url, {})
    assert "Select" in missing.content.decode()
    assert "govuk-error-summary" in missing.content.decode()
    confirm = client.post(url, {"reason": "safeguarding"}).content.decode()
    assert "Are you sure?" in confirm
    assert Invitation.objects.get(pk=invitation.pk).revoked_at is None, "nothing changes before it is confirmed"
    done = client.post(url, {"reason": "safeguarding", "confirmed": "yes"})
    assert done["Location"] == _page(case, person.pk)
    invitation.refresh_from_db()
    assert (invitation.revoked_by, invitation.revoked_at is not None) == (liaison, True)
    event = TimelineEvent.objects.get(case=case, verb=Verb.OWN_VIEW_ENDED)
    assert event.summary == "Complainant A can no longer see their case: Safeguarding concern"
    page = client.get(_page(case, person.pk)).content.decode()
    assert "Ended on" in page
    assert "safeguarding concern" in page
    with pytest.raises(ValidationError, match="already ended"):
        revoke(actor=liaison, invitation=invitation, reason="other")


def test_the_page_invites_sends_a_new_link_and_shows_each_state(officer: User, liaison: User, case: Case) -> None:
    person = complainant(officer, case)
    client = signed_in(liaison)
    url = _page(case, person.pk)
    page = client.get(url).content.decode()
    assert "Exit this page" in page
    assert page.count("Not invited") == 2, "the complainant and their ISVA"
    assert "No ISVA is recorded for Complainant A." in page

    assert client.post(url, {"who": "complainant", "action": "invite"})["Location"] == url
    page = client.get(url).content.decode()
    assert "Link not sent yet by e-mail" in page
    assert "Send a new link" in page

    again = client.post(url, {"who": "complainant", "action": "invite"}).content.decode()
    assert "govuk-error-summary" in again
    assert "send a new link instead" in again

    send_pending_messages()
    first = secret_in(mail.outbox[0].body)
    assert "Link sent by e-mail on" in client.get(url).content.decode()
    client.post(url, {"who": "complainant", "action": "new_link"})
    send_pending_messages()
    second = secret_in(mail.outbox[1].body)
    with pytest.raises(ValidationError):
        accept_invitation(hashed=link_hash(first), subject="someone-else")
    accept_invitation(hashed=link_hash(second), subject="complainant-subject")
    page = client.get(url).content.decode()
    assert "Joined on" in page
    assert "Has not looked since joining" in page
    assert "Send a new link" not in page, "a joined person signs in with One Login, with no link"

    invitation = Invitation.objects.get()
    record_look(invitation, page="journey")
    assert "Last looked" in client.get(url).content.decode()


def test_the_page_refuses_what_cannot_be_invited_with_the_reason(officer: User, liaison: User, case: Case) -> None:
    person = complainant(officer, case, channel="letter")
    url = _page(case, person.pk)
    refused = signed_in(liaison).post(url, {"who": "complainant", "action": "invite"}).content.decode()
    assert "There is a problem" in refused
    assert "Complainant A asked to be contacted by letter" in refused
    with override_settings(ONE_LOGIN_CLIENT_ID=""):
        off = signed_in(liaison).post(url, {"who": "complainant", "action": "invite"}).content.decode()
    assert "The own view is not switched on here." in off


def test_other_roles_get_403_and_other_areas_404(
    officer: User, liaison: User, case: Case, user_of: Callable[..., User]
) -> None:
    person = complainant(officer, case)
    invitation = invite(actor=liaison, complainant=person, for_isva=False)
    elsewhere = signed_in(user_of(Role.VICTIM_LIAISON_OFFICER, cps_area="North East"))
    pages = [_page(case, person.pk), reverse("victims:revoke-invitation", args=[case.pk, invitation.pk])]
    for url in pages:
        assert signed_in(officer).get(url).status_code == 403
        assert elsewhere.get(url).status_code == 404
    assert signed_in(officer).post(pages[0], {"who": "complainant", "action": "new_link"}).status_code == 403
    assert elsewhere.post(pages[0], {"who": "complainant", "action": "invite"}).status_code == 404
    assert Invitation.objects.count() == 1


def test_the_complainants_tab_shows_access_last_look_changes_and_open_requests(
    officer: User, liaison: User, case: Case
) -> None:
    person = complainant(officer, case)
    with_isva(officer, person)
    invitation = invite(actor=liaison, complainant=person, for_isva=False)
    invite(actor=liaison, complainant=person, for_isva=True)
    send_pending_messages()
    user = accept_invitation(hashed=link_hash(secret_in(mail.outbox[0].body)), subject="complainant-subject")
    invitation.refresh_from_db()
    record_look(invitation, page="journey")
    record_event(
        actor=user,
        case=case,
        verb=Verb.WISHES_CHANGED_BY_COMPLAINANT,
        stage=Stage.VICTIM,
        payload={"complainant": person.label, "changed": "how to contact them, language"},
    )
    request = OwnViewRequest.objects.create(invitation=invitation, kind="call_me")

    client = signed_in(liaison)
    tab = client.get(reverse("victims:case-complainants", args=[case.pk])).content.decode()
    assert "Joined" in tab
    assert "Last looked" in tab
    assert "ISVA: <strong" in tab
    assert "Invited" in tab
    assert "how to contact them, language" in tab
    assert "Asked to be called" in tab
    assert "Mark as answered" in tab
    assert _page(case, person.pk) in tab

    answered = client.post(reverse("victims:answer-request", args=[case.pk, request.pk]))
    assert answered["Location"] == reverse("victims:case-complainants", args=[case.pk])
    request.refresh_from_db()
    assert (request.answered_by, request.answered_at is not None) == (liaison, True)
    assert "Mark as answered" not in client.get(reverse("victims:case-complainants", args=[case.pk])).content.decode()
    assert signed_in(officer).post(reverse("victims:answer-request", args=[case.pk, request.pk])).status_code == 403
