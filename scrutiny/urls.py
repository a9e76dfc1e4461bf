from django.urls import path

from scrutiny import views

app_name = "scrutiny"

urlpatterns = [
    path("", views.panels, name="panels"),
    path("panels/<int:pk>/", views.panel_page, name="panel"),
    path("samples/<int:pk>/pack/", views.pack_page, name="pack"),
    path("samples/<int:pk>/pack.<str:file_format>", views.pack_download, name="pack-download"),
    path("decisions/<int:pk>/finding/", views.finding, name="finding"),
]
