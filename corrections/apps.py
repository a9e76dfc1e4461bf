from django.apps import AppConfig


class CorrectionsConfig(AppConfig):
    name = "corrections"

    def ready(self) -> None:
        # Gives the case's change history each correction's reason in full (audit.history.notes_from).
        from corrections import notes  # noqa: F401, PLC0415
