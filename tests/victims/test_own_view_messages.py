"""The own view's messages against a GOV.UK Notify look-alike on loopback (tests/notify_server.py) and Django's
in-memory mail: the invitation carries a working single-use link and nothing about the case; each message goes once,
even when the sender runs twice or Notify's answer never comes; a refused address waits in the dead letter and shows
on the caseworker's page; news says only that there is something new, reaches the ISVA only when the complainant asked
for them to be copied, and waits (one at a time) while the link has not been used."""

from __future__ import annotations

import signal
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from cases.models import Case, Suspect
from cases.models.timeline import Stage, Verb
from cases.services.common import record_event
from reminders.models import EmailState
from reminders.outbox import Sweep
from tests.celery_worker import WAIT_SECONDS, celery_worker, wait_for
from tests.clients import signed_in
from tests.factories import make_case
from tests.notify_server import NotifyServer, notify_server, notify_settings
from tests.victims.own_view_people import (
    EMAIL,
    ISVA_EMAIL,
    MOBILE,
    NAME,
    complainant,
    secret_in,
    set_wishes,
    with_isva,
)
from victims.invitations import accept_invitation, link_hash, pending_invitation
from victims.models import Complainant, IdentityRead, Invitation, OwnViewMessage
from victims.own_view import invite
from victims.own_view_outbox import send_pending_messages
from victims.tasks import send_own_view_messages

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("own_view_on")]


@pytest.fixture
def own_view_on() -> Iterator[None]:
    with override_settings(ONE_LOGIN_CLIENT_ID="rasso-own-view-tests"):
        yield


@pytest.fixture
def case(officer: User) -> Case:
    return make_case(officer_in_charge=officer, reported_on=date(2024, 1, 10))


@contextmanager
def _notify(**settings: object) -> Iterator[NotifyServer]:
    with notify_server() as server, override_settings(**notify_settings(server), **settings):
        yield server


def _never_says_anything_about(case: Case, person: Complainant, text: str) -> None:
    for secret in (case.urn, person.label, NAME, "Philippa", EMAIL, MOBILE, "Suspect 1", "17 May 1990"):
        assert secret not in text


def test_the_invitation_by_email_carries_a_working_link_and_nothing_about_the_case(
    officer: User, liaison: User, case: Case
) -> None:
    person = complainant(officer, case)
    invitation = invite(actor=liaison, complainant=person, for_isva=False)
    assert send_pending_messages() == Sweep(delivered=1)
    assert send_pending_messages() == Sweep(), "the task running again sends nothing"
    [message] = mail.outbox
    assert message.to == [EMAIL]
    expires_on = f"{timezone.localtime(invitation.expires_at):%-d %B %Y}"
    secret = secret_in(message.body)
    assert message.body == (
        "You have been invited to see how your case is going. Use this link to sign in with GOV.UK One Login: "
        f"http://127.0.0.1:8000/your-case/invitation/{secret}/ The link works once and expires on {expires_on}."
    )
    _never_says_anything_about(case, person, f"{message.subject} {message.body}")
    assert pending_invitation(secret) == invitation
    sent = OwnViewMessage.objects.get()
    assert (sent.state, sent.attempts, sent.provider_reference) == (
        EmailState.SENT,
        1,
        message.extra_headers["Message-ID"],
    )
    # The address was read for the message, as the caseworker who invited: in the log the auditor reads.
    read = IdentityRead.objects.filter(via="message").get()
    assert (read.reader, read.reason) == (liaison, "contact")
    assert read.reader_name.startswith("The service, sending a message for ")


def test_through_notify_each_message_goes_once_by_email_and_by_text(
    officer: User, liaison: User, case: Case, caplog: pytest.LogCaptureFixture
) -> None:
    by_email = complainant(officer, case)
    by_text = complainant(officer, case, channel="phone")
    with_isva(officer, by_text, contact="07700 900789")
    with _notify() as server:
        invite(actor=liaison, complainant=by_email, for_isva=False)
        invite(actor=liaison, complainant=by_text, for_isva=False)
        invite(actor=liaison, complainant=by_text, for_isva=True)
        assert send_pending_messages() == Sweep(delivered=3)
        assert send_pending_messages() == Sweep()
        assert server.per_reference() == {m.reference: 1 for m in OwnViewMessage.objects.all()}
        kinds = sorted((n["type"], n.get("email_address") or n.get("phone_number")) for n in server.accepted)
        assert kinds == [("email", EMAIL), ("sms", "07700900456"), ("sms", "07700900789")]
        for notification in server.accepted:
            _never_says_anything_about(case, by_text, notification["body"])
            assert pending_invitation(secret_in(notification["body"])) is not None
    logged = caplog.text
    for secret in (EMAIL, MOBILE, "07700900456", "07700900789", "invitation/"):
        assert secret not in logged, "the log names messages by id only"


def test_a_message_whose_answer_never_came_is_looked_up_not_sent_again(
    officer: User, liaison: User, case: Case
) -> None:
    """Notify accepted it but the sender never heard (it timed out: as if it died there); the next sweep asks Notify
    by the message's reference, marks it sent, and keeps the link that went out working."""
    person = complainant(officer, case)
    invite(actor=liaison, complainant=person, for_isva=False)
    start = timezone.now()
    with _notify(EMAIL_TIMEOUT=1) as server:
        server.hold_after = 0
        assert send_pending_messages() == Sweep(retrying=1)
        server.hold_after = None
        with time_machine.travel(start + timedelta(minutes=2)):
            assert send_pending_messages() == Sweep(delivered=1)
        [accepted] = server.accepted
        assert server.per_reference() == {OwnViewMessage.objects.get().reference: 1}
    message = OwnViewMessage.objects.get()
    assert (message.state, message.provider_reference) == (EmailState.SENT, accepted["id"])
    assert pending_invitation(secret_in(accepted["body"])) is not None, "no new link replaced the one sent"


def test_a_refused_address_goes_to_the_dead_letter_and_shows_on_the_caseworkers_page(
    officer: User, liaison: User, case: Case
) -> None:
    person = complainant(officer, case)
    other = complainant(officer, case)
    with_isva(officer, other)
    invite(actor=liaison, complainant=person, for_isva=False)
    invite(actor=liaison, complainant=other, for_isva=True)
    with _notify() as server:
        server.refuse(EMAIL)
        assert send_pending_messages() == Sweep(delivered=1, dead=1), "the good one is not held behind the refused one"
        assert [n["email_address"] for n in server.accepted] == [ISVA_EMAIL]
    dead = OwnViewMessage.objects.get(state=EmailState.DEAD)
    assert (dead.attempts, dead.last_error) == (1, "Notify 400 BadRequestError")
    page = signed_in(liaison).get(reverse("victims:own-view", args=[case.pk, person.pk])).content.decode()
    assert "The e-mail with the link failed (Notify 400 BadRequestError)" in page
    assert "Send a new link" in page
    assert EMAIL not in page


def test_texts_wait_without_notify_and_say_so(officer: User, liaison: User, case: Case) -> None:
    person = complainant(officer, case, channel="phone")
    invite(actor=liaison, complainant=person, for_isva=False)
    assert send_pending_messages() == Sweep()
    message = OwnViewMessage.objects.get()
    assert (message.state, message.attempts, message.last_error) == (
        EmailState.PENDING,
        0,
        "No text-message provider",
    )
    page = signed_in(liaison).get(reverse("victims:own-view", args=[case.pk, person.pk])).content.decode()
    assert "Link not sent yet by text message (no text-message provider)" in page
    with _notify() as server:
        assert send_pending_messages() == Sweep(delivered=1)
        assert [n["phone_number"] for n in server.accepted] == ["07700900456"]


def _joined(person: Complainant, *, for_isva: bool, liaison: User) -> Invitation:
    invitation = invite(actor=liaison, complainant=person, for_isva=for_isva)
    mail.outbox.clear()
    send_pending_messages()
    accept_invitation(hashed=link_hash(secret_in(mail.outbox[0].body)), subject=f"subject-{invitation.pk}")
    invitation.refresh_from_db()
    return invitation


def _news(invitation: Invitation) -> list[OwnViewMessage]:
    return list(OwnViewMessage.objects.filter(invitation=invitation, kind="news"))


def test_news_says_only_that_something_is_new_and_copies_the_isva_only_when_asked(
    officer: User, liaison: User, case: Case
) -> None:
    person = complainant(officer, case)
    with_isva(officer, person)
    mine = _joined(person, for_isva=False, liaison=liaison)
    isva = _joined(person, for_isva=True, liaison=liaison)
    bystander = complainant(officer, case)
    not_joined = invite(actor=liaison, complainant=bystander, for_isva=False)
    assert send_pending_messages() == Sweep(delivered=1), "their link"
    suspect = Suspect.objects.get(case=case)

    record_event(actor=officer, suspect=suspect, verb=Verb.SENT_TO_CROWN_COURT, stage=Stage.COURT, payload={})
    record_event(actor=officer, case=case, verb=Verb.WISHES_RECORDED, stage=Stage.VICTIM, payload={})
    assert len(_news(mine)) == 1
    assert _news(isva) == [], "their ISVA is not copied unless the complainant asked"
    assert _news(not_joined) == [], "someone who has not joined gets their link, not news"

    mail.outbox.clear()
    assert send_pending_messages() == Sweep(delivered=1)
    [news] = mail.outbox
    assert news.body == "There is something new about your case. Sign in to see it: http://127.0.0.1:8000/your-case/"
    _never_says_anything_about(case, person, f"{news.subject} {news.body}")
    assert not any(str(year) in news.body for year in range(2020, 2030)), "no date"

    set_wishes(person, copy_isva=True)
    record_event(
        actor=liaison,
        case=case,
        verb=Verb.LETTER_SENT,
        stage=Stage.VICTIM,
        payload={"letter": "Decision letter", "complainant": person.label},
    )
    record_event(
        actor=liaison,
        case=case,
        verb=Verb.SPECIAL_MEASURE_RECORDED,
        stage=Stage.VICTIM,
        payload={"measure": "Screens", "status": "granted", "complainant": person.label},
    )
    assert [m.state for m in _news(mine)] == [EmailState.SENT, EmailState.PENDING], "one waits, however many events"
    assert [m.state for m in _news(isva)] == [EmailState.PENDING]
    mail.outbox.clear()
    assert send_pending_messages() == Sweep(delivered=2)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([EMAIL, ISVA_EMAIL])

    set_wishes(person, no_contact=True)
    record_event(actor=officer, suspect=suspect, verb=Verb.SENTENCED, stage=Stage.COURT, payload={})
    assert OwnViewMessage.objects.filter(state=EmailState.PENDING).count() == 0, "no contact means no news"


@pytest.mark.django_db(transaction=True)
def test_a_sender_killed_once_notify_accepted_the_link_sends_it_once(officer: User, liaison: User, case: Case) -> None:
    """A real worker, killed (SIGKILL) while Notify holds its answer to a message it has accepted: the next sender
    finds the message by its reference once the lease has run out, and the link that went keeps working."""
    person = complainant(officer, case)
    invite(actor=liaison, complainant=person, for_isva=False)
    queue = f"test-{uuid.uuid4().hex}"
    with notify_server() as server:
        server.hold_after = 0
        worker_settings = {key: str(value) for key, value in notify_settings(server).items()} | {"EMAIL_TIMEOUT": "30"}
        with celery_worker(queue, **worker_settings) as worker:
            send_own_view_messages.apply_async(queue=queue)
            assert wait_for(lambda: len(server.accepted) == 1), "the worker never sent the message"
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=WAIT_SECONDS)
        message = OwnViewMessage.objects.get()
        assert message.state == EmailState.SENDING, "it died before it could record the send"

        server.hold_after = None
        with override_settings(**notify_settings(server)), time_machine.travel(message.next_attempt_at):
            assert send_pending_messages() == Sweep(delivered=1)
        [accepted] = server.accepted
        assert server.per_reference() == {message.reference: 1}
    message.refresh_from_db()
    assert (message.state, message.attempts, message.provider_reference) == (EmailState.SENT, 2, accepted["id"])
    assert pending_invitation(secret_in(accepted["body"])) is not None


def test_a_link_waiting_when_the_complainant_asks_for_no_contact_is_never_sent(
    officer: User, liaison: User, case: Case
) -> None:
    person = complainant(officer, case)
    invite(actor=liaison, complainant=person, for_isva=False)
    set_wishes(person, no_contact=True)
    assert send_pending_messages() == Sweep(dead=1)
    assert mail.outbox == []
    assert OwnViewMessage.objects.get().last_error == "May no longer be invited"
