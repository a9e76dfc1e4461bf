from django.apps import AppConfig


class RassoConfig(AppConfig):
    """The project's own configuration of Django, made when the apps load: in the web, the worker and commands."""

    name = "rasso"
    verbose_name = "RASSO case-journey tracker"

    def ready(self) -> None:
        from rasso import lookups  # noqa: F401, PLC0415 - registers the bounded __in lookup on integer columns
