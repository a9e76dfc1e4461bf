from django.urls import path

from audit import views

app_name = "audit"

urlpatterns = [path("cases/<int:pk>/history/", views.case_history_page, name="case-history")]
