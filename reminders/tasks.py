"""The sweepers, run by Celery beat. ``sweep_due_items`` delivers everything that falls due, of every registered kind,
as in-app notifications; ``send_emails`` sends the e-mail outbox on a queue of its own ("email", CELERY_TASK_ROUTES),
so a mail server that is slow or down never delays an in-app notification. Both are idempotent: a repeat or a
catch-up after downtime repeats nothing."""

import logging

from celery import shared_task

from reminders.due import deliver_everything_due
from reminders.outbox import send_pending_emails

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def sweep_due_items() -> int:
    delivered = deliver_everything_due()
    kinds = ", ".join(f"{count} {kind}" for kind, count in delivered.items())
    logger.info("sweep delivered %s", kinds)
    if any(delivered.values()):
        # Every batch has committed by now; the new e-mails go at once rather than at beat's next tick.
        try:
            send_emails.delay()
        except Exception:  # the broker may have gone since this task was taken: beat's next tick sends them
            logger.warning("the e-mail sweep was not queued; beat will start it", exc_info=True)
    return sum(delivered.values())


@shared_task(acks_late=True)
def send_emails() -> int:
    return send_pending_emails().delivered
