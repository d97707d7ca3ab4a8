"""Writing and verifying the NEN 7513-style audit log.

Every read of another person's personal data and every change calls :func:`record` inside
the same transaction as the read or change. Rows are hash-chained: SHA-256 over the
previous hash and the row's canonical content.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import insert, text
from sqlmodel import Session, col, select

from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models.audit import AuditCheckpoint, AuditEvent, AuditHead, AuditRedaction
from kwportal.models.base import utcnow

GENESIS_HASH = "0" * 64
CHANGED = "content does not match its hash"


class Action(StrEnum):
    READ = "read"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    EXPORT = "export"
    DISCLOSE = "disclose"
    LOGIN = "login"


class Ground(StrEnum):
    """Authorisation ground (seed ch. 1, Grondslagen)."""

    LEGAL_DUTY = "legal_duty"
    CONTRACT = "contract"
    CONSENT = "consent"
    EMERGENCY = "emergency"
    OWN_DATA = "own_data"
    SECURITY = "security"


@dataclass(frozen=True, slots=True)
class AccessPoint:
    ip: str
    agent: str


CLI = AccessPoint(ip="cli", agent="cli")
#: command-line jobs (seed, retention): no account, sees nothing through views
SYSTEM_ACTOR = Actor(account_id=None, role=Role.SYSTEM)


@dataclass(frozen=True, slots=True)
class ObjectRef:
    category: str
    table: str
    id: int | None


@dataclass(frozen=True, slots=True)
class ChainReport:
    ok: bool
    rows: int
    first_bad_seq: int | None = None
    reason: str = ""


def record(
    session: Session,
    *,
    actor: Actor,
    access: AccessPoint,
    event_type: str,
    action: Action,
    ground: Ground | str = "",
    subject_employee_id: int | None = None,
    objects: Sequence[ObjectRef] = (),
    consent_id: int | None = None,
    on_behalf_of_account_id: int | None = None,
    details: dict[str, Any] | None = None,
    secret: str,
    now: datetime | None = None,
) -> AuditEvent:
    """Append one event to the chain, in the caller's transaction."""
    seq, prev_hash = _lock_head(session)
    event = AuditEvent(
        seq=seq,
        occurred_at=now or utcnow(),
        event_type=event_type,
        actor_account_id=actor.account_id,
        actor_role=str(actor.role),
        actor_organisation_id=actor.organisation_id,
        on_behalf_of_account_id=on_behalf_of_account_id,
        access_ip=access.ip[:64],
        access_agent=access.agent[:300],
        subject_employee_id=subject_employee_id,
        objects=json.dumps(
            [{"category": o.category, "table": o.table, "id": o.id} for o in objects],
            sort_keys=True,
        ),
        action=str(action),
        ground=str(ground),
        consent_id=consent_id,
        details=json.dumps(details or {}, sort_keys=True, default=str),
        prev_hash=prev_hash,
        row_hash="",
    )
    event.row_hash = row_hash(event)
    session.add(event)
    session.execute(
        text("UPDATE audit_head SET row_hash = :h, seal = :s WHERE id = 1"),
        {"h": event.row_hash, "s": seal(secret, seq, event.row_hash)},
    )
    return event


@dataclass(frozen=True, slots=True)
class Entry:
    """One event of a batch written by :func:`record_many` (same actor and access point)."""

    event_type: str
    action: Action
    ground: Ground | str = ""
    subject_employee_id: int | None = None
    objects: Sequence[ObjectRef] = ()
    details: dict[str, Any] | None = None


def reads(
    event_type: str,
    per_subject: Mapping[int, Sequence[ObjectRef]],
    *,
    ground: Ground | str = Ground.LEGAL_DUTY,
    details: dict[str, Any] | None = None,
) -> list[Entry]:
    """One READ event per person a page shows, naming what of him it showed (NEN 7513), in
    the mapping's order: the batch for :func:`record_many`."""
    return [
        Entry(
            event_type=event_type,
            action=Action.READ,
            ground=ground,
            subject_employee_id=employee_id,
            objects=refs,
            details=details,
        )
        for employee_id, refs in per_subject.items()
    ]


def record_many(
    session: Session,
    entries: Sequence[Entry],
    *,
    actor: Actor,
    access: AccessPoint,
    secret: str,
    now: datetime | None = None,
) -> int:
    """Append several events in one step: the head is bumped once by their number and the
    rows are inserted in one statement, chained exactly as :func:`record` would chain them
    (a page that shows twenty people writes twenty events, NEN 7513, at the cost of one)."""
    if not entries:
        return 0
    bumped = session.execute(
        text("UPDATE audit_head SET seq = seq + :n WHERE id = 1"), {"n": len(entries)}
    )
    if bumped.rowcount != 1:  # type: ignore[attr-defined]
        raise RuntimeError("audit_head row missing: run the migrations")
    last, prev = session.execute(text("SELECT seq, row_hash FROM audit_head WHERE id = 1")).one()
    seq, prev_hash = int(last) - len(entries), str(prev)
    at = now or utcnow()
    rows: list[dict[str, Any]] = []
    for entry in entries:
        seq += 1
        event = AuditEvent.model_construct(
            seq=seq,
            occurred_at=at,
            event_type=entry.event_type,
            actor_account_id=actor.account_id,
            actor_role=str(actor.role),
            actor_organisation_id=actor.organisation_id,
            on_behalf_of_account_id=None,
            access_ip=access.ip[:64],
            access_agent=access.agent[:300],
            subject_employee_id=entry.subject_employee_id,
            objects=json.dumps(
                [{"category": o.category, "table": o.table, "id": o.id} for o in entry.objects],
                sort_keys=True,
            ),
            action=str(entry.action),
            ground=str(entry.ground),
            consent_id=None,
            details=json.dumps(entry.details or {}, sort_keys=True, default=str),
            prev_hash=prev_hash,
        )
        prev_hash = row_hash(event)
        rows.append({**_columns(event), "row_hash": prev_hash})
    session.execute(insert(AuditEvent), rows)
    session.execute(
        text("UPDATE audit_head SET row_hash = :h, seal = :s WHERE id = 1"),
        {"h": prev_hash, "s": seal(secret, seq, prev_hash)},
    )
    return len(rows)


def _columns(event: AuditEvent) -> dict[str, Any]:
    names = (
        "seq",
        "occurred_at",
        "event_type",
        "actor_account_id",
        "actor_role",
        "actor_organisation_id",
        "on_behalf_of_account_id",
        "access_ip",
        "access_agent",
        "subject_employee_id",
        "objects",
        "action",
        "ground",
        "consent_id",
        "details",
        "prev_hash",
    )
    return {name: getattr(event, name) for name in names}


def _lock_head(session: Session) -> tuple[int, str]:
    """Bump the head first: the UPDATE takes the row lock (PostgreSQL) or the write lock
    (SQLite), so concurrent writers queue here and the chain cannot fork."""
    bumped = session.execute(text("UPDATE audit_head SET seq = seq + 1 WHERE id = 1"))
    if bumped.rowcount != 1:  # type: ignore[attr-defined]
        raise RuntimeError("audit_head row missing: run the migrations")
    seq, prev = session.execute(text("SELECT seq, row_hash FROM audit_head WHERE id = 1")).one()
    return int(seq), str(prev)


def canonical(event: AuditEvent) -> bytes:
    content = {
        "seq": event.seq,
        "occurred_at": event.occurred_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "event_type": event.event_type,
        "actor_account_id": event.actor_account_id,
        "actor_role": event.actor_role,
        "actor_organisation_id": event.actor_organisation_id,
        "on_behalf_of_account_id": event.on_behalf_of_account_id,
        "access_ip": event.access_ip,
        "access_agent": event.access_agent,
        "subject_employee_id": event.subject_employee_id,
        "objects": event.objects,
        "action": event.action,
        "ground": event.ground,
        "consent_id": event.consent_id,
        "details": event.details,
        "prev_hash": event.prev_hash,
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":")).encode()


def row_hash(event: AuditEvent) -> str:
    return hashlib.sha256(event.prev_hash.encode() + canonical(event)).hexdigest()


def seal(secret: str, seq: int, head_hash: str) -> str:
    return hmac.new(secret.encode(), f"{seq}:{head_hash}".encode(), "sha256").hexdigest()


def verify_chain(session: Session, *, secret: str) -> ChainReport:
    """Walk the chain in order; report the first row whose number, link or hash is off,
    then check the sealed head against the last row (a cut tail or an appended row)."""
    start = _checkpoint_start(session, secret)
    if isinstance(start, ChainReport):
        return start
    expected_seq, expected_prev = start
    rows = 0
    events: Iterable[AuditEvent] = session.exec(
        select(AuditEvent)
        .where(col(AuditEvent.seq) >= expected_seq)
        .order_by(col(AuditEvent.seq))
        .execution_options(yield_per=2000)
    )
    for event in events:
        rows += 1
        if event.seq != expected_seq:
            missing = expected_seq if event.seq > expected_seq else event.seq
            return ChainReport(
                False, rows, missing, f"expected sequence number {expected_seq}, found {event.seq}"
            )
        problem = _row_problem(event, expected_prev)
        if problem == CHANGED and _sealed_redaction(session, secret, event):
            problem = ""
        if problem:
            return ChainReport(False, rows, event.seq, problem)
        expected_prev, expected_seq = event.row_hash, event.seq + 1
    return _check_head(session, secret, rows, expected_seq - 1, expected_prev)


def checkpoint_seal(secret: str, seq: int, last_hash: str) -> str:
    return hmac.new(secret.encode(), f"checkpoint:{seq}:{last_hash}".encode(), "sha256").hexdigest()


def redaction_seal(secret: str, seq: int, original_hash: str, content_hash: str) -> str:
    message = f"redaction:{seq}:{original_hash}:{content_hash}"
    return hmac.new(secret.encode(), message.encode(), "sha256").hexdigest()


def _sealed_redaction(session: Session, secret: str, event: AuditEvent) -> bool:
    """A row whose content no longer matches its hash is ours only when we emptied a
    visitor's address in it (services/visitors/redaction.py): a redaction row sealed over
    its number, its original hash and the hash of exactly what it holds now."""
    found = session.exec(select(AuditRedaction).where(AuditRedaction.seq == event.seq)).first()
    if found is None:
        return False
    sealed = redaction_seal(secret, event.seq, event.row_hash, found.content_hash)
    return hmac.compare_digest(found.seal, sealed) and row_hash(event) == found.content_hash


def _checkpoint_start(session: Session, secret: str) -> tuple[int, str] | ChainReport:
    """Where the walk begins: after the latest (sealed) checkpoint, or at the genesis."""
    latest = session.exec(
        select(AuditCheckpoint).order_by(col(AuditCheckpoint.pruned_through_seq).desc())
    ).first()
    if latest is None:
        return 1, GENESIS_HASH
    expected = checkpoint_seal(secret, latest.pruned_through_seq, latest.last_hash)
    if not hmac.compare_digest(latest.seal, expected):
        return ChainReport(False, 0, latest.pruned_through_seq, "checkpoint seal does not match")
    return latest.pruned_through_seq + 1, latest.last_hash


def _check_head(
    session: Session, secret: str, rows: int, last_seq: int, last_hash: str
) -> ChainReport:
    head = session.get(AuditHead, 1)
    if head is None:
        return ChainReport(False, rows, last_seq + 1, "chain head missing")
    if head.seq > last_seq:
        return ChainReport(False, rows, last_seq + 1, "rows missing after the last row")
    if head.seq < last_seq:
        return ChainReport(False, rows, head.seq + 1, "rows beyond the sealed head")
    if head.row_hash != last_hash:
        return ChainReport(False, rows, last_seq, "last row differs from the sealed head")
    if not hmac.compare_digest(head.seal, seal(secret, head.seq, head.row_hash)):
        return ChainReport(False, rows, head.seq, "head seal does not match")
    return ChainReport(True, rows)


def seal_genesis(session: Session, *, secret: str) -> None:
    """Seal the empty chain of a freshly migrated database, so that a log wiped back to
    empty behind our back does not verify."""
    session.execute(
        text("UPDATE audit_head SET seal = :s WHERE id = 1 AND seq = 0 AND seal = ''"),
        {"s": seal(secret, 0, GENESIS_HASH)},
    )


def _row_problem(event: AuditEvent, expected_prev: str) -> str:
    if event.prev_hash != expected_prev:
        return "previous-hash link broken"
    if event.row_hash != row_hash(event):
        return CHANGED
    return ""
