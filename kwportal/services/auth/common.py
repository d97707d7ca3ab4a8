"""Shared pieces of the sign-in services: tokens, results, audit helpers."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session

from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.i18n.fmt import local_date
from kwportal.models import Account
from kwportal.services import audit
from kwportal.services.mail import Mail

#: 256 bits; the issue asks for at least 128
TOKEN_BYTES = 32
MAX_USERNAME = 150
MAX_CODE_INPUT = 40


@dataclass(frozen=True, slots=True)
class Context:
    """Where a request comes from, when, and the server secret for keyed hashes."""

    access: audit.AccessPoint
    now: datetime
    secret: str
    origin: str

    @property
    def today(self) -> date:
        """The calendar day in the Netherlands (``now`` is UTC): what "today" means for a
        deadline, a date field's upper bound or a consent's last day (issue 18 item 3)."""
        return local_date(self.now)


@dataclass
class Outcome:
    """What a sign-in step produced: ``error`` is a translation key or empty."""

    error: str = ""
    token: str = ""
    stage: str = ""
    retry_after: int = 0
    mails: list[Mail] = field(default_factory=list)
    data: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.error


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def keyed_hash(secret: str, value: str) -> str:
    """HMAC-SHA-256 under the server secret: a stolen table alone cannot test guesses."""
    return hmac.new(secret.encode(), value.encode(), hashlib.sha256).hexdigest()


def username_key(secret: str, username: str) -> str:
    return keyed_hash(secret, "user:" + username.strip().lower()[:MAX_USERNAME])


def actor_of(account: Account | None) -> Actor:
    if account is None:
        return Actor(account_id=None, role=Role.SYSTEM)
    return Actor(
        account_id=account.id,
        role=Role(account.role),
        organisation_id=account.organisation_id,
        employee_id=account.employee_id,
    )


def log(
    session: Session,
    ctx: Context,
    event_type: str,
    account: Account | None,
    *,
    action: audit.Action = audit.Action.LOGIN,
    details: dict[str, object] | None = None,
) -> None:
    audit.record(
        session,
        actor=actor_of(account),
        access=ctx.access,
        event_type=event_type,
        action=action,
        ground=audit.Ground.SECURITY,
        subject_employee_id=account.employee_id if account else None,
        details=details,
        secret=ctx.secret,
        now=ctx.now,
    )
