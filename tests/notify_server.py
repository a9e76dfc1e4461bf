"""A GOV.UK Notify look-alike on loopback for the e-mail outbox's and the own view's tests, with faults to switch on.

It answers the calls the service makes, as Notify does: ``POST /v2/notifications/email`` and
``POST /v2/notifications/sms`` (the own view's text messages: phone_number, template_id, personalisation {"body"},
reference), each 201 with the new notification's id, and ``GET /v2/notifications?reference=…`` (the notifications of
either kind sent with that reference; ``template_type`` narrows it to "email" or "sms"), each only with a JSON Web
Token signed by the API key's secret and issued by its service id, as notifications-python-client sends it. What it
accepted is kept in ``accepted``, so a test counts each reference's messages on the server itself.

Switches: ``fail_next(n)`` answers the next n sends with 500; ``refuse(address)`` answers sends to it (an e-mail
address or a phone number) with 400 BadRequestError; ``hang`` takes sends and never answers; ``delay`` waits before
answering each send; ``hold_after`` (a number) accepts that many, then accepts the next and holds its answer until the
server stops, so that a sender killed then dies in the window between Notify's acceptance and its own record of it;
``die()`` closes the port, so that connections are refused."""

from __future__ import annotations

import json
import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from notifications_python_client.authentication import decode_jwt_token, get_token_issuer
from notifications_python_client.errors import TokenError

SERVICE_ID = str(uuid.uuid4())
SECRET = str(uuid.uuid4())
# Notify's key format: a name, then the service id and the secret (the client takes them from the end).
API_KEY = f"rasso_tests-{SERVICE_ID}-{SECRET}"
TEMPLATE_ID = str(uuid.uuid4())
SMS_TEMPLATE_ID = str(uuid.uuid4())
# What each kind of notification is sent to, and the personalisation its plain template takes.
KINDS = {
    "/v2/notifications/email": ("email", "email_address", TEMPLATE_ID, {"subject", "body"}),
    "/v2/notifications/sms": ("sms", "phone_number", SMS_TEMPLATE_ID, {"body"}),
}


class NotifyServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.accepted: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        self.failures_to_come = 0
        self.refused: set[str] = set()
        self.hang = False
        self.delay = 0.0
        self.hold_after: int | None = None
        self.released = threading.Event()  # ends every hanging answer when the server stops

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def fail_next(self, times: int) -> None:
        self.failures_to_come = times

    def refuse(self, address: str) -> None:
        self.refused.add(address)

    def per_reference(self) -> Counter[str]:
        with self.lock:
            return Counter(str(n["reference"]) for n in self.accepted)

    def die(self) -> None:
        """Stop answering and close the port: the next connection is refused."""
        self.released.set()
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: NotifyServer

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the test output shows failures, not every request."""

    def _answer(self, status: int, body: dict[str, Any]) -> None:
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _error(self, status: int, error: str, message: str) -> None:
        self._answer(status, {"errors": [{"error": error, "message": message}], "status_code": status})

    def _signed(self) -> bool:
        token = self.headers.get("Authorization", "").removeprefix("Bearer ")
        try:
            return get_token_issuer(token) == SERVICE_ID and decode_jwt_token(token, SECRET)
        except TokenError:
            return False

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if not self._signed():
            return self._error(403, "AuthError", "Invalid token")
        if url.path != "/v2/notifications":
            return self._error(404, "NotFound", "Not found")
        query = parse_qs(url.query)
        reference = query.get("reference", [None])[0]
        kind = query.get("template_type", [None])[0]
        with self.server.lock:
            found = [
                n
                for n in self.server.accepted
                if (reference is None or n["reference"] == reference) and (kind is None or n["type"] == kind)
            ]
        return self._answer(200, {"notifications": found, "links": {"current": self.path}})

    def do_POST(self) -> None:  # noqa: PLR0911 - one answer for each fault
        if not self._signed():
            return self._error(403, "AuthError", "Invalid token")
        if self.path not in KINDS:
            return self._error(404, "NotFound", "Not found")
        kind, to, template_id, fields = KINDS[self.path]
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if self.server.hang:
            self.server.released.wait()
            return None
        if self.server.delay:
            self.server.released.wait(self.server.delay)
        with self.server.lock:
            if self.server.failures_to_come:
                self.server.failures_to_come -= 1
                return self._error(500, "Exception", "Internal server error")
            if body.get(to) in self.server.refused:
                return self._error(400, "BadRequestError", f"Not a valid {to.replace('_', ' ')}")
            if body["template_id"] != template_id or set(body["personalisation"]) != fields:
                return self._error(400, "BadRequestError", "Template not found or missing personalisation")
            notification = {
                "id": str(uuid.uuid4()),
                "reference": body.get("reference"),
                to: body[to],
                "type": kind,
                "status": "created",
                "subject": body["personalisation"].get("subject", ""),
                "body": body["personalisation"]["body"],
            }
            self.server.accepted.append(notification)
            held = self.server.hold_after is not None and len(self.server.accepted) > self.server.hold_after
        if held:
            self.server.released.wait()
            return None
        return self._answer(201, {"id": notification["id"], "reference": notification["reference"]})


@contextmanager
def notify_server() -> Iterator[NotifyServer]:
    """A running server; stopped (and any hanging answer released) on the way out."""
    server = NotifyServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        if thread.is_alive():
            server.die()


def notify_settings(server: NotifyServer) -> dict[str, Any]:
    """The settings that send the outbox, and the own view's e-mails and texts, through ``server``."""
    return {
        "EMAIL_BACKEND": "reminders.notify.NotifyEmailBackend",
        "GOVUK_NOTIFY_API_KEY": API_KEY,
        "GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID": TEMPLATE_ID,
        "GOVUK_NOTIFY_PLAIN_SMS_TEMPLATE_ID": SMS_TEMPLATE_ID,
        "GOVUK_NOTIFY_BASE_URL": server.url,
    }
