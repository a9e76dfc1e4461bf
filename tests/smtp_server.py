"""An SMTP server on loopback (aiosmtpd) for the e-mail outbox's tests, with faults to switch on.

What it accepted is kept in ``accepted`` (each message's Message-ID and recipients). Switches: ``fail_next(n)`` answers
the next n messages' DATA with 451 (try again later); ``refuse(address)`` answers RCPT TO that address with 550;
``hang`` takes the message and never answers its DATA."""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes
from typing import Any

from aiosmtpd.controller import Controller


class SmtpServer:
    def __init__(self) -> None:
        self.accepted: list[tuple[str, list[str]]] = []
        self.failures_to_come = 0
        self.refused: set[str] = set()
        self.hang = False
        self.lock = threading.Lock()

    def fail_next(self, times: int) -> None:
        self.failures_to_come = times

    def refuse(self, address: str) -> None:
        self.refused.add(address)

    def per_message_id(self) -> Counter[str]:
        with self.lock:
            return Counter(message_id for message_id, _ in self.accepted)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: list[str]) -> str:  # noqa: N802 - aiosmtpd's hook name
        if address in self.refused:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's hook name
        if self.hang:
            await asyncio.sleep(3600)
        with self.lock:
            if self.failures_to_come:
                self.failures_to_come -= 1
                return "451 4.3.0 Try again later"
            message = message_from_bytes(envelope.content)
            self.accepted.append((str(message["Message-ID"]), list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def smtp_server() -> Iterator[tuple[SmtpServer, int]]:
    """A running server and its port; stopped on the way out."""
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's log of every command names the addresses
    server = SmtpServer()
    controller = Controller(server, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield server, controller.port
    finally:
        controller.stop()
