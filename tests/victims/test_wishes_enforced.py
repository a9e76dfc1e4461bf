"""The complainant's wishes, changed from their own view, are enforced from then on: the victim liaison officer's send
form warns before a letter goes against them (a channel they no longer want, no contact, Welsh, their ISVA copied),
and the services refuse what only the complainant may ask, or what a revoked invitation asks."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from cases.models import Case
from tests.clients import date_fields, sign_in_own_view, signed_in
from tests.factories import make_case
from tests.world import OWN_VIEW_SETTINGS, accepted
from victims.identity import add_complainant
from victims.letters import draft_letter, open_letter, send_letter, wishes_warnings
from victims.models import Communication, CommunicationKind, CommunicationWishes, Complainant, Invitation
from victims.own_requests import (
    ask_for_review,
    ask_to_be_called,
    change_own_wishes,
    say_no_longer_supports,
    vrr_deadline,
)
from victims.own_view import EndReason, invite, revoke
from victims.services import record_isva, record_vrr_outcome, record_wishes

pytestmark = pytest.mark.django_db

WISHES: dict[str, Any] = {
    "channel": "phone",
    "safe_times": "",
    "language": "English",
    "interpreter": False,
    "accessible_formats": [],
    "copy_isva": False,
}


@pytest.fixture(autouse=True)
def _own_view_on(settings: Any) -> None:
    for name, value in OWN_VIEW_SETTINGS.items():
        setattr(settings, name, value)


@pytest.fixture
def case(officer: User) -> Case:
    return make_case(officer_in_charge=officer, reported_on=timezone.localdate() - relativedelta(years=1))


@pytest.fixture
def complainant(officer: User, liaison: User, case: Case) -> Complainant:
    """Complainant A, who wants to be phoned, with an ISVA she consents to share with."""
    complainant = add_complainant(actor=officer, case=case, name="Philippa Wrenford", phone="07700 900123")
    record_wishes(actor=liaison, complainant=complainant, channel="phone", updated_on=timezone.localdate())
    record_isva(
        actor=liaison,
        complainant=complainant,
        kind="isva",
        organisation="Rape Crisis",
        contact="isva@example.org",
        consent_to_share=True,
    )
    return complainant


@pytest.fixture
def invitation(liaison: User, complainant: Complainant) -> Invitation:
    return accepted(invite(actor=liaison, complainant=complainant, for_isva=False), "complainant-subject")


def drafted(liaison: User, complainant: Complainant) -> Communication:
    letter = open_letter(
        actor=liaison,
        complainant=complainant,
        kind=CommunicationKind.POINT_OF_CHARGE,
        decision_on=timezone.localdate(),
    )
    return draft_letter(actor=liaison, letter=letter)


def test_wishes_changed_on_the_own_view_are_enforced_on_the_officers_send_form(
    invitation: Invitation, liaison: User, case: Case, complainant: Complainant
) -> None:
    own_view = Client()
    sign_in_own_view(own_view, invitation)
    changed = own_view.post(
        reverse("portal:wishes", args=[invitation.public_id]),
        {"channel": "email", "safe_times": "", "language": "en", "interpreter": "no", "copy_isva": "no"},
    )
    assert changed.status_code == 302

    letter = drafted(liaison, complainant)
    send_url = reverse("victims:send-letter", args=[case.pk, letter.pk])
    officer = signed_in(liaison)
    assert 'value="email" checked' in officer.get(send_url).content.decode()  # offered as she now wants
    by_post = {**date_fields("sent_on", timezone.localdate()), "channel": "letter"}
    interruption = officer.post(send_url, by_post).content.decode()
    assert "Are you sure?" in interruption
    assert "Complainant A asked to be contacted by e-mail." in interruption
    assert Communication.objects.get(pk=letter.pk).sent_on is None

    officer.post(send_url, {**date_fields("sent_on", timezone.localdate()), "channel": "email"})
    assert Communication.objects.get(pk=letter.pk).channel == "email"  # as wished: sent with no interruption


def test_welsh_and_the_isva_copy_are_warned_of(
    invitation: Invitation, liaison: User, complainant: Complainant
) -> None:
    change_own_wishes(invitation=invitation, **{**WISHES, "language": "Welsh", "copy_isva": True})
    complainant.refresh_from_db()
    assert wishes_warnings(complainant, "phone") == [
        "Complainant A asked to be written to in Welsh.",
        "Complainant A asked for their ISVA to be sent a copy: send one to the ISVA too.",
    ]
    letter = draft_letter(actor=liaison, letter=drafted(liaison, complainant), language="en")  # not the Welsh one
    with pytest.raises(ValidationError) as refused:
        send_letter(actor=liaison, letter=letter, sent_on=timezone.localdate(), channel="phone")
    assert "Complainant A asked to be written to in Welsh." in refused.value.message_dict["channel"]


def test_no_contact_is_warned_of(complainant: Complainant) -> None:
    CommunicationWishes.objects.filter(complainant=complainant).update(no_contact=True)
    complainant.refresh_from_db()
    assert wishes_warnings(complainant, "phone") == ["Complainant A has said they want no contact."]


def test_only_the_complainant_changes_wishes_and_says_they_no_longer_support(
    liaison: User, complainant: Complainant, invitation: Invitation
) -> None:
    isva = accepted(invite(actor=liaison, complainant=complainant, for_isva=True), "isva-subject")
    with pytest.raises(PermissionDenied):
        change_own_wishes(invitation=isva, **WISHES)
    with pytest.raises(PermissionDenied):
        say_no_longer_supports(invitation=isva)
    with pytest.raises(PermissionDenied):
        ask_for_review(invitation=isva)
    assert ask_to_be_called(invitation=isva).invitation == isva


def test_a_revoked_invitation_asks_nothing(liaison: User, invitation: Invitation) -> None:
    revoke(actor=liaison, invitation=invitation, reason=EndReason.COMPLAINANTS_REQUEST)
    invitation.refresh_from_db()
    for ask in (ask_to_be_called, say_no_longer_supports, ask_for_review):
        with pytest.raises(PermissionDenied):
            ask(invitation=invitation)
    with pytest.raises(PermissionDenied):
        change_own_wishes(invitation=invitation, **WISHES)


def test_the_isva_cannot_be_chosen_without_consent(
    liaison: User, complainant: Complainant, invitation: Invitation
) -> None:
    record_isva(
        actor=liaison,
        complainant=complainant,
        kind="isva",
        organisation="Rape Crisis",
        contact="x",
        consent_to_share=False,
    )
    for wishes in ({**WISHES, "copy_isva": True}, {**WISHES, "channel": "through_isva"}):
        with pytest.raises(ValidationError):
            change_own_wishes(invitation=invitation, **wishes)


def test_the_review_deadline_runs_from_the_last_decision_letter(
    liaison: User, prosecutor: User, complainant: Complainant, invitation: Invitation
) -> None:
    assert vrr_deadline(complainant) is None
    sent_on = timezone.localdate() - timedelta(days=5)
    letter = open_letter(actor=liaison, complainant=complainant, kind=CommunicationKind.NFA, decision_on=sent_on)
    draft_letter(actor=liaison, letter=letter)
    send_letter(actor=liaison, letter=letter, sent_on=sent_on, channel="phone")
    assert vrr_deadline(complainant) == sent_on + relativedelta(months=3)
    request = ask_for_review(invitation=invitation)
    assert vrr_deadline(complainant) is None  # open
    record_vrr_outcome(actor=prosecutor, request=request, outcome="decision_upheld", outcome_on=timezone.localdate())
    assert vrr_deadline(complainant) is None  # that decision has been reviewed
    with pytest.raises(ValidationError):
        ask_for_review(invitation=invitation)
