"""Mail in tests: what a unit queued in its transaction goes out through the very drain the
task queue's worker and ``kwportal jobs run`` use, here to a transport that keeps each
message, so a test sees what would have reached the mail server, synchronously."""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage

from sqlalchemy.engine import Engine

from kwportal.services.jobs import outbox
from kwportal.services.mail import Mail
from kwportal.settings import Settings, get_settings


def as_mail(message: EmailMessage) -> Mail:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None, "the mail has no text part"
    skip = {"From", "To", "Subject", "Message-ID", "Content-Type", "Content-Transfer-Encoding"}
    headers = {k: str(v) for k, v in message.items() if k not in skip and k != "MIME-Version"}
    return Mail(str(message["To"]), str(message["Subject"]), str(part.get_content()), headers)


class Outbox:
    """``drain()`` sends what is due and returns what went out in that drain."""

    def __init__(self, engine: Engine, settings: Settings | None = None) -> None:
        self.engine, self.settings = engine, settings
        self.messages: list[EmailMessage] = []

    def drain(self, now: datetime | None = None) -> list[Mail]:
        batch: list[EmailMessage] = []

        def keep(message: EmailMessage, _first_attempt: bool) -> None:
            batch.append(message)

        outbox.drain(
            engine=self.engine,
            settings=self.settings or get_settings(),
            now=now,
            transport=keep,
        )
        self.messages.extend(batch)
        return [as_mail(message) for message in batch]
