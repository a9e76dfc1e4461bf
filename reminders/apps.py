from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = "Reminders and notifications"

    def ready(self) -> None:
        from reminders.due import register_due_items  # noqa: PLC0415
        from reminders.services import deliver_due_reminders  # noqa: PLC0415

        register_due_items("reminders", deliver_due_reminders)
