"""What the complainant does from their own view, as they use the pages: their wishes changed (and a bad form keeping
what they typed), a call asked for once, a Victims' Right to Review only within its time limit, and telling us they no
longer support the prosecution, which never withdraws it. The victim liaison officers are told each time, naming the
case by its URN; the ISVA may ask to be called and gets a 404 on the rest; staff and other complainants get 404."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from cases.models import Case, TimelineEvent
from cases.models.timeline import Verb
from reminders.models import Notification, Reminder
from reminders.services import deliver_due_reminders
from tests.clients import sign_in_own_view, signed_in
from tests.factories import make_case
from tests.world import OWN_VIEW_SETTINGS, accepted
from victims.identity import add_complainant
from victims.letters import draft_letter, open_letter, send_letter
from victims.models import CommunicationKind, Complainant, Invitation, OwnViewRequest, VrrRequest
from victims.models.limits import SAFE_TIMES_MAX_LENGTH
from victims.own_view import invite
from victims.services import record_isva, record_wishes

pytestmark = pytest.mark.django_db

NAME = "Philippa Wrenford-Achterberg"
EMAIL = "philippa@example.org"


@pytest.fixture(autouse=True)
def _own_view_on(settings: Any) -> None:
    for name, value in OWN_VIEW_SETTINGS.items():
        setattr(settings, name, value)


@pytest.fixture
def case(officer: User) -> Case:
    return make_case(officer_in_charge=officer, reported_on=timezone.localdate() - relativedelta(years=1))


@pytest.fixture
def complainant(officer: User, liaison: User, case: Case) -> Complainant:
    """Complainant A, who wants e-mails, with an ISVA she consents to share with."""
    complainant = add_complainant(actor=officer, case=case, name=NAME, email=EMAIL)
    record_wishes(
        actor=liaison, complainant=complainant, channel="email", updated_on=timezone.localdate(), safe_times="Evenings"
    )
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


@pytest.fixture
def isva_invitation(liaison: User, complainant: Complainant) -> Invitation:
    return accepted(invite(actor=liaison, complainant=complainant, for_isva=True), "isva-subject")


def own_view(invitation: Invitation) -> Client:
    client = Client()
    sign_in_own_view(client, invitation)
    return client


def url(name: str, invitation: Invitation) -> str:
    return reverse(f"portal:{name}", args=[invitation.public_id])


def events(case: Case, verb: Verb) -> list[str]:
    return [event.summary for event in TimelineEvent.objects.filter(case=case, verb=verb)]


def told_officers(liaison: User, case: Case) -> list[str]:
    """What the Area's victim liaison officer is told, once the reminders due today are delivered."""
    deliver_due_reminders(now=timezone.now() + timedelta(days=1))
    return list(Notification.objects.filter(recipient=liaison, about_id=case.pk).values_list("message", flat=True))


def nfa_letter_sent(liaison: User, complainant: Complainant, *, on: date) -> None:
    letter = open_letter(actor=liaison, complainant=complainant, kind=CommunicationKind.NFA, decision_on=on)
    draft_letter(actor=liaison, letter=letter)
    send_letter(actor=liaison, letter=letter, sent_on=on, channel="email")


WISHES = {
    "channel": "letter",
    "safe_times": "Weekdays after 6pm",
    "language": "cy",
    "other_language": "",
    "interpreter": "no",
    "accessible_formats": ["large_print"],
    "copy_isva": "yes",
}


def test_the_wishes_form_shows_the_wishes_and_saving_tells_the_officer(
    invitation: Invitation, liaison: User, case: Case, complainant: Complainant
) -> None:
    client = own_view(invitation)
    page = client.get(url("wishes", invitation)).content.decode()
    assert 'name="channel" type="radio" value="email" checked' in page
    assert 'value="Evenings"' in page
    assert 'name="language" type="radio" value="en" checked' in page
    assert "Do you want your ISVA to be sent a copy of what we send you?" in page

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en-gb"
    saved = client.post(url("wishes", invitation), WISHES)
    assert saved.status_code == 302
    assert saved["Location"] == url("journey", invitation)
    assert saved.cookies[settings.LANGUAGE_COOKIE_NAME].value == ""  # the wishes choose the language from now on
    wishes = complainant.wishes
    wishes.refresh_from_db()
    assert (wishes.channel, wishes.safe_times, wishes.language, wishes.interpreter) == (
        "letter",
        "Weekdays after 6pm",
        "Welsh",
        False,
    )
    assert (wishes.accessible_formats, wishes.copy_isva, wishes.updated_on) == (
        ["large_print"],
        True,
        timezone.localdate(),
    )
    assert wishes.history.first().history_user == invitation.user  # type: ignore[attr-defined]
    assert events(case, Verb.WISHES_CHANGED_BY_COMPLAINANT) == [
        "Complainant A changed their communication wishes: how to contact them, safe times, language, "
        "accessible formats, whether their ISVA is copied"
    ]
    told = told_officers(liaison, case)
    assert told == [
        f"Case {case.urn}: Complainant A changed their communication wishes from their own view: how to contact "
        "them, safe times, language, accessible formats, whether their ISVA is copied"
    ]
    assert NAME not in told[0]
    assert EMAIL not in told[0]
    again = own_view(invitation).get(url("wishes", invitation)).content.decode()
    assert '<html lang="cy"' in again  # the own view is in Welsh for her now

    client.post(url("wishes", invitation), WISHES)
    assert len(events(case, Verb.WISHES_CHANGED_BY_COMPLAINANT)) == 1  # saving the same wishes changes nothing


def test_a_bad_wishes_form_keeps_what_was_typed(invitation: Invitation, case: Case, complainant: Complainant) -> None:
    typed = {**WISHES, "language": "other", "safe_times": "x" * (SAFE_TIMES_MAX_LENGTH + 1)}
    refused = own_view(invitation).post(url("wishes", invitation), typed)
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "There is a problem" in page
    assert '<a href="#id_other_language">Enter the language you want us to use</a>' in page
    assert f"Enter {SAFE_TIMES_MAX_LENGTH} characters or fewer" in page
    assert "x" * (SAFE_TIMES_MAX_LENGTH + 1) in page
    assert 'name="channel" type="radio" value="letter" checked' in page
    assert 'name="accessible_formats" type="checkbox" value="large_print" checked' in page
    assert 'name="language" type="radio" value="other" checked' in page
    complainant.wishes.refresh_from_db()
    assert complainant.wishes.channel == "email"
    assert events(case, Verb.WISHES_CHANGED_BY_COMPLAINANT) == []


def test_another_language_is_kept_as_typed(invitation: Invitation, complainant: Complainant) -> None:
    client = own_view(invitation)
    client.post(url("wishes", invitation), {**WISHES, "language": "other", "other_language": "Polish"})
    complainant.wishes.refresh_from_db()
    assert complainant.wishes.language == "Polish"
    page = client.get(url("wishes", invitation)).content.decode()
    assert 'name="language" type="radio" value="other" checked' in page
    assert 'value="Polish"' in page


def test_asking_to_be_called_once(invitation: Invitation, liaison: User, case: Case) -> None:
    client = own_view(invitation)
    page = client.get(url("call-me", invitation)).content.decode()
    assert "A victim liaison officer will call you at the times you told us are safe." in page
    done = client.post(url("call-me", invitation)).content.decode()
    assert "We will call you" in done
    assert "A victim liaison officer will call you at the times you told us." in done
    assert list(OwnViewRequest.objects.values_list("invitation", "kind", "answered_at")) == [
        (invitation.pk, "call_me", None)
    ]
    assert events(case, Verb.CALL_REQUESTED) == ["Complainant A asked to be called"]
    assert told_officers(liaison, case) == [f"Case {case.urn}: Complainant A asked to be called, from their own view"]

    again = client.post(url("call-me", invitation)).content.decode()
    assert "You have already asked us to call you." in again
    assert "You asked us to call you on" in client.get(url("call-me", invitation)).content.decode()
    assert OwnViewRequest.objects.count() == 1


def test_the_isva_may_ask_to_be_called_and_nothing_else(
    isva_invitation: Invitation, invitation: Invitation, case: Case, complainant: Complainant
) -> None:
    client = own_view(isva_invitation)
    for name in ("wishes", "review", "no-longer-support"):
        assert client.get(url(name, isva_invitation)).status_code == 404
        assert client.post(url(name, isva_invitation), WISHES).status_code == 404
        # nor through the complainant's own invitation
        assert client.get(url(name, invitation)).status_code == 404
    assert client.post(url("call-me", invitation)).status_code == 404
    done = client.post(url("call-me", isva_invitation)).content.decode()
    assert "A victim liaison officer will call you." in done
    assert events(case, Verb.CALL_REQUESTED) == ["The ISVA of Complainant A asked to be called"]
    assert not OwnViewRequest.objects.filter(invitation__for_isva=False).exists()
    assert not VrrRequest.objects.exists()
    complainant.wishes.refresh_from_db()
    assert complainant.wishes.channel == "email"


def test_staff_and_other_complainants_get_404(
    invitation: Invitation, liaison: User, officer: User, user_of: object
) -> None:
    other_case = make_case(officer_in_charge=officer, reported_on=timezone.localdate() - relativedelta(years=1))
    other = add_complainant(actor=officer, case=other_case, name="Another Person", email="another@example.org")
    record_wishes(actor=liaison, complainant=other, channel="email", updated_on=timezone.localdate())
    stranger = own_view(accepted(invite(actor=liaison, complainant=other, for_isva=False), "other-subject"))
    staff = signed_in(liaison)
    for name in ("wishes", "call-me", "review", "no-longer-support"):
        assert stranger.get(url(name, invitation)).status_code == 404
        assert stranger.post(url(name, invitation), WISHES).status_code == 404
        assert staff.get(url(name, invitation)).status_code == 404
    assert not OwnViewRequest.objects.exists()
    assert Verb.CALL_REQUESTED not in TimelineEvent.objects.values_list("verb", flat=True)


def test_a_review_within_its_time_limit(
    invitation: Invitation, liaison: User, case: Case, complainant: Complainant
) -> None:
    sent_on = timezone.localdate() - timedelta(days=10)
    nfa_letter_sent(liaison, complainant, on=sent_on)
    client = own_view(invitation)
    last_day = sent_on + relativedelta(months=3)
    page = client.get(url("review", invitation)).content.decode()
    assert f"You can ask until {last_day.day} {last_day:%B %Y}." in page
    done = client.post(url("review", invitation)).content.decode()
    assert "We have your request for a review" in done
    request = VrrRequest.objects.get()
    assert (request.complainant, request.decision_letter_on, request.received_on, request.late_exceptional) == (
        complainant,
        sent_on,
        timezone.localdate(),
        False,
    )
    assert events(case, Verb.VRR_RECEIVED) == ["Victims' Right to Review request from Complainant A"]
    assert f"Case {case.urn}: Complainant A asked for a Victims' Right to Review from their own view" in (
        told_officers(liaison, case)
    )
    asked = client.get(url("review", invitation)).content.decode()
    assert f"You asked for a review on {timezone.localdate().day} {timezone.localdate():%B %Y}." in asked
    assert "Ask for a review</button>" not in asked
    client.post(url("review", invitation))
    assert VrrRequest.objects.count() == 1


def test_a_review_after_its_deadline_is_refused(
    invitation: Invitation, liaison: User, complainant: Complainant
) -> None:
    sent_on = timezone.localdate() - relativedelta(months=3, days=1)
    nfa_letter_sent(liaison, complainant, on=sent_on)
    client = own_view(invitation)
    last_day = sent_on + relativedelta(months=3)
    page = client.get(url("review", invitation)).content.decode()
    assert f"The time to ask for a review ended on {last_day.day} {last_day:%B %Y}." in page
    assert "Ask for a review</button>" not in page
    refused = client.post(url("review", invitation)).content.decode()
    assert f"The time to ask for a review ended on {last_day.day} {last_day:%B %Y}." in refused
    assert not VrrRequest.objects.exists()


def test_no_review_without_a_decision_to_review(invitation: Invitation) -> None:
    client = own_view(invitation)
    assert (
        "There is no decision for you to ask us to review." in client.get(url("review", invitation)).content.decode()
    )
    assert (
        "There is no decision for you to ask us to review." in client.post(url("review", invitation)).content.decode()
    )
    assert not VrrRequest.objects.exists()


def test_no_longer_supporting_starts_the_follow_up_and_never_withdraws(
    invitation: Invitation, liaison: User, case: Case, complainant: Complainant
) -> None:
    client = own_view(invitation)
    page = client.get(url("no-longer-support", invitation)).content.decode()
    assert "This does not stop the case by itself." in page
    assert "Nothing changes until then." in page
    assert not OwnViewRequest.objects.exists()
    done = client.post(url("no-longer-support", invitation)).content.decode()
    assert "We have told your victim liaison officer" in done
    assert list(OwnViewRequest.objects.values_list("kind", flat=True)) == ["no_longer_supports"]
    complainant.refresh_from_db()
    assert (complainant.withdrew_support_on, complainant.withdrawal_stage) == (None, "")
    assert events(case, Verb.NO_LONGER_SUPPORTS) == [
        "Complainant A said they no longer support the prosecution: follow up with them"
    ]
    assert Verb.SUPPORT_WITHDRAWN not in TimelineEvent.objects.values_list("verb", flat=True)
    assert told_officers(liaison, case) == [
        f"Case {case.urn}: Complainant A said they no longer support the prosecution, from their own view: "
        "contact them to talk it through"
    ]
    again = client.post(url("no-longer-support", invitation)).content.decode()
    assert "You have already told us." in again
    assert OwnViewRequest.objects.count() == 1


def test_only_the_areas_victim_liaison_officers_are_reminded(
    invitation: Invitation, liaison: User, case: Case, user_of: object
) -> None:
    own_view(invitation).post(url("call-me", invitation))
    assert set(Reminder.objects.values_list("recipient__role", flat=True)) == {Role.VICTIM_LIAISON_OFFICER}
    assert set(Reminder.objects.values_list("recipient", flat=True)) == {liaison.pk}
