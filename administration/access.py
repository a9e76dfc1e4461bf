"""Who may use the administration pages: a signed-in administrator (the role, no superuser needed). The one guard of
every administration page; the services the pages call refuse any other role too (accounts.roles.ADMINISTRATORS)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse

from accounts.models import User
from accounts.roles import ADMINISTRATORS
from accounts.scoping import signed_in_user


def administrator(request: HttpRequest) -> User:
    """The signed-in administrator making the request; any other role is refused (403)."""
    user = signed_in_user(request)
    ADMINISTRATORS.require(user.role)
    return user


def administrators_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A view only administrators reach."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        administrator(request)
        return view(request, *args, **kwargs)

    return wrapped
