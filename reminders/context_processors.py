"""The unread-notification count shown in the header."""

from django.http import HttpRequest

from accounts.models import User
from reminders.models import Notification


def unread_notifications(request: HttpRequest) -> dict[str, int]:
    if not isinstance(request.user, User):
        return {}
    return {"unread_notifications": Notification.objects.filter(recipient=request.user, read_at__isnull=True).count()}
