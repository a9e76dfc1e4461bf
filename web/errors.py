"""How the API reports the domain's refusals: field errors are 400, a ``Refusal`` its own status and body (a move
the journey does not allow is 409, a role that may not make it 403), an address no endpoint matches a JSON 404."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler

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
    """handler404: an address under /api/ that no endpoint matches answers in JSON like every API refusal; pages get
    the service's 404 page."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=status.HTTP_404_NOT_FOUND)
    return defaults.page_not_found(request, exception)
