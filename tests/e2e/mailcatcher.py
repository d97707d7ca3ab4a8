"""A real SMTP server on loopback (aiosmtpd) that keeps every message the portal sends."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller

MAIL_TIMEOUT_S = 20


class _Collector:
    def __init__(self, inbox: list[EmailMessage], lock: threading.Lock) -> None:
        self._inbox, self._lock = inbox, lock

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        with self._lock:
            self._inbox.append(message)
        return "250 Message accepted for delivery"


class MailCatcher:
    """Start before the portal; the portal gets ``KWPORTAL_SMTP_HOST/PORT`` pointing here."""

    def __init__(self, port: int) -> None:
        self.host, self.port = "127.0.0.1", port
        self.messages: list[EmailMessage] = []
        self._lock = threading.Lock()
        self._controller = Controller(
            _Collector(self.messages, self._lock), hostname=self.host, port=port
        )

    def start(self) -> None:
        self._controller.start()

    def stop(self) -> None:
        self._controller.stop()

    def to(self, address: str) -> list[EmailMessage]:
        with self._lock:
            return [m for m in self.messages if address.lower() in str(m["To"]).lower()]

    def wait_for(
        self,
        address: str,
        match: Callable[[EmailMessage], bool] = lambda _m: True,
        *,
        after: int = 0,
        timeout: float = MAIL_TIMEOUT_S,
    ) -> EmailMessage:
        """The first message to ``address`` (beyond the first ``after`` ones) that matches."""
        deadline = time.monotonic() + timeout
        while True:
            found = [m for m in self.to(address)[after:] if match(m)]
            if found:
                return found[0]
            if time.monotonic() > deadline:
                subjects = [str(m["Subject"]) for m in self.to(address)]
                raise AssertionError(f"no matching mail to {address} (got {subjects})")
            time.sleep(0.1)  # polling for a mail sent after the HTTP answer


def body_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None, "the mail has no text part"
    return str(part.get_content())


def link_in(message: EmailMessage, path: str) -> str:
    """The first link to ``path`` (e.g. ``/invite``) in the mail's text."""
    pattern = r"https?://[^\s/]+" + re.escape(path) + r"\?token=[A-Za-z0-9_-]+"
    found = re.search(pattern, body_of(message))
    assert found, f"no {path} link in the mail:\n{body_of(message)}"
    return found.group(0)
