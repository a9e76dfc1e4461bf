"""GOV.UK Notify as a Django e-mail backend, the service's production default (``EMAIL_BACKEND``).

Every message goes through one plain template whose subject is ``((subject))`` and body ``((body))``, with a
``reference`` naming the outbox row it came from. Notify can be asked which notifications carry a reference, which is
what makes the outbox exactly-once across a crash: a message whose earlier send may have been accepted (the sender
died, or the answer never came back) is looked up by its reference before it is sent again (``reminders.outbox``).
Requests time out after ``EMAIL_TIMEOUT`` seconds, so a Notify that does not answer never holds a worker for long.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient


class NotifyEmailBackend(BaseEmailBackend):
    """Sends each message to its first recipient through Notify's plain template; see the module's docstring."""

    def __init__(self, fail_silently: bool = False, **kwargs: Any) -> None:
        super().__init__(fail_silently=fail_silently, **kwargs)
        if not (settings.GOVUK_NOTIFY_API_KEY and settings.GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID):
            raise ImproperlyConfigured(
                "Set GOVUK_NOTIFY_API_KEY and GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID for the GOV.UK Notify backend."
            )
        self.client = NotificationsAPIClient(
            settings.GOVUK_NOTIFY_API_KEY, base_url=settings.GOVUK_NOTIFY_BASE_URL, timeout=settings.EMAIL_TIMEOUT
        )

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        """Django's interface, for any caller outside the outbox: no reference, so no check against resending."""
        sent = 0
        for message in email_messages:
            try:
                self.send_with_reference(message, reference=None)
            except APIError:
                if not self.fail_silently:
                    raise
            else:
                sent += 1
        return sent

    def send_with_reference(self, message: EmailMessage, reference: str | None) -> str:
        """Send one message; Notify's id for it. Raises ``APIError`` (with a status code) when Notify refuses it or
        does not answer (the client reports a timeout or a refused connection as a 503)."""
        answer = self.client.send_email_notification(
            email_address=message.to[0],
            template_id=settings.GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID,
            personalisation={"subject": message.subject, "body": message.body},
            reference=reference,
        )
        return str(answer["id"])

    def sent_with_reference(self, reference: str) -> str | None:
        """Notify's id of a notification already sent with ``reference``, or None. Notify keeps notifications for
        seven days, far longer than an outbox message stays unmarked."""
        found = self.client.get_all_notifications(reference=reference).get("notifications", [])
        return str(found[0]["id"]) if found else None
