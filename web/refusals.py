"""The refusal every rule raises when it refuses a step: the pages show its message on the form (or refuse the page
when it is of who is asking), the API answers with its status and body (``web.errors``). The journey's own refusals
(``cases.transitions``) are kinds of it."""

from http import HTTPStatus
from typing import Any, ClassVar


class Refusal(Exception):  # noqa: N818 - the domain's words
    """A step refused by a rule: the message says why; the API answers with ``http_status`` and ``payload()``."""

    http_status: ClassVar[int] = HTTPStatus.CONFLICT

    @property
    def forbidden(self) -> bool:
        """Whether the refusal is of who is asking (a 403), not of what is asked."""
        return self.http_status == HTTPStatus.FORBIDDEN

    def payload(self) -> dict[str, Any]:
        return {"detail": str(self)}
