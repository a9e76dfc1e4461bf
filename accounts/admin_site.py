"""The Django admin is for administrators only, and signs people in through the service's own sign-in page."""

from django.contrib.admin import AdminSite
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from accounts.models import User
from accounts.roles import Role


def is_administrator(request: HttpRequest) -> bool:
    return isinstance(request.user, User) and request.user.is_active and request.user.role == Role.ADMINISTRATOR


def route_admin_sign_in_to_service(site: AdminSite) -> None:
    def login(request: HttpRequest, extra_context: dict[str, object] | None = None) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_administrator(request):
            raise PermissionDenied
        return redirect("admin:index")

    site.login = login  # type: ignore[method-assign]
    site.has_permission = is_administrator  # type: ignore[method-assign]
