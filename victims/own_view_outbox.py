"""Sending the own view's messages (victims.own_view_messages) once each, as the e-mail outbox does
(reminders.outbox): each message is claimed in a short transaction of its own with a lease, sent outside any
transaction, and marked in another; failures back off (1, 2, 4 … minutes) and go to the dead letter after
``EMAIL_MAX_ATTEMPTS``, or at once when the message itself is refused (a bad address), where the caseworker sees it
on the complainant's own-view page.

Exactly once through GOV.UK Notify: every message carries its ``reference``, and one that may already have been
accepted (its sender died, or Notify's answer never came) is looked up by it first, and marked sent if Notify has it,
without a new link being made. Texts go through Notify only; without it they wait. E-mails go through Notify, or
Django's ``EMAIL_BACKEND`` (at-least-once across a crash, as the outbox explains).

The address is read when the message is sent, never stored: the complainant's from their encrypted identity (a logged
read, ``victims.identity.read_to_send_message``), the ISVA's from their recorded contact. Log lines carry the
message's id only, never the address or what it says."""

from __future__ import annotations

import logging
import re
import time
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from notifications_python_client.notifications import NotificationsAPIClient

from reminders.models import EmailState
from reminders.notify import NotifyEmailBackend
from reminders.outbox import (
    SWEEP_SECONDS,
    Failure,
    NoAddressError,
    Sweep,
    claim_first,
    close_quietly,
    failure_of,
    mark_failed,
    mark_sent,
)
from victims.identity import read_to_send_message
from victims.invitations import invitation_url, issue_link_secret
from victims.models import CommunicationWishes, Invitation, InvitationChannel, Isva, OwnViewMessage
from victims.models.own_view import MessageKind
from victims.own_view import eligibility_problems, message_channel
from victims.own_view_messages import text_messages_possible, wording

logger = logging.getLogger(__name__)

TO_SEND = (EmailState.PENDING, EmailState.SENDING)


class NotWantedError(Exception):
    """The message is no longer wanted: its invitation ended or was used before its link went, or the complainant
    may no longer be invited (they asked for no contact, or withdrew consent to sharing with their ISVA)."""


def send_pending_messages(*, seconds: float = SWEEP_SECONDS) -> Sweep:
    """Send what is due, one message at a time, for up to ``seconds``; logs (by number only) what became of them."""
    deadline = time.monotonic() + seconds
    sweep = Sweep()
    connection = get_connection()
    texts = _text_client() if text_messages_possible() else None
    try:
        while time.monotonic() < deadline:
            claimed = _claim(timezone.now(), texts=texts is not None)
            if claimed is None:
                break
            message, maybe_accepted = claimed
            try:
                provider_reference = _send(connection, texts, message, maybe_accepted=maybe_accepted)
            except NotWantedError as unwanted:
                _mark_failed(message, Failure(str(unwanted), final=True, server_unwell=False))
                sweep.dead += 1
            except Exception as error:  # every failure is classified, recorded, and retried or dead
                close_quietly(connection)
                failure = failure_of(error)
                if _mark_failed(message, failure):
                    sweep.dead += 1
                else:
                    sweep.retrying += 1
                if failure.server_unwell:
                    break
            else:
                mark_sent(message, provider_reference)
                sweep.delivered += 1
    finally:
        close_quietly(connection)
        logger.info(
            "own-view messages: delivered %d, will retry %d, dead %d", sweep.delivered, sweep.retrying, sweep.dead
        )
    return sweep


def _text_client() -> NotificationsAPIClient:
    return NotificationsAPIClient(
        settings.GOVUK_NOTIFY_API_KEY, base_url=settings.GOVUK_NOTIFY_BASE_URL, timeout=settings.EMAIL_TIMEOUT
    )


def _claim(now: datetime, *, texts: bool) -> tuple[OwnViewMessage, bool] | None:
    """The message due first (texts only when they can be sent), taken as the e-mail outbox takes its own."""
    due = OwnViewMessage.objects.all() if texts else OwnViewMessage.objects.filter(channel=InvitationChannel.EMAIL)
    return claim_first(due, now)


def _already_accepted(connection: BaseEmailBackend, texts: NotificationsAPIClient | None, reference: str) -> str:
    """Notify's id of the notification sent with ``reference``, or "" (also when Notify cannot be asked: SMTP)."""
    if texts is not None:
        found = texts.get_all_notifications(reference=reference).get("notifications", [])
        return str(found[0]["id"]) if found else ""
    if isinstance(connection, NotifyEmailBackend):
        return connection.sent_with_reference(reference) or ""
    return ""


def _address(invitation: Invitation) -> str:
    """Where the message goes, read now: the ISVA's recorded contact, or the complainant's identity (logged)."""
    if invitation.for_isva:
        isva = Isva.objects.filter(complainant_id=invitation.complainant_id).first()
        address = isva.contact.strip() if isva else ""
    else:
        identity = read_to_send_message(complainant=invitation.complainant, on_behalf_of=invitation.sent_by)
        address = identity.email if invitation.channel == InvitationChannel.EMAIL else identity.phone
    return re.sub(r"[\s\-()]", "", address) if invitation.channel == InvitationChannel.TEXT else address


def _send(
    connection: BaseEmailBackend,
    texts: NotificationsAPIClient | None,
    message: OwnViewMessage,
    *,
    maybe_accepted: bool,
) -> str:
    """Send outside any transaction; the provider's reference for the message."""
    invitation = Invitation.objects.select_related("complainant__case", "sent_by").get(pk=message.invitation_id)
    message.invitation = invitation
    is_text = message.channel == InvitationChannel.TEXT
    if maybe_accepted and (already := _already_accepted(connection, texts if is_text else None, message.reference)):
        logger.info("own-view message %d was already accepted by GOV.UK Notify; not sent again", message.pk)
        return already
    if invitation.revoked_at is not None:
        raise NotWantedError("Invitation ended")
    if message.kind == MessageKind.INVITATION and invitation.accepted_at is not None:
        raise NotWantedError("Already joined")
    if eligibility_problems(invitation.complainant, for_isva=invitation.for_isva):
        raise NotWantedError("May no longer be invited")
    wishes = CommunicationWishes.objects.filter(complainant_id=invitation.complainant_id).first()
    if not invitation.for_isva and message_channel(wishes) != message.channel:
        raise NotWantedError("Their wishes rule this out")
    address = _address(invitation)
    if not address:
        raise NoAddressError
    link = invitation_url(issue_link_secret(invitation)) if message.kind == MessageKind.INVITATION else ""
    subject, body = wording(message, link=link)
    if is_text:
        assert texts is not None  # noqa: S101 - only claimed when texts can be sent
        answer = texts.send_sms_notification(
            phone_number=address,
            template_id=settings.GOVUK_NOTIFY_PLAIN_SMS_TEMPLATE_ID,
            personalisation={"body": body},
            reference=message.reference,
        )
        return str(answer["id"])
    email = EmailMessage(subject=subject, body=body, to=[address], headers={"Message-ID": _message_id(message)})
    if isinstance(connection, NotifyEmailBackend):
        return connection.send_with_reference(email, message.reference)
    connection.send_messages([email])
    return _message_id(message)


def _message_id(message: OwnViewMessage) -> str:
    return f"<{message.reference}@{urlsplit(settings.SERVICE_URL).hostname or 'localhost'}>"


def _mark_failed(message: OwnViewMessage, failure: Failure) -> bool:
    return mark_failed(message, failure, what="own-view message", dead_means="dead")
