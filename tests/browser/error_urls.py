"""The project's URLs plus one view that fails, to show the 500 page in a browser."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from rasso.urls import urlpatterns as project_urlpatterns


def fail(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a deliberate failure for the 500 page test")


urlpatterns = [*project_urlpatterns, path("test-failure/", fail)]
