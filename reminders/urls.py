from django.urls import path

from reminders import views, views_outbox

app_name = "reminders"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/read/", views.notification_read, name="read"),
    path("settings/", views.notification_settings, name="settings"),
    path("outbox/", views_outbox.outbox, name="outbox"),
    path("outbox/try-again/", views_outbox.outbox_try_again, name="outbox-try-again"),
]
