"""Issuing and revoking the API tokens of systems that call the API. A token is shown once, when it is issued: the
database keeps only its digest (knox), so a lost token is revoked and a new one issued, never read back."""

from __future__ import annotations

from datetime import timedelta

from knox.settings import CONSTANTS, knox_settings

from accounts.models import ApiToken, User
from accounts.roles import OWN_VIEW_ROLES

# The characters a token begins with, kept in clear beside its digest so that knox can find it: enough for an
# administrator to tell one of a user's tokens from another, far too few to use (15 of 64).
PREFIX_LENGTH: int = CONSTANTS.TOKEN_KEY_LENGTH


def issue(user: User, days: int | None = None) -> tuple[ApiToken, str]:
    """A new token for the user, expiring after ``days`` (API_TOKEN_TTL_DAYS by default): its row and the token,
    which exists nowhere else once the caller has handed it over. A complainant's or ISVA's account has no API."""
    if user.role in OWN_VIEW_ROLES:
        raise ValueError("Complainants and ISVAs cannot have API tokens.")
    expiry = knox_settings.TOKEN_TTL if days is None else timedelta(days=days)
    row, token = ApiToken.objects.create(user=user, expiry=expiry)
    return row, token


def revoke_all(user: User) -> int:
    """Revoke every token the user holds; the number revoked."""
    revoked, _ = ApiToken.objects.filter(user=user).delete()
    return revoked


def revoke_beginning(prefix: str) -> int:
    """Revoke the token beginning with these characters (its first PREFIX_LENGTH, as the admin shows them, or the
    whole token); the number revoked."""
    if len(prefix) < PREFIX_LENGTH:
        raise ValueError(f"Give the first {PREFIX_LENGTH} characters of the token.")
    revoked, _ = ApiToken.objects.filter(token_key=prefix[:PREFIX_LENGTH]).delete()
    return revoked
