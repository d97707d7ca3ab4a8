"""Pruning the audit log's prefix once the files it describes are gone (issue 8: the log is
kept as long as the dossier it describes).

Only a prefix of each chain can go, so the rest still verifies: a sealed checkpoint of that
chain keeps the hash of its last removed row, and the database allows deleting rows at or
below the latest checkpoint of their own chain only (migration 0019). An event about a
person may go once that person's file was destroyed (a tombstone exists); an event about
nobody once it is older than the longest file term.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from kwportal.domain.retention import HAZARDOUS_SUBSTANCE_YEARS, add_years
from kwportal.models import (
    AuditCheckpoint,
    AuditEvent,
    AuditHead,
    AuditRedaction,
    RetentionTombstone,
)
from kwportal.models.audit import SYSTEM_CHAIN
from kwportal.services import audit
from kwportal.services.retention.plan import pseudonym

#: events about no one (sign-in, seed) are kept as long as the longest file term
UNATTACHED_EVENT_YEARS = HAZARDOUS_SUBSTANCE_YEARS
SCAN_BATCH = 5_000


def _destroyed(session: Session, secret: str, subject: int, cache: dict[int, bool]) -> bool:
    if subject not in cache:
        stone = pseudonym(secret, subject)
        found = session.exec(
            select(RetentionTombstone.id).where(RetentionTombstone.pseudonym == stone)
        ).first()
        cache[subject] = found is not None
    return cache[subject]


def prunable_through(
    session: Session, *, secret: str, now: datetime, chain: str = SYSTEM_CHAIN
) -> tuple[int, str]:
    """The longest prefix of ``chain`` (last seq, its hash) whose every event may go."""
    cutoff = add_years(now.date(), -UNATTACHED_EVENT_YEARS)
    start = _pruned_through(session, chain)
    last_seq, last_hash = start, ""
    cache: dict[int, bool] = {}
    events = session.exec(
        select(AuditEvent)
        .where(col(AuditEvent.chain) == chain, col(AuditEvent.seq) > start)
        .order_by(col(AuditEvent.seq))
        .execution_options(yield_per=SCAN_BATCH)
    )
    for event in events:
        if event.subject_employee_id is not None:
            keep = not _destroyed(session, secret, event.subject_employee_id, cache)
        else:
            keep = event.occurred_at.date() >= cutoff
        if keep:
            break
        last_seq, last_hash = event.seq, event.row_hash
    return last_seq, last_hash


def _pruned_through(session: Session, chain: str) -> int:
    query = select(func.max(AuditCheckpoint.pruned_through_seq))
    return session.exec(query.where(AuditCheckpoint.chain == chain)).one() or 0


def prune(session: Session, *, secret: str, now: datetime) -> int:
    """Remove every chain's prunable prefix behind a sealed checkpoint of that chain;
    returns the rows removed."""
    chains = session.exec(select(AuditHead.chain).order_by(col(AuditHead.chain))).all()
    return sum(prune_chain(session, chain, secret=secret, now=now) for chain in chains)


def prune_chain(session: Session, chain: str, *, secret: str, now: datetime) -> int:
    through, last_hash = prunable_through(session, secret=secret, now=now, chain=chain)
    previous = _pruned_through(session, chain)
    if through <= previous:
        return 0
    session.add(
        AuditCheckpoint(
            chain=chain,
            pruned_through_seq=through,
            last_hash=last_hash,
            rows_pruned=through - previous,
            pruned_at=now,
            seal=audit.checkpoint_seal(secret, through, last_hash, chain),
        )
    )
    session.flush()
    mine = col(AuditEvent.chain) == chain
    session.execute(delete(AuditEvent).where(mine, col(AuditEvent.seq) <= through))
    session.execute(
        delete(AuditRedaction).where(
            col(AuditRedaction.chain) == chain, col(AuditRedaction.seq) <= through
        )
    )
    return through - previous
