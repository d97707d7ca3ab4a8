"""The mail outbox (issue 16, item 10): :func:`enqueue` writes a unit's mail in the unit's
own transaction; :func:`drain` sends what is due, one message at a time, with retries and
exponential backoff.

Several workers may drain at once, on SQLite or PostgreSQL: a worker first *claims* a row
with one conditional UPDATE (pending and due, or a claim whose lease ran out) that only one
of them can win, sends outside any transaction, and settles the row only while its claim
still holds. A message is therefore sent once; only a worker killed between the server's
"250" and the settling commit leaves it to be sent again after the lease, with the same
Message-ID so the receiver can tell.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

from cryptography.exceptions import InvalidTag
from sqlalchemy import and_, delete, func, or_, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.db import get_engine, read_transaction, transaction
from kwportal.models.outbox import FAILED, PENDING, SENDING, SENT, OutboxMail
from kwportal.services import mail as mailer
from kwportal.services.jobs.sealing import seal, unseal
from kwportal.services.mail import DeliveryError, Mail
from kwportal.settings import Settings, get_settings

log = logging.getLogger(__name__)

FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=1)
#: 1, 2, 4 … 32 minutes, then hourly: about two days of SMTP trouble before giving up
MAX_ATTEMPTS = 48
#: longer than any SMTP conversation (each step times out after SMTP_TIMEOUT_S)
LEASE = timedelta(minutes=5)
KEEP_SENT = timedelta(days=30)
BATCH = 200

#: hands one message to the mail server; raises DeliveryError when it did not go out
Transport = Callable[[EmailMessage, bool], None]


def utcnow() -> datetime:
    return datetime.now(UTC)


def backoff(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed attempt: doubling, capped."""
    doublings = min(max(attempts - 1, 0), 20)  # far past the cap; keeps the number small
    wait: timedelta = FIRST_RETRY * 2**doublings
    return min(wait, LONGEST_WAIT)


# --- writing: in the caller's transaction ---


def enqueue(session: Session, mails: Iterable[Mail], *, now: datetime, secret: str) -> int:
    """Queue ``mails`` in the caller's open transaction; they go out only if it commits."""
    count = 0
    for mail in mails:
        message_id = mailer.new_message_id()
        session.add(
            OutboxMail(
                message_id=message_id,
                recipient=mail.to[:254],
                payload=seal(mail, message_id, secret),
                created_at=now,
                next_attempt_at=now,
            )
        )
        count += 1
    return count


# --- sending ---


@dataclass(frozen=True, slots=True)
class Claimed:
    id: int
    token: str
    message_id: str
    recipient: str
    payload: bytes
    attempts: int


@dataclass
class Drained:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    #: due but not attempted: no SMTP host configured (and not in demo mode)
    waiting: int = 0

    def summary(self) -> str:
        return (
            f"{self.sent} sent, {self.retrying} to retry, {self.failed} failed, "
            f"{self.waiting} waiting for an SMTP host"
        )


def _due(now: datetime):  # type: ignore[no-untyped-def]
    return or_(
        and_(col(OutboxMail.status) == PENDING, col(OutboxMail.next_attempt_at) <= now),
        and_(col(OutboxMail.status) == SENDING, col(OutboxMail.lease_until) < now),
    )


def claim_next(engine: Engine, now: datetime) -> Claimed | None:
    """Take the oldest due message for this worker, or None when nothing is due. The
    UPDATE's condition repeats the due test, so of two workers racing for a row exactly
    one changes it (PostgreSQL re-checks it after the winner commits; SQLite writers queue)."""
    token = uuid.uuid4().hex
    for _race in range(5):
        with transaction(engine) as session:
            found = session.exec(
                select(OutboxMail.id)
                .where(_due(now))
                .order_by(col(OutboxMail.id))
                .limit(1)
                .with_for_update(skip_locked=True)
            ).first()
            if found is None:
                return None
            won = session.execute(
                update(OutboxMail)
                .where(col(OutboxMail.id) == found, _due(now))
                .values(
                    status=SENDING,
                    claim=token,
                    lease_until=now + LEASE,
                    attempts=OutboxMail.attempts + 1,
                )
            )
            if won.rowcount == 1:  # type: ignore[attr-defined]
                row = session.get(OutboxMail, found, populate_existing=True)
                assert row is not None and row.id is not None
                return Claimed(
                    row.id, token, row.message_id, row.recipient, row.payload, row.attempts
                )
    return None


def settle(engine: Engine, claimed: Claimed, now: datetime, error: DeliveryError | None) -> str:
    """Record the attempt while the claim holds; the status the row got ('' if the claim
    was lost to another worker after the lease ran out)."""
    if error is None:
        values: dict[str, object] = {"status": SENT, "sent_at": now, "last_error": None}
        values.update(payload=b"", recipient="")  # the row keeps neither content nor address
    elif error.permanent or claimed.attempts >= MAX_ATTEMPTS:
        values = {"status": FAILED, "last_error": str(error)[:500]}
    else:
        values = {
            "status": PENDING,
            "next_attempt_at": now + backoff(claimed.attempts),
            "last_error": str(error)[:500],
        }
    with transaction(engine) as session:
        done = session.execute(
            update(OutboxMail)
            .where(col(OutboxMail.id) == claimed.id, col(OutboxMail.claim) == claimed.token)
            .values(claim=None, lease_until=None, **values)
        )
    if done.rowcount != 1:  # type: ignore[attr-defined]
        log.warning("mail %s: claim lost before it was settled", claimed.message_id)
        return ""
    return str(values["status"])


def _attempt(claimed: Claimed, settings: Settings, transport: Transport) -> DeliveryError | None:
    try:
        mail = unseal(claimed.payload, claimed.message_id, settings.secret_key)
    except (InvalidTag, ValueError, KeyError) as error:
        log.error("mail %s cannot be opened (%s)", claimed.message_id, type(error).__name__)
        return DeliveryError("sealed under another server secret", permanent=True)
    try:
        message = mailer.render(mail, settings.mail_from, claimed.message_id)
    except ValueError as error:  # e.g. a line break in a header: no retry mends that
        return DeliveryError(f"cannot be rendered: {error}", permanent=True)
    try:
        transport(message, claimed.attempts == 1)
    except DeliveryError as error:
        return error
    return None


def smtp_transport(settings: Settings) -> Transport:
    def send(message: EmailMessage, first_attempt: bool) -> None:
        mailer.deliver(message, settings, first_attempt=first_attempt)

    return send


def drain(
    *,
    engine: Engine | None = None,
    settings: Settings | None = None,
    now: datetime | None = None,
    transport: Transport | None = None,
    limit: int = BATCH,
) -> Drained:
    """Send what is due (at ``now``, the real time by default), at most ``limit`` messages;
    then forget the content of mail sent long ago. Never raises for a delivery problem."""
    engine = engine or get_engine()
    settings = settings or get_settings()
    report = Drained()
    if transport is None:
        if not mailer.can_deliver(settings):
            report.waiting = waiting(engine, now or utcnow())
            if report.waiting:
                log.warning("no SMTP host configured: %d mails wait", report.waiting)
            return report
        transport = smtp_transport(settings)
    for _ in range(limit):
        at = now or utcnow()
        claimed = claim_next(engine, at)
        if claimed is None:
            break
        error = _attempt(claimed, settings, transport)
        status = settle(engine, claimed, now or utcnow(), error)
        _count(report, status, claimed, error)
    purge_sent(engine, now or utcnow())
    return report


def _count(report: Drained, status: str, claimed: Claimed, error: DeliveryError | None) -> None:
    if status == SENT:
        report.sent += 1
    elif status == PENDING:
        report.retrying += 1
        log.warning(
            "mail %s to %s not sent (attempt %d): %s",
            claimed.message_id,
            claimed.recipient,
            claimed.attempts,
            error,
        )
    elif status == FAILED:
        report.failed += 1
        log.error(
            "mail %s to %s given up after %d attempts: %s",
            claimed.message_id,
            claimed.recipient,
            claimed.attempts,
            error,
        )


def waiting(engine: Engine, now: datetime) -> int:
    with read_transaction(engine) as session:
        return int(
            session.exec(select(func.count()).select_from(OutboxMail).where(_due(now))).one()
        )


def purge_sent(engine: Engine, now: datetime) -> int:
    """Sent rows keep no content; after ``KEEP_SENT`` the row itself goes."""
    with transaction(engine) as session:
        gone = session.execute(
            delete(OutboxMail).where(
                col(OutboxMail.status) == SENT, col(OutboxMail.sent_at) < now - KEEP_SENT
            )
        )
    return int(gone.rowcount)  # type: ignore[attr-defined]


def retry_failed(engine: Engine, now: datetime) -> int:
    """Put every given-up message back in line (after the SMTP trouble was fixed)."""
    with transaction(engine) as session:
        again = session.execute(
            update(OutboxMail)
            .where(col(OutboxMail.status) == FAILED)
            .values(status=PENDING, attempts=0, next_attempt_at=now)
        )
    return int(again.rowcount)  # type: ignore[attr-defined]
