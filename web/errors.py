"""How the API reports the domain's refusals: field errors are 400, a ``Refusal`` its own status and body (a move
the journey does not allow is 409, a role that may not make it 403), an address no endpoint matches a JSON 404."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views import defaults
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from accounts.roles import OWN_VIEW_ROLES
from web.refusals import Refusal


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        return Response(detail, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Refusal):
        return Response(exc.payload(), status=exc.http_status)
    if isinstance(exc, PermissionDenied):
        return Response({"detail": str(exc) or "You do not have permission."}, status=status.HTTP_403_FORBIDDEN)
    return exception_handler(exc, context)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: a request refused before the middleware that reads its session (a Host header the service does
    not answer to, say) has no user yet; the 400 page's header asks for one, so it is given the anonymous user."""
    if not hasattr(request, "user"):
        request.user = AnonymousUser()
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": "Bad request."}, status=status.HTTP_400_BAD_REQUEST)
    return defaults.bad_request(request, exception)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler404: an address under /api/ that no endpoint matches answers in JSON like every API refusal; the
    complainant's own view, and anyone signed in to it, get its own 404 page, in its frame and language; other pages
    get the service's 404 page."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=status.HTTP_404_NOT_FOUND)
    if in_own_view(request):
        return defaults.page_not_found(request, exception, template_name="portal/404.html")
    return defaults.page_not_found(request, exception)


def in_own_view(request: HttpRequest) -> bool:
    """Whether the request is the complainant's own view's: an address under it, or a person signed in to it."""
    user = getattr(request, "user", None)
    own_view_user = user is not None and user.is_authenticated and user.role in OWN_VIEW_ROLES
    return own_view_user or request.path_info.startswith(reverse("portal:home"))
