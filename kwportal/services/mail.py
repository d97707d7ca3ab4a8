"""Outgoing mail. A use case hands :class:`Mail` objects to its unit (``ctx.send``); the
runner writes them to the outbox in the unit's own transaction, so a rolled-back change
never sends a message and a committed one never loses it. The task queue's worker renders
and delivers them (:mod:`kwportal.services.jobs.outbox`) with :func:`deliver`. Mail never
carries medical content: it says *that* something happened and links to the portal."""

from __future__ import annotations

import base64
import logging
import smtplib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

from kwportal.settings import Settings

log = logging.getLogger(__name__)
SMTP_TIMEOUT_S = 10
MESSAGE_ID_DOMAIN = "kracht-werkt.nl"
#: an SMTP reply from this code up is the server's final word (RFC 5321 §4.2.1)
PERMANENT_REPLY = 500


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file sent along, e.g. the iCalendar invitation of a consult (``text/calendar``).
    Like the body it says only what may travel by mail: never medical content."""

    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Mail:
    to: str
    subject: str
    body: str
    headers: dict[str, str] = field(default_factory=dict)
    attachments: tuple[Attachment, ...] = ()


def mail_fields(mail: Mail) -> dict[str, Any]:
    """The mail as JSON-ready fields (the outbox seals them; attachments in base64)."""
    return {
        "to": mail.to,
        "subject": mail.subject,
        "body": mail.body,
        "headers": mail.headers,
        "attachments": [
            [a.filename, a.content_type, base64.b64encode(a.data).decode("ascii")]
            for a in mail.attachments
        ],
    }


def mail_from_fields(fields: dict[str, Any]) -> Mail:
    """The inverse of :func:`mail_fields`; mail sealed before attachments existed has none."""
    return Mail(
        fields["to"],
        fields["subject"],
        fields["body"],
        dict(fields["headers"]),
        tuple(
            Attachment(str(name), str(kind), base64.b64decode(data))
            for name, kind, data in fields.get("attachments", ())
        ),
    )


class DeliveryError(Exception):
    """The message did not go out. ``permanent`` when the server refused the recipient
    for good (5xx): trying again would only be refused again."""

    def __init__(self, reason: str, *, permanent: bool = False) -> None:
        super().__init__(reason)
        self.permanent = permanent


def new_message_id() -> str:
    return make_msgid(domain=MESSAGE_ID_DOMAIN)


def render(mail: Mail, sender: str, message_id: str) -> EmailMessage:
    """The message as it goes out; the Message-ID is fixed when the mail is queued, so a
    retry is recognisably the same message."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message["Message-ID"] = message_id
    for name, value in mail.headers.items():
        message[name] = value
    message.set_content(mail.body)
    for attachment in mail.attachments:
        maintype, _, subtype = attachment.content_type.partition("/")
        message.add_attachment(
            attachment.data, maintype=maintype, subtype=subtype, filename=attachment.filename
        )
    return message


def can_deliver(settings: Settings) -> bool:
    """An SMTP host is configured, or demo mode keeps mail in ``data/outbox/``. Without
    either, mail waits in the outbox until one is configured."""
    return bool(settings.smtp_host) or settings.demo


def deliver(message: EmailMessage, settings: Settings, *, first_attempt: bool = True) -> None:
    """Hand one message to the SMTP server (raises :class:`DeliveryError`); in demo mode
    also keep a copy in ``data/outbox/`` on the first attempt, even when SMTP is down."""
    if settings.demo and first_attempt:
        _keep_in_outbox(message, settings)
    if not settings.smtp_host:
        return
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT_S) as smtp:
            smtp.send_message(message)
    except smtplib.SMTPRecipientsRefused as error:
        codes = [code for code, _text in error.recipients.values()]
        permanent = bool(codes) and all(code >= PERMANENT_REPLY for code in codes)
        raise DeliveryError(f"recipient refused ({codes})", permanent=permanent) from error
    except smtplib.SMTPResponseException as error:
        raise DeliveryError(f"SMTP {error.smtp_code}: {_text(error.smtp_error)}") from error
    except (OSError, smtplib.SMTPException, ValueError) as error:
        raise DeliveryError(f"{type(error).__name__}: {error}") from error


def _text(raw: bytes | str) -> str:
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)


def _keep_in_outbox(message: EmailMessage, settings: Settings) -> None:
    settings.outbox_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    (settings.outbox_dir / f"{stamp}.eml").write_bytes(message.as_bytes())
