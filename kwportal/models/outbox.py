"""Mail waiting to go out (issue 16, item 10): written in the same transaction as the
change it reports, sent by the task queue's worker, retried with backoff. The table is the
truth; the queue only wakes the sender, so a restart or a lost task loses no mail."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, LargeBinary
from sqlmodel import Field, SQLModel

from kwportal.models.base import utcnow

PENDING = "pending"
SENDING = "sending"
SENT = "sent"
FAILED = "failed"


class OutboxMail(SQLModel, table=True):
    """One message. ``payload`` is the message sealed (AES-GCM under a key derived from the
    server secret, bound to ``message_id``): a database dump alone yields no invitation or
    reset link. It and the recipient are emptied once the message is sent.

    ``status``: pending → sending (claimed by one worker until ``lease_until``) → sent, or
    back to pending with ``next_attempt_at`` later; failed when the server refused the
    recipient for good or every attempt was used."""

    __tablename__ = "outbox_mail"
    __table_args__ = (Index("ix_outbox_mail_due", "status", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    message_id: str = Field(max_length=200, unique=True)
    recipient: str = Field(max_length=254)
    payload: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    status: str = Field(default=PENDING, max_length=10)
    attempts: int = 0
    created_at: datetime = Field(default_factory=utcnow)
    next_attempt_at: datetime = Field(default_factory=utcnow)
    #: the claiming worker's random token and how long its claim holds
    claim: str | None = Field(default=None, max_length=32)
    lease_until: datetime | None = None
    last_error: str | None = Field(default=None, max_length=500)
    sent_at: datetime | None = Field(default=None, index=True)
