"""The API's rates (REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]): each user's requests, by session or any of their
tokens, and each token's own, so that one system's runaway client neither starves its user's other tokens of their
share nor escapes the user's. Histories live in the default cache (Redis in production). Over a rate is a 429 with
Retry-After, answered by web.errors like every refusal; a request refused sign-in never reaches them. When the cache
does not answer (Redis down) a request is let through, logged: the service keeps working without Redis, and a rate
is a guard against runaway clients, not a rule of the domain."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, cast

from knox.models import AuthToken
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

if TYPE_CHECKING:  # REST framework imports the throttles while it defines APIView
    from rest_framework.request import Request
    from rest_framework.views import APIView


logger = logging.getLogger(__name__)


class _Throttle(SimpleRateThrottle):
    def allow_request(self, request: Request, view: APIView) -> bool:
        try:
            return super().allow_request(request, view)
        except Exception:  # the cache is Redis, which may be down; the request is answered unthrottled
            logger.warning("API %s rate not applied: the cache did not answer", self.scope, exc_info=True)
            return True

    def get_rate(self) -> str | None:
        """The rate as the settings say now: REST framework's own reads it once, at import, so a changed setting
        (a test's, say) would never reach it."""
        rates = cast("dict[str, str | None]", api_settings.DEFAULT_THROTTLE_RATES)
        return rates[str(self.scope)]


class UserThrottle(_Throttle):
    scope = "user"

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        if not request.user or not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class TokenThrottle(_Throttle):
    scope = "token"

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        if not isinstance(request.auth, AuthToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.digest}
