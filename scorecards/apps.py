from django.apps import AppConfig


class ScorecardsConfig(AppConfig):
    name = "scorecards"

    def ready(self) -> None:
        from scorecards import receivers  # noqa: F401, PLC0415 - connects the journey facts' hook
