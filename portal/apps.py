from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The complainant's own view of their case, and their ISVA's: plain-English pages reached through GOV.UK One
    Login, scoped to the invitations a victim liaison officer made (victims.models.own_view)."""

    name = "portal"

    def ready(self) -> None:
        """Tells One Login's sign-in (accounts.one_login, which may not import victims) how invitations are accepted
        and whether one still stands."""
        from accounts.one_login import register_invitations  # noqa: PLC0415 - the app registry must be ready first
        from victims.invitations import accept_invitation, has_standing  # noqa: PLC0415

        register_invitations(accept=accept_invitation, has_standing=has_standing)
