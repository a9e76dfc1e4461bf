"""The service's pages about itself (web/pages.py), linked from every page's footer."""

from django.urls import path

from web import pages

app_name = "pages"

urlpatterns = [
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("cookies/", pages.cookies, name="cookies"),
]
