from django.apps import AppConfig


class ActionplansConfig(AppConfig):
    name = "actionplans"
    verbose_name = "Action plans"

    def ready(self) -> None:
        from actionplans import receivers  # noqa: F401, PLC0415 - connects the receivers
        from actionplans.escalation import raise_due_reviews  # noqa: PLC0415
        from reminders.due import register_due_items  # noqa: PLC0415

        # Review points fall due with everything else, and are raised by the one sweeper.
        register_due_items("review points", raise_due_reviews)
