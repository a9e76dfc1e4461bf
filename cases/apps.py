from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"

    def ready(self) -> None:
        # Every reminder and notification about a case passes its identity screen on the way out.
        from cases.identity_screen import Screen  # noqa: PLC0415
        from reminders.screening import register_screen  # noqa: PLC0415

        register_screen(Screen)
        # What moves when an administrator changes a deadline number.
        from cases import rescheduling  # noqa: F401, PLC0415
