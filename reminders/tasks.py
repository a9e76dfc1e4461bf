"""The reminder sweeper, run by Celery beat: idempotent, so a repeat or a catch-up after downtime repeats nothing."""

import logging

from celery import shared_task

from reminders.services import deliver_due_reminders, send_pending_emails

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def sweep_reminders() -> int:
    delivered = deliver_due_reminders()
    emailed = send_pending_emails()
    logger.info("reminder sweep delivered %d reminders and sent %d e-mails", delivered, emailed)
    return delivered
