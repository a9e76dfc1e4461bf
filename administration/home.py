"""The administrator's index: every section of the administration pages, each with a line saying what it is for."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.views.decorators.http import require_safe

from administration.access import administrators_only


@require_safe
@administrators_only
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "administration/home.html")


urlpatterns: list[URLPattern] = [path("", home, name="home")]
