from django.contrib import admin
from django.http import HttpRequest

from reminders.models import Email, Notification, Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("key", "due_at", "recipient", "sent_at", "cancelled_at")
    raw_id_fields = ("recipient", "about")


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("message", "recipient", "created_at", "read_at")
    raw_id_fields = ("recipient", "about", "reminder")


@admin.register(Email)
class EmailAdmin(admin.ModelAdmin):
    """Read-only: the outbox changes only by sending, and by trying again from its page (recorded in the history)."""

    list_display = ("id", "state", "attempts", "next_attempt_at", "last_error", "sent_at")
    list_filter = ("state",)
    raw_id_fields = ("notification",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Email | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Email | None = None) -> bool:
        return False
