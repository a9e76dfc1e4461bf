"""The Django admin is for superusers only, and signs people in through the service's own sign-in page. An
administrator who is not a superuser has the service's own administration pages, and is taken there."""

from django.contrib.admin import AdminSite
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from accounts.models import User
from accounts.roles import Role


def is_superuser(request: HttpRequest) -> bool:
    return isinstance(request.user, User) and request.user.is_active and request.user.is_superuser


def route_admin_sign_in_to_service(site: AdminSite) -> None:
    def login(request: HttpRequest, extra_context: dict[str, object] | None = None) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if is_superuser(request):
            return redirect("admin:index")
        if isinstance(request.user, User) and request.user.role == Role.ADMINISTRATOR:
            return redirect("administration:home")
        raise PermissionDenied

    site.login = login  # type: ignore[method-assign]
    site.has_permission = is_superuser  # type: ignore[method-assign]
