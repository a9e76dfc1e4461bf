"""The session engine (``SESSION_ENGINE``): Django's database sessions, each row naming its user."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

from accounts.models import User, UserSession


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls) -> type[UserSession]:
        return UserSession

    def create_model_instance(self, data: dict[str, Any]) -> UserSession:
        session = super().create_model_instance(data)
        user_id = data.get(SESSION_KEY)
        session.user_id = int(user_id) if user_id is not None else None  # type: ignore[attr-defined]
        return session  # type: ignore[return-value]


def end_sessions(user: User) -> int:
    """Sign the user out everywhere: their sessions are deleted on the server, so no cookie of theirs works again."""
    deleted, _ = UserSession.objects.filter(user=user).delete()
    return deleted
