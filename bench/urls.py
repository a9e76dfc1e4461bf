"""The product's routes and the floor: a view that does nothing behind the same middleware (session, sign-in, second
factor), so each page's cost can be given as a multiple of the framework's own."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from rasso.urls import handler404
from rasso.urls import urlpatterns as product


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/floor/", floor, name="bench-floor"), *product]
__all__ = ["handler404", "urlpatterns"]
