from django.contrib import admin

from reminders.models import Notification, Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("key", "due_at", "recipient", "sent_at", "cancelled_at")
    raw_id_fields = ("recipient", "about")


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("message", "recipient", "created_at", "read_at")
    raw_id_fields = ("recipient", "about", "reminder")
