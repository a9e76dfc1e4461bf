"""The action-plan escalation sweeper, run by Celery beat; safe to repeat and to run on several workers."""

import logging

from celery import shared_task

from actionplans.escalation import raise_due_reviews
from reminders.services import send_pending_emails

logger = logging.getLogger(__name__)


@shared_task(name="actionplans.tasks.raise_due_reviews", acks_late=True)
def raise_due_reviews_task() -> int:
    raised = raise_due_reviews()
    emailed = send_pending_emails()
    logger.info("action-plan sweep raised %d review points and sent %d e-mails", raised, emailed)
    return raised
