from django.urls import path

from dashboards import views, views_workload

app_name = "dashboards"

urlpatterns = [
    path("", views.home, name="home"),
    path("workload/", views_workload.workload_page, name="workload"),
    path("workload/download/", views_workload.workload_download, name="workload-download"),
]
