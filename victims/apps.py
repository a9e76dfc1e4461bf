from django.apps import AppConfig


class VictimsConfig(AppConfig):
    name = "victims"

    def ready(self) -> None:
        # Connects the receiver that opens the letter each charging decision owes every complainant, and registers
        # complainants' identities with the identity screen (cases.identity_screen).
        from victims import identity, letters  # noqa: F401, PLC0415
