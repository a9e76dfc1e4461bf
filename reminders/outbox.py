"""The e-mail outbox: sending each notification's e-mail copy once, whatever fails on the way.

Each message is claimed in a short transaction of its own (SELECT … FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite's
write lock), which marks it ``sending`` with a lease, and committed; it is then sent outside any transaction or lock,
and marked in another short transaction. So a mail server that hangs holds no row and no in-app notification waits on
it, and a sender that dies leaves only the message in its hands, which the next sweep takes once the lease has run out.

Exactly once, and where that holds: with GOV.UK Notify (``reminders.notify``) every message carries a stable
``reference``; a message that may already have been accepted (it was taken before: the sender died before marking it,
or the answer never came) is looked up by that reference first and marked sent if Notify has it, so a crash never
sends it twice. SMTP cannot be asked: each message carries a stable Message-ID made from the same reference, which
lets mail clients that de-duplicate do so, but a sender that dies in the instant between the server's acceptance and
the mark sends that one message again at the next sweep. SMTP is at-least-once across a crash; Notify exactly once.

A refusal that names the message (SMTP 5xx for a recipient or the message, Notify 400) is final: the message goes to
the dead letter at once, for an administrator to see and try again (``reminders.views_outbox``). Anything else is
tried again with exponential backoff (1, 2, 4 … minutes, at most an hour), and goes to the dead letter after
``EMAIL_MAX_ATTEMPTS``. The sweep takes messages by when they are next due, so each failure moves the failed message
behind the others and a bad message never holds good ones back. A failure that says the server itself is unwell (no
connection, a timeout, Notify 5xx or 429) ends the sweep, since the next message would wait just as long.
"""

from __future__ import annotations

import contextlib
import logging
import re
import smtplib
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from notifications_python_client.errors import APIError

from accounts.models import User
from reminders.models import TO_SEND, UNSENT, Email, EmailState, OutboxMessage
from reminders.notify import NotifyEmailBackend

logger = logging.getLogger(__name__)
M = TypeVar("M", bound=OutboxMessage)

# How long one sweep goes on taking messages: under beat's minute, so that sweeps rarely overlap (they may: each
# message is claimed once). 1,000 refused messages and 50 good ones behind them go out in one sweep well within it.
SWEEP_SECONDS = 50
LONGEST_BACKOFF = timedelta(hours=1)
NOTIFY_REFUSED = 400  # Notify's answer to a message it will never send (an invalid address, say)
PERMANENT_SMTP = 500  # SMTP's 5xx replies are final; 4xx ask the sender to try later

# The messages that failed and are waiting on an administrator (dead) or on their backoff: the dead-letter page's.
FAILED = Q(state=EmailState.DEAD) | Q(state=EmailState.PENDING, attempts__gt=0)


@dataclass
class Sweep:
    """What became of the messages one sweep took."""

    delivered: int = 0
    retrying: int = 0
    dead: int = 0


@dataclass(frozen=True)
class Failure:
    """What went wrong, as a class or status code (never an address or the message), and what it means."""

    error: str
    final: bool  # the message itself was refused: trying it again cannot help
    server_unwell: bool  # the next message would fail the same way: end the sweep


class NoAddressError(Exception):
    """The recipient has no e-mail address any more."""


# Refusals of one message after which the connection is still good (smtplib resets the conversation): the next
# message goes on the same connection.
CONVERSATION_GOES_ON = (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError, NoAddressError)


def lease() -> timedelta:
    """How long a sender may hold a message before another takes it: a reference lookup and a send, each bounded by
    ``EMAIL_TIMEOUT``, and as long again to mark it."""
    return timedelta(seconds=3 * settings.EMAIL_TIMEOUT)


def backoff(attempts: int) -> timedelta:
    """How long to wait after the ``attempts``-th failed send: 1, 2, 4, 8 … minutes, at most ``LONGEST_BACKOFF``."""
    return min(timedelta(minutes=2 ** (attempts - 1)), LONGEST_BACKOFF)


def send_pending_emails(*, seconds: float = SWEEP_SECONDS) -> Sweep:
    """Send what is due, one message at a time, for up to ``seconds``; logs (by number only) what became of them."""
    deadline = time.monotonic() + seconds
    sweep = Sweep()
    connection = get_connection()
    try:
        while time.monotonic() < deadline:
            claimed = _claim(timezone.now())
            if claimed is None:
                break
            email, maybe_accepted = claimed
            try:
                provider_reference = _send(connection, email, maybe_accepted=maybe_accepted)
            except Exception as error:  # every failure is classified, recorded, and retried or dead
                if not isinstance(error, CONVERSATION_GOES_ON):
                    close_quietly(connection)
                failure = failure_of(error)
                if mark_failed(email, failure, what="e-mail", dead_means="dead, for an administrator to try again"):
                    sweep.dead += 1
                else:
                    sweep.retrying += 1
                if failure.server_unwell:
                    break
            else:
                mark_sent(email, provider_reference)
                sweep.delivered += 1
    finally:
        close_quietly(connection)
        logger.info("e-mail outbox: delivered %d, will retry %d, dead %d", sweep.delivered, sweep.retrying, sweep.dead)
    return sweep


def close_quietly(connection: BaseEmailBackend) -> None:
    """Close the connection so that the next message opens a fresh one; one that has just failed may fail again on
    the way out (a QUIT to a server that hangs times out), which changes nothing."""
    with contextlib.suppress(OSError):
        connection.close()


def _claim(now: datetime) -> tuple[Email, bool] | None:
    return claim_first(Email.objects.select_related("notification__recipient", "notification__about"), now)


def claim_first(due: QuerySet[M], now: datetime) -> tuple[M, bool] | None:
    """Take the message due first of ``due`` (any outbox's), in a transaction of its own; with whether an earlier send
    may have been accepted (it was taken before)."""
    with transaction.atomic():
        message = (
            due.select_for_update(skip_locked=True, of=("self",))
            .filter(state__in=TO_SEND, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "id")
            .first()
        )
        if message is None:
            return None
        maybe_accepted = message.claimed_at is not None
        message.state = EmailState.SENDING
        message.attempts += 1
        message.claimed_at = now
        message.next_attempt_at = now + lease()
        message.save(update_fields=["state", "attempts", "claimed_at", "next_attempt_at"])
    return message, maybe_accepted


def _message(email: Email) -> EmailMessage:
    notification = email.notification
    if not notification.recipient.email:
        raise NoAddressError
    link = f"{settings.SERVICE_URL}{notification.about.get_absolute_url()}"
    body = (
        f"{notification.message}\n\nOpen the case: {link}\n\n"
        "This message names the case by its URN only. Sign in to the RASSO case-journey tracker to see the details."
    )
    message_id = f"<{email.reference}@{urlsplit(settings.SERVICE_URL).hostname or 'localhost'}>"
    return EmailMessage(
        subject=notification.message,
        body=body,
        to=[notification.recipient.email],
        headers={"Message-ID": message_id},
    )


def _send(connection: BaseEmailBackend, email: Email, *, maybe_accepted: bool) -> str:
    """Send outside any transaction; the provider's reference for the message."""
    message = _message(email)
    if isinstance(connection, NotifyEmailBackend):
        if maybe_accepted and (already := connection.sent_with_reference(email.reference)):
            logger.info("e-mail %d was already accepted by GOV.UK Notify; not sent again", email.pk)
            return already
        return connection.send_with_reference(message, email.reference)
    connection.open()  # kept open for the sweep; closed after a failure, reopened for the next message
    connection.send_messages([message])
    return str(message.extra_headers["Message-ID"])


def mark_sent(message: OutboxMessage, provider_reference: str) -> None:
    """It was sent, whoever holds it now: a later failure by a sender that took it after the lease cannot undo this."""
    type(message)._default_manager.filter(pk=message.pk).update(
        state=EmailState.SENT, sent_at=timezone.now(), provider_reference=provider_reference, last_error=""
    )


def mark_failed(message: OutboxMessage, failure: Failure, *, what: str, dead_means: str) -> bool:
    """Back off, or give up; only if the message is still this sender's. Whether it is now dead. ``what`` names the
    message in the log ("e-mail"), by its number only."""
    dead = failure.final or message.attempts >= settings.EMAIL_MAX_ATTEMPTS
    type(message)._default_manager.filter(
        pk=message.pk, state=EmailState.SENDING, claimed_at=message.claimed_at
    ).update(
        state=EmailState.DEAD if dead else EmailState.PENDING,
        last_error=failure.error,
        next_attempt_at=timezone.now() + backoff(message.attempts),
    )
    logger.warning(
        "%s %d not sent (%s, attempt %d): %s",
        what,
        message.pk,
        failure.error,
        message.attempts,
        dead_means if dead else "will be tried again",
    )
    return dead


def failure_of(error: Exception) -> Failure:
    """What a failed send means: final for the message, or the server unwell (the own view's messages share it)."""
    if isinstance(error, APIError):  # GOV.UK Notify; a timeout or refused connection comes as a 503
        status = error.status_code
        return Failure(
            f"Notify {status} {_notify_error_name(error)}".strip(),
            final=status == NOTIFY_REFUSED,
            server_unwell=status != NOTIFY_REFUSED,
        )
    if isinstance(error, NoAddressError):
        return Failure("NoAddress", final=True, server_unwell=False)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return Failure(f"SMTP {max(codes)}", final=min(codes) >= PERMANENT_SMTP, server_unwell=False)
    if isinstance(error, smtplib.SMTPDataError):
        return Failure(f"SMTP {error.smtp_code}", final=error.smtp_code >= PERMANENT_SMTP, server_unwell=False)
    if isinstance(error, smtplib.SMTPResponseException):  # it refused us (sender, sign-in, 421), not the message
        return Failure(f"SMTP {error.smtp_code}", final=False, server_unwell=True)
    # A timeout, a refused or dropped connection (all OSError), or something unforeseen, tried again.
    return Failure(type(error).__name__, final=False, server_unwell=isinstance(error, OSError))


def _notify_error_name(error: APIError) -> str:
    """Notify's name for the error ("BadRequestError"), never its message, which may quote what was sent."""
    errors = error.message
    name = errors[0].get("error", "") if isinstance(errors, list) and errors and isinstance(errors[0], dict) else ""
    return name if re.fullmatch(r"\w{1,40}", name) else ""


def try_again(emails: QuerySet[Email], *, by: User) -> int:
    """Put failed messages back to be sent at the next sweep with their attempts reset; each is recorded in the
    administration history (as the admin site records changes) with who did it. How many were put back."""
    now = timezone.now()
    with transaction.atomic():
        chosen = list(emails.filter(FAILED).select_for_update().values_list("pk", flat=True))
        for start in range(0, len(chosen), 1000):
            batch = Email.objects.filter(pk__in=chosen[start : start + 1000])
            LogEntry.objects.log_actions(
                user_id=by.pk, queryset=batch, action_flag=CHANGE, change_message="Tried again from the e-mail outbox."
            )
            batch.update(state=EmailState.PENDING, attempts=0, next_attempt_at=now, last_error="")
    return len(chosen)


def counts_by_state() -> Mapping[str, int]:
    """How many messages are waiting, being sent and dead (naught included), for the page and the metrics. Sent ones
    are not counted: they only accumulate, and counting them at every scrape would read the whole table."""
    counted = dict(Email.objects.filter(state__in=UNSENT).values_list("state").annotate(n=Count("id")).order_by())
    return {state.value: counted.get(state, 0) for state in UNSENT}
