from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = "Reminders and notifications"

    def ready(self) -> None:
        from operations.metrics import register_gauge  # noqa: PLC0415
        from reminders.due import register_due_items  # noqa: PLC0415
        from reminders.outbox import counts_by_state  # noqa: PLC0415
        from reminders.services import deliver_due_reminders, sweeper_lag_seconds  # noqa: PLC0415

        register_due_items("reminders", deliver_due_reminders)
        register_gauge(
            "rasso_email_outbox",
            "E-mail outbox messages waiting, being sent, and dead (given up until an administrator tries again).",
            counts_by_state,
            label="state",
        )
        register_gauge(
            "rasso_sweeper_lag_seconds",
            "How long the oldest reminder that is due has waited to be delivered; 0 when none waits.",
            sweeper_lag_seconds,
        )
