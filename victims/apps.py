from django.apps import AppConfig


class VictimsConfig(AppConfig):
    name = "victims"

    def ready(self) -> None:
        # Connects the receiver that opens the letter each charging decision owes every complainant.
        from victims import letters  # noqa: F401, PLC0415
