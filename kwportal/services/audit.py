"""Writing the NEN 7513-style audit log.

Every read of another person's personal data and every change calls :func:`record` inside
the same transaction as the read or change. Rows are hash-chained (services/audit_seal.py),
one chain per employer organisation plus the system chain (models/audit.py), so writers for
different employers never wait for each other; services/audit_verify.py proves them.

In a session the runner opened for a unit of work (:func:`defer_until_commit`), the rows
of a transaction are written just before it commits (a ``before_commit`` hook), not where
they are recorded: the chain's head row is then locked only for
those last statements and the commit, so two care users of one employer wait for each other
for milliseconds, not for a whole unit of work. They are still in the same transaction as
what they record: both commit or neither. A statement of the same transaction that reads
the audit tables writes them first (``do_orm_execute``), and a savepoint rolled back takes
its own events with it (``after_soft_rollback``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import column, event, insert, inspect, text
from sqlalchemy import table as sa_table
from sqlalchemy.orm import ORMExecuteState, SessionTransaction, configure_mappers
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.sql import util as sql_util
from sqlalchemy.sql.elements import TextClause
from sqlmodel import Session, select

from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models.audit import SYSTEM_CHAIN as SYSTEM_CHAIN
from kwportal.models.audit import AuditEvent
from kwportal.models.base import utcnow
from kwportal.models.people import Employee
from kwportal.services.audit_append import EVENTS, append, columns
from kwportal.services.audit_seal import CHANGED as CHANGED
from kwportal.services.audit_seal import GENESIS_HASH as GENESIS_HASH
from kwportal.services.audit_seal import canonical as canonical
from kwportal.services.audit_seal import checkpoint_seal as checkpoint_seal
from kwportal.services.audit_seal import redaction_seal as redaction_seal
from kwportal.services.audit_seal import registry_seal as registry_seal
from kwportal.services.audit_seal import row_hash as row_hash
from kwportal.services.audit_seal import seal as seal
from kwportal.services.audit_verify import ChainReport as ChainReport
from kwportal.services.audit_verify import verify_chain as verify_chain

#: session.info key: (the transaction, the chain it writes to)
_HELD = "kwportal.audit_chain"
#: session.info key: the transaction's events not written yet (:class:`_Pending`)
_PENDING = "kwportal.audit_pending"
#: session.info key: this session's events wait for the commit (:func:`defer_until_commit`)
_DEFER = "kwportal.audit_defer"


def defer_until_commit(session: Session) -> None:
    """From now on this session's audit rows are written just before each commit (the
    runner's units of work); elsewhere :func:`record` writes at once, as callers that read
    the row's number back (tests, the command line) expect."""
    session.info[_DEFER] = True


#: (database, employee id) -> employer, only to pick a chain: a stale entry (an employee
#: moved) puts an event on another chain, which still verifies; it saves a query a transaction
_EMPLOYERS: dict[tuple[str, int], int] = {}
_EMPLOYERS_CACHED = 100_000


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
    at_once: bool = False,
) -> AuditEvent:
    """Append one event to the transaction's chain, in the caller's transaction: written
    just before the commit in a unit of work (module docstring), else, or ``at_once`` when
    the caller needs its number, at once (then it carries its chain, number and hash; never
    an ``id``). The returned row is not added to the session."""
    at = now or utcnow()
    chain = _chain_of_transaction(session, actor, subject_employee_id)
    content: dict[str, Any] = {
        "occurred_at": at,
        "event_type": event_type,
        "actor_account_id": actor.account_id,
        "actor_role": str(actor.role),
        "actor_organisation_id": actor.organisation_id,
        "on_behalf_of_account_id": on_behalf_of_account_id,
        "access_ip": access.ip[:64],
        "access_agent": access.agent[:300],
        "subject_employee_id": subject_employee_id,
        "objects": _objects(objects),
        "action": str(action),
        "ground": str(ground),
        "consent_id": consent_id,
        "details": _details(details),
    }
    configure_mappers()  # a model_construct'ed row reads its columns through the mapper
    written = _add(session, chain, [content], secret, at_once=at_once)
    # built without validation: the values are ours, and this is every audited click
    return AuditEvent.model_construct(**(written[0] if written else {**content, "chain": chain}))


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
    at = now or utcnow()
    chain = _chain_of_transaction(session, actor, entries[0].subject_employee_id)
    events = [
        dict(
            occurred_at=at,
            event_type=entry.event_type,
            actor_account_id=actor.account_id,
            actor_role=str(actor.role),
            actor_organisation_id=actor.organisation_id,
            on_behalf_of_account_id=None,
            access_ip=access.ip[:64],
            access_agent=access.agent[:300],
            subject_employee_id=entry.subject_employee_id,
            objects=_objects(entry.objects),
            action=str(entry.action),
            ground=str(entry.ground),
            consent_id=None,
            details=_details(entry.details),
        )
        for entry in entries
    ]
    _add(session, chain, events, secret)
    return len(events)


def _add(
    session: Session,
    chain: str,
    events: list[dict[str, Any]],
    secret: str,
    *,
    at_once: bool = False,
) -> list[dict[str, Any]]:
    """Queue the events for the commit in a unit of work; else (or ``at_once``) write them
    now, after any queued before them. Returns the rows written now (none when queued)."""
    if not at_once and session.info.get(_DEFER):
        _defer(session, chain, events, secret)
        return []
    write_pending(session)
    return append(session, chain, events, secret=secret)


@dataclass(slots=True)
class _Pending:
    """A transaction's events not written yet, each with the (nested) transaction it was
    recorded in, so a savepoint rolled back can take its own with it."""

    transaction: SessionTransaction
    chain: str
    secret: str
    events: list[tuple[SessionTransaction, dict[str, Any]]]


def _defer(session: Session, chain: str, events: list[dict[str, Any]], secret: str) -> None:
    outer = session.get_transaction()
    assert outer is not None  # _chain_of_transaction began it
    pending = session.info.get(_PENDING)
    if pending is not None and (pending.transaction is not outer or pending.secret != secret):
        if pending.transaction is outer:
            write_pending(session)  # another secret (tests): the earlier ones go first
        pending = None
    if pending is None:
        pending = session.info[_PENDING] = _Pending(outer, chain, secret, [])
    inner = session.get_nested_transaction() or outer
    pending.events.extend((inner, content) for content in events)


def write_pending(session: Session | OrmSession) -> None:
    """Write the transaction's recorded events now, in the order recorded (the commit does
    this itself; a read of the audit tables in the same transaction too)."""
    pending = session.info.get(_PENDING)
    if pending is None:
        return
    del session.info[_PENDING]
    if pending.events and pending.transaction is session.get_transaction():
        events = [content for _inner, content in pending.events]
        append(session, pending.chain, events, secret=pending.secret)  # type: ignore[arg-type]


@event.listens_for(OrmSession, "before_commit")
def _write_before_commit(session: OrmSession) -> None:
    if _PENDING not in session.info or session.in_nested_transaction():
        return  # a savepoint released: its events wait for the transaction's commit
    session.flush()  # the changes first: the chain's head is locked as late as can be
    write_pending(session)


@event.listens_for(OrmSession, "after_soft_rollback")
def _forget_rolled_back(session: OrmSession, previous: SessionTransaction) -> None:
    pending = session.info.get(_PENDING)
    if pending is None:
        return
    if not previous.nested:
        del session.info[_PENDING]
        return
    pending.events = [
        (inner, content) for inner, content in pending.events if not _within(inner, previous)
    ]


def _within(transaction: SessionTransaction | None, ancestor: SessionTransaction) -> bool:
    while transaction is not None:
        if transaction is ancestor:
            return True
        transaction = transaction.parent
    return False


@event.listens_for(OrmSession, "do_orm_execute")
def _write_before_audit_read(state: ORMExecuteState) -> None:
    """A statement on the audit tables in a transaction with events not yet written (a
    person's access log, an export, a prune) sees them: they are written first."""
    session = state.session
    if _PENDING in session.info and _touches_audit(state.statement):
        write_pending(session)


def _touches_audit(statement: Any) -> bool:
    if isinstance(statement, TextClause):
        return "audit_" in statement.text
    return any(
        str(getattr(table, "name", "")).startswith("audit_")
        for table in sql_util.find_tables(statement, include_crud=True)
    )


def chain_key(organisation_id: int | None) -> str:
    """The chain of the events that concern an employer organisation (or none)."""
    return SYSTEM_CHAIN if organisation_id is None else f"org:{organisation_id}"


def _organisation_of(session: Session, actor: Actor, subject_employee_id: int | None) -> int | None:
    """The employer organisation an event concerns: the actor's own when he is bound to one
    (the policy keeps his subjects inside it), else the subject's employer, else the
    acting employee's employer; none for staff acting on no one (the system chain)."""
    if actor.organisation_id is not None:
        return actor.organisation_id
    person = subject_employee_id if subject_employee_id is not None else actor.employee_id
    if person is None:
        return None
    key = (str(session.get_bind().engine.url.database), person)
    if key not in _EMPLOYERS:
        query = select(Employee.organisation_id).where(Employee.id == person)
        found = session.exec(query).first()
        if found is None:
            return None
        if len(_EMPLOYERS) >= _EMPLOYERS_CACHED:
            _EMPLOYERS.clear()
        _EMPLOYERS[key] = found
    return _EMPLOYERS[key]


def _chain_of_transaction(session: Session, actor: Actor, subject_employee_id: int | None) -> str:
    """The chain is chosen at a transaction's first event and kept for the rest of it: a
    transaction then holds one head lock only, so two transactions never wait for each
    other in opposite orders (no deadlock); every row still names its own subject."""
    session.connection()  # begins the transaction when none is open yet
    transaction = session.get_transaction()
    held = session.info.get(_HELD)
    if held is not None and held[0] is transaction:
        return str(held[1])
    chain = chain_key(_organisation_of(session, actor, subject_employee_id))
    session.info[_HELD] = (transaction, chain)
    return chain


#: ``json.dumps(..., sort_keys=True[, default=str])`` built once, not per event
_ENCODE = json.JSONEncoder(sort_keys=True).encode
_ENCODE_DETAILS = json.JSONEncoder(sort_keys=True, default=str).encode


def _objects(objects: Sequence[ObjectRef]) -> str:
    if not objects:
        return "[]"
    return _ENCODE([{"category": o.category, "table": o.table, "id": o.id} for o in objects])


def _details(details: dict[str, Any] | None) -> str:
    return _ENCODE_DETAILS(details) if details else "{}"


def seal_genesis(session: Session, *, secret: str) -> None:
    """Seal the empty chain of a freshly migrated database, so that a log wiped back to
    empty behind our back does not verify; and the registry of a database that has no
    other chain yet (fresh, or just migrated past 0019)."""
    session.execute(
        text("UPDATE audit_head SET seal = :s WHERE id = 1 AND seq = 0 AND seal = ''"),
        {"s": seal(secret, 0, GENESIS_HASH)},
    )
    session.execute(
        text(
            "UPDATE audit_head SET chains_seal = :s "
            "WHERE id = 1 AND chains = 0 AND chains_seal = ''"
        ),
        {"s": registry_seal(secret, 0)},
    )


def has_chains(session: Session) -> bool:
    """Whether the database is at migration 0019 or later (a backup may be made of an
    older one before it is migrated)."""
    columns = inspect(session.connection()).get_columns("audit_head")
    return any(column["name"] == "chain" for column in columns)


def record_unchained(
    session: Session,
    *,
    actor: Actor,
    access: AccessPoint,
    event_type: str,
    action: Action,
    ground: Ground | str = "",
    details: dict[str, Any] | None = None,
    secret: str,
) -> None:
    """Append an event the way revisions before 0019 did (one chain, head id 1), to a
    database not yet migrated: the row is a system-chain row as 0019 reads it."""
    bumped = session.execute(
        text("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, row_hash")
    ).one()
    seq, prev_hash = int(bumped[0]), str(bumped[1])
    event = AuditEvent(
        seq=seq,
        occurred_at=utcnow(),
        event_type=event_type,
        actor_account_id=actor.account_id,
        actor_role=str(actor.role),
        actor_organisation_id=actor.organisation_id,
        access_ip=access.ip[:64],
        access_agent=access.agent[:300],
        action=str(action),
        ground=str(ground),
        details=json.dumps(details or {}, sort_keys=True, default=str),
        prev_hash=prev_hash,
        row_hash="",
    )
    event.row_hash = row_hash(event)
    row = {name: value for name, value in columns(event).items() if name != "chain"}
    unchained = sa_table("audit_event", *(column(name, EVENTS.c[name].type) for name in row))
    session.execute(insert(unchained).values(row))
    session.execute(
        text("UPDATE audit_head SET row_hash = :h, seal = :s WHERE id = 1"),
        {"h": event.row_hash, "s": seal(secret, seq, event.row_hash)},
    )
