from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "web"
    verbose_name = "Pages and API"

    def ready(self) -> None:
        from web import lookups  # noqa: F401, PLC0415 - registers the bounded __in lookup on integer columns
