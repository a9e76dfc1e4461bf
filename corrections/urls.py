"""A correction page for each kind of record the table declares, under its case:
/cases/<case>/corrections/<records>/<record>/ (the case's own details at /cases/<case>/corrections/case/), and the
complainant's details at /cases/<case>/corrections/complainants/<complainant>/."""

from django.urls import path

from corrections import views
from corrections.table import CORRECTABLE

app_name = "corrections"

urlpatterns = [
    path("cases/<int:pk>/corrections/case/", views.correct_record, {"kind": "case"}, name="case"),
    *(
        path(
            f"cases/<int:pk>/corrections/{spec.path}/<int:{spec.parameter}>/",
            views.correct_record,
            {"kind": kind},
            name=kind,
        )
        for kind, spec in CORRECTABLE.items()
        if kind != "case"
    ),
    path(
        "cases/<int:pk>/corrections/complainants/<int:complainant_pk>/",
        views.correct_complainant,
        name="complainant",
    ),
]
