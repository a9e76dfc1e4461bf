"""The own view's message sender, run by Celery beat every ``REMINDER_SWEEP_SECONDS`` and queued when a message is
(victims.own_view_messages), on the "email" queue with the e-mail outbox (CELERY_TASK_ROUTES), so a slow provider
never delays other work. Idempotent: a repeat, or two at once, sends each message once (victims.own_view_outbox)."""

from celery import shared_task

from victims.own_view_outbox import send_pending_messages


@shared_task(acks_late=True)
def send_own_view_messages() -> int:
    return send_pending_messages().delivered
