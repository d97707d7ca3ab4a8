"""Outgoing mail. Services return :class:`Mail` objects; callers send them after the
transaction commits, so a rolled-back change never sends a message. Mail never carries
medical content: it says *that* something happened and links to the portal."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import make_msgid

from kwportal.settings import Settings

log = logging.getLogger(__name__)
SMTP_TIMEOUT_S = 10


@dataclass(frozen=True, slots=True)
class Mail:
    to: str
    subject: str
    body: str
    headers: dict[str, str] = field(default_factory=dict)


def _message(mail: Mail, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message["Message-ID"] = make_msgid(domain="kracht-werkt.nl")
    for name, value in mail.headers.items():
        message[name] = value
    message.set_content(mail.body)
    return message


def send_all(mails: Iterable[Mail], settings: Settings) -> int:
    """Send each mail over SMTP when a host is configured; in demo mode also keep a copy in
    ``data/outbox/``. Returns how many went out; failures are logged, never raised, since
    the change they report is already committed."""
    sent = 0
    for mail in mails:
        message = _message(mail, settings.mail_from)
        if settings.demo:
            _keep_in_outbox(message, settings)
        if not settings.smtp_host:
            if not settings.demo:
                log.warning("no SMTP host configured: mail to %s not sent", mail.to)
                continue
        else:
            try:
                with smtplib.SMTP(
                    settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT_S
                ) as smtp:
                    smtp.send_message(message)
            except (OSError, smtplib.SMTPException):
                log.exception("mail to %s not sent", mail.to)
                continue
        sent += 1
    return sent


def _keep_in_outbox(message: EmailMessage, settings: Settings) -> None:
    settings.outbox_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    (settings.outbox_dir / f"{stamp}.eml").write_bytes(message.as_bytes())
