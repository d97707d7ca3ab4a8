"""Appending rows to one chain of the audit log (services/audit.py decides which chain
and what the rows say).

A writer bumps its chain's head first: the UPDATE takes that row's lock (PostgreSQL) or the
write lock (SQLite), so writers of one chain queue there and the chain cannot fork, while
writers of other chains go on. On PostgreSQL a single row and the new sealed head go in one
statement (the INSERT as a data-modifying CTE of the head's UPDATE). A chain used for the
first time is opened: its genesis head sealed, and the sealed number of chains on the
system head bumped, so a chain removed whole is noticed (services/audit_verify.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, insert, text, update
from sqlalchemy.orm import configure_mappers
from sqlmodel import Session

from kwportal.models.audit import SYSTEM_CHAIN, AuditEvent
from kwportal.services.audit_seal import GENESIS_HASH, registry_seal, row_hash, seal


def append(
    session: Session,
    chain: str,
    events: Sequence[dict[str, Any]],
    *,
    secret: str,
) -> list[AuditEvent]:
    """Number, link and insert ``events`` (their content columns) on ``chain`` in one
    statement, then seal the head once."""
    last, prev_hash = _lock_head(session, chain, len(events), secret=secret)
    seq = last - len(events)
    written: list[AuditEvent] = []
    configure_mappers()  # model_construct'ed rows read their columns through the mapper
    for content in events:
        seq += 1
        values = {**content, "chain": chain, "seq": seq, "prev_hash": prev_hash}
        prev_hash = row_hash(AuditEvent.model_construct(**values))
        # built without validation: the values are ours, and this is every audited click
        written.append(AuditEvent.model_construct(**values, row_hash=prev_hash))
    rows = [columns(event) for event in written]
    head = {
        "head_chain": chain,
        "head_hash": prev_hash,
        "head_seal": seal(secret, seq, prev_hash, chain),
    }
    if len(rows) == 1 and session.get_bind().dialect.name == "postgresql":
        # one round trip: the row goes in a data-modifying CTE of the head's UPDATE
        one = {f"e_{name}": value for name, value in rows[0].items()}
        session.execute(_APPEND_ONE, {**one, **head})
    else:
        session.execute(insert(EVENTS), rows)
        session.execute(_MOVE_HEAD, head)
    return written


#: the table itself: a plain INSERT, without the ORM's bulk machinery
EVENTS = AuditEvent.metadata.tables["audit_event"]
_HEADS = AuditEvent.metadata.tables["audit_head"]


def columns(event: AuditEvent) -> dict[str, Any]:
    return {name: getattr(event, name) for name in _WRITTEN}


_WRITTEN = (
    "chain",
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
    "row_hash",
)
_MOVE_HEAD = (
    update(_HEADS)
    .where(_HEADS.c.chain == bindparam("head_chain"))
    .values(row_hash=bindparam("head_hash"), seal=bindparam("head_seal"))
)
#: built once, so it is compiled once (a statement with its values inline is not cached)
_APPEND_ONE = _MOVE_HEAD.add_cte(
    insert(EVENTS)
    .values({name: bindparam(f"e_{name}", type_=EVENTS.c[name].type) for name in _WRITTEN})
    .cte("written")
)


_BUMP = text("UPDATE audit_head SET seq = seq + :n WHERE chain = :c RETURNING seq, row_hash")
_COUNT = text("UPDATE audit_head SET chains = chains + 1 WHERE id = 1 RETURNING chains")
_REGISTER = text("UPDATE audit_head SET chains_seal = :s WHERE id = 1")
_OPEN = text(
    "INSERT INTO audit_head (chain, seq, row_hash, seal) VALUES (:c, 0, :h, :s) "
    "ON CONFLICT (chain) DO NOTHING"
)


def _lock_head(session: Session, chain: str, n: int, *, secret: str) -> tuple[int, str]:
    """Bump the chain's head first: the UPDATE takes its row lock (PostgreSQL) or the write
    lock (SQLite), so concurrent writers of that chain queue here and it cannot fork; a
    chain used for the first time is opened. Returns the new last number and the hash the
    first new row links to."""
    for _attempt in range(2):
        row = session.execute(_BUMP, {"n": n, "c": chain}).first()
        if row is not None:
            return int(row[0]), str(row[1])
        if chain == SYSTEM_CHAIN:
            break
        _open_chain(session, chain, secret=secret)
    raise RuntimeError("audit_head row missing: run the migrations")


def _open_chain(session: Session, chain: str, *, secret: str) -> None:
    """A new chain's sealed genesis head, counted in the sealed registry on the system
    head: a chain removed whole (head and rows) behind our back is then still noticed."""
    opened = session.execute(
        _OPEN, {"c": chain, "h": GENESIS_HASH, "s": seal(secret, 0, GENESIS_HASH, chain)}
    )
    if opened.rowcount != 1:  # type: ignore[attr-defined]
        return  # another transaction opened it first
    chains = session.execute(_COUNT).scalar_one()
    session.execute(_REGISTER, {"s": registry_seal(secret, int(chains))})
