from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Organisations and people"

    def ready(self) -> None:
        from accounts import receivers  # noqa: F401, PLC0415 - connects the receivers
