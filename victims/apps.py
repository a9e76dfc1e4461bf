from django.apps import AppConfig


class VictimsConfig(AppConfig):
    name = "victims"

    def ready(self) -> None:
        # Registers complainants' identities with the identity screen (cases.identity_screen).
        from victims import identity, receivers  # noqa: F401, PLC0415 - and connects the receivers
