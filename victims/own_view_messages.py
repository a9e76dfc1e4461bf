"""The messages the own view sends an invited person, and what they say: the invitation's link, or that there is
something new. Queued here in the caller's transaction; sent by victims.own_view_outbox (a task on the "email" queue,
started when the queueing commits and by beat every minute).

What a message says is all it may say: never the case, a name, a label or what changed, since a phone's lock screen
or a shared inbox shows it to whoever picks it up. The invitation's expiry date is the only date in any of them."""

from __future__ import annotations

import logging
from datetime import datetime

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from reminders.models import EmailState
from victims.language import language_code
from victims.models import Invitation, InvitationChannel, OwnViewMessage
from victims.models.complainant import CommunicationWishes
from victims.models.own_view import MessageKind

logger = logging.getLogger(__name__)

SENDER_TASK = "victims.tasks.send_own_view_messages"
NO_TEXT_PROVIDER = "No text-message provider"


def text_messages_possible() -> bool:
    """Texts go through GOV.UK Notify only: its key and plain text-message template."""
    return bool(settings.GOVUK_NOTIFY_API_KEY and settings.GOVUK_NOTIFY_PLAIN_SMS_TEMPLATE_ID)


def queue_message(invitation: Invitation, kind: str) -> OwnViewMessage:
    """Queue a message to the invited person, at most one waiting of each kind: a message already waiting is sent
    now instead (an invitation's link is made when it is sent, so a waiting one carries the newest link)."""
    waiting = OwnViewMessage.objects.filter(invitation=invitation, kind=kind, state=EmailState.PENDING).first()
    note = "" if invitation.channel == InvitationChannel.EMAIL or text_messages_possible() else NO_TEXT_PROVIDER
    if waiting is not None:
        waiting.channel = invitation.channel
        waiting.next_attempt_at = timezone.now()
        waiting.attempts = 0
        waiting.last_error = note
        waiting.save(update_fields=["channel", "next_attempt_at", "attempts", "last_error"])
        message = waiting
    else:
        message = OwnViewMessage.objects.create(
            invitation=invitation,
            kind=kind,
            channel=invitation.channel,
            next_attempt_at=timezone.now(),
            last_error=note,
        )
    transaction.on_commit(_start_sending)
    return message


def _start_sending() -> None:
    """Send now if the broker answers; beat's next tick sends it otherwise. Named, not imported: the sender reads
    victims.invitations, which asks victims.own_view, which queues here."""
    try:
        current_app.send_task(SENDER_TASK)
    except Exception:  # the broker is Redis, which may be down: beat sends the message within a minute
        logger.warning("own-view messages left for beat: the broker did not answer", exc_info=True)


def invitation_wording(*, link: str, expires_at: datetime, language: str) -> tuple[str, str]:
    """The invitation's subject and body: the link and its expiry, nothing else."""
    with translation.override(language):
        expires_on = formats.date_format(timezone.localtime(expires_at), "j F Y")
        subject = gettext("Your link to sign in")
        body = gettext(
            "You have been invited to see how your case is going. Use this link to sign in with GOV.UK One Login: "
            "%(link)s The link works once and expires on %(date)s."
        ) % {"link": link, "date": expires_on}
    return subject, body


def news_wording(*, language: str) -> tuple[str, str]:
    """The news message's subject and body: that there is something new, and where to sign in."""
    with translation.override(language):
        subject = gettext("There is something new for you")
        body = gettext("There is something new about your case. Sign in to see it: %(link)s") % {
            "link": f"{settings.SERVICE_URL}{reverse('portal:home')}"
        }
    return subject, body


def wording(message: OwnViewMessage, *, link: str = "") -> tuple[str, str]:
    """What ``message`` says (``link`` is the invitation's, made as it is sent)."""
    invitation = message.invitation
    wishes = CommunicationWishes.objects.filter(complainant_id=invitation.complainant_id).first()
    # An ISVA is written to as a professional, in the service's language.
    language = settings.LANGUAGE_CODE if invitation.for_isva else language_code(wishes)
    if message.kind == MessageKind.INVITATION:
        return invitation_wording(link=link, expires_at=invitation.expires_at, language=language)
    return news_wording(language=language)
