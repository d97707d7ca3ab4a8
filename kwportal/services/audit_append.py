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

from sqlalchemy import Connection, bindparam, insert, text, update
from sqlmodel import Session

from kwportal.models.audit import SYSTEM_CHAIN, AuditEvent
from kwportal.services.audit_seal import CONTENT, GENESIS_HASH, hash_of, registry_seal, seal


def append(
    session: Session,
    chain: str,
    events: Sequence[dict[str, Any]],
    *,
    secret: str,
) -> list[dict[str, Any]]:
    """Number, link and insert ``events`` (their content columns) on ``chain`` in one
    statement, then seal the head once. Returns the rows as inserted (without ``id``).

    Every audited click comes through here, so it is kept lean: the statements run on the
    session's connection (Core, no ORM step), the hashes are taken of the plain values, and
    no model object is built."""
    connection = session.connection()
    last, prev_hash = _lock_head(connection, chain, len(events), secret=secret)
    seq = last - len(events)
    rows: list[dict[str, Any]] = []
    for content in events:
        seq += 1
        row = {**content, "chain": chain, "seq": seq, "prev_hash": prev_hash}
        prev_hash = row["row_hash"] = hash_of(row)
        rows.append(row)
    head = {
        "head_chain": chain,
        "head_hash": prev_hash,
        "head_seal": seal(secret, seq, prev_hash, chain),
    }
    if len(rows) == 1 and connection.dialect.name == "postgresql":
        # one round trip: the row goes in a data-modifying CTE of the head's UPDATE
        one = {key: rows[0][name] for name, key in _ONE_KEYS}
        connection.execute(_APPEND_ONE, {**one, **head})
    else:
        connection.execute(insert(EVENTS), [{name: row[name] for name in _WRITTEN} for row in rows])
        connection.execute(_MOVE_HEAD, head)
    return rows


#: the table itself: a plain INSERT, without the ORM's bulk machinery
EVENTS = AuditEvent.metadata.tables["audit_event"]
_HEADS = AuditEvent.metadata.tables["audit_head"]


def columns(event: AuditEvent) -> dict[str, Any]:
    return {name: getattr(event, name) for name in _WRITTEN}


#: what an INSERT writes: the chain, the hashed content, and the hash itself
_WRITTEN = ("chain", *CONTENT, "row_hash")
_ONE_KEYS = tuple((name, f"e_{name}") for name in _WRITTEN)
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


def _lock_head(connection: Connection, chain: str, n: int, *, secret: str) -> tuple[int, str]:
    """Bump the chain's head first: the UPDATE takes its row lock (PostgreSQL) or the write
    lock (SQLite), so concurrent writers of that chain queue here and it cannot fork; a
    chain used for the first time is opened. Returns the new last number and the hash the
    first new row links to."""
    for _attempt in range(2):
        row = connection.execute(_BUMP, {"n": n, "c": chain}).first()
        if row is not None:
            return int(row[0]), str(row[1])
        if chain == SYSTEM_CHAIN:
            break
        _open_chain(connection, chain, secret=secret)
    raise RuntimeError("audit_head row missing: run the migrations")


def _open_chain(connection: Connection, chain: str, *, secret: str) -> None:
    """A new chain's sealed genesis head, counted in the sealed registry on the system
    head: a chain removed whole (head and rows) behind our back is then still noticed."""
    opened = connection.execute(
        _OPEN, {"c": chain, "h": GENESIS_HASH, "s": seal(secret, 0, GENESIS_HASH, chain)}
    )
    if opened.rowcount != 1:
        return  # another transaction opened it first
    chains = connection.execute(_COUNT).scalar_one()
    connection.execute(_REGISTER, {"s": registry_seal(secret, int(chains))})
