from django.urls import path

from reminders import views

app_name = "reminders"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/read/", views.notification_read, name="read"),
    path("settings/", views.notification_settings, name="settings"),
]
