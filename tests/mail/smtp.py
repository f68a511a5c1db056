"""A real SMTP server (aiosmtpd) on a free loopback port, for tests to read what Mend sent."""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import threading
import time
from email.message import EmailMessage

from aiosmtpd.controller import Controller


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _Handler:
    def __init__(self, server: MailServer) -> None:
        self.server = server

    async def handle_RCPT(self, _server, _session, envelope, address, _options):  # type: ignore[no-untyped-def]
        self.server.delivery_started.set()
        while self.server.stall.is_set():  # a server that stops answering mid-conversation
            await asyncio.sleep(0.05)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, _server, _session, envelope):  # type: ignore[no-untyped-def]
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.server.lock:
            self.server.messages.append(message)  # type: ignore[arg-type]
        return "250 Message accepted"


class MailServer:
    """Starts and stops like a real mail server going away and coming back (same port)."""

    def __init__(self) -> None:
        self.port = free_port()
        self.messages: list[EmailMessage] = []
        self.lock = threading.Lock()
        self.stall = threading.Event()
        self.delivery_started = threading.Event()
        self._controller: Controller | None = None

    @property
    def url(self) -> str:
        """MEND_SMTP_URL for this server."""
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Accept connections (again)."""
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        """Refuse connections, as a mail server that is down."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def received(self) -> list[EmailMessage]:
        """A copy of every message accepted so far."""
        with self.lock:
            return list(self.messages)

    def wait_for(self, count: int, *, timeout: float = 20.0) -> list[EmailMessage]:
        """Wait until at least count messages arrived; return them all."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.received()) >= count:
                return self.received()
            time.sleep(0.05)
        raise AssertionError(f"expected {count} mails, got {len(self.received())}")


def text_of(message: EmailMessage) -> str:
    """The plain-text and HTML parts of a message, joined (for searching)."""
    parts = [part.get_content() for part in message.walk() if part.get_content_maintype() == "text"]
    return "\n".join(parts)
