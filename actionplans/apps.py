from django.apps import AppConfig


class ActionplansConfig(AppConfig):
    name = "actionplans"
    verbose_name = "Action plans"

    def ready(self) -> None:
        # Connects the receiver that closes a referral's open plan when a decision or PRFI closes the referral.
        from actionplans import services  # noqa: F401, PLC0415
