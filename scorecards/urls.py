from django.urls import path

from scorecards import views

app_name = "scorecards"

urlpatterns = [
    path("", views.index, name="index"),
]
