"""What accounts does when something happens elsewhere: a disabled user is signed out everywhere at once, not at
their next request. Connected from AccountsConfig.ready()."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.models import User
from accounts.sessions import end_sessions


@receiver(post_save, sender=User, dispatch_uid="end-sessions-of-disabled-user")
def end_sessions_of_disabled_user(sender: type[User], instance: User, **kwargs: Any) -> None:
    if not instance.is_active:
        end_sessions(instance)
