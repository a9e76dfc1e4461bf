"""The sweeper, run by Celery beat: everything that falls due, of every registered kind, then the e-mail outbox.
The one task that sends e-mail; idempotent, so a repeat or a catch-up after downtime repeats nothing."""

import logging

from celery import shared_task

from reminders.due import deliver_everything_due
from reminders.services import send_pending_emails

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def sweep_due_items() -> int:
    delivered = deliver_everything_due()
    emailed = send_pending_emails()
    kinds = ", ".join(f"{count} {kind}" for kind, count in delivered.items())
    logger.info("sweep delivered %s and sent %d e-mails", kinds, emailed)
    return sum(delivered.values())
