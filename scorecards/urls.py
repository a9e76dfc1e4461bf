from django.urls import path

from scorecards import views, views_import

app_name = "scorecards"

urlpatterns = [
    path("", views.index, name="index"),
    path("scorecard.<str:file_format>", views.download, name="download"),
    path("police-nfa-outcomes.csv", views.police_outcomes_download, name="police-outcomes-download"),
    path("published/<int:pk>/<str:version>.<str:file_format>", views.snapshot_download, name="snapshot-download"),
    path("publish/", views.publish, name="publish"),
    path("import/", views_import.import_journeys, name="import-journeys"),
    path("import/<int:pk>/", views_import.import_status, name="import"),
]
