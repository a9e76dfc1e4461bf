"""The Django admin signs people in through the service's own sign-in page, so there is one way in."""

from django.contrib.admin import AdminSite
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


def route_admin_sign_in_to_service(site: AdminSite) -> None:
    def login(request: HttpRequest, extra_context: dict[str, object] | None = None) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_staff:
            raise PermissionDenied
        return redirect("admin:index")

    site.login = login  # type: ignore[method-assign]
