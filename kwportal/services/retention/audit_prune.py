"""Pruning the audit log's prefix once the files it describes are gone (issue 8: the log is
kept as long as the dossier it describes).

Only a prefix of the chain can go, so the rest still verifies: a sealed checkpoint keeps the
hash of the last removed row, and the database allows deleting rows at or below the latest
checkpoint only. An event about a person may go once that person's file was destroyed (a
tombstone exists); an event about nobody once it is older than the longest file term.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from kwportal.domain.retention import HAZARDOUS_SUBSTANCE_YEARS, add_years
from kwportal.models import AuditCheckpoint, AuditEvent, AuditRedaction, RetentionTombstone
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


def prunable_through(session: Session, *, secret: str, now: datetime) -> tuple[int, str]:
    """The longest prefix (last seq, its hash) whose every event may go."""
    cutoff = add_years(now.date(), -UNATTACHED_EVENT_YEARS)
    start = session.exec(select(func.max(AuditCheckpoint.pruned_through_seq))).one() or 0
    last_seq, last_hash = start, ""
    cache: dict[int, bool] = {}
    events = session.exec(
        select(AuditEvent)
        .where(col(AuditEvent.seq) > start)
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


def prune(session: Session, *, secret: str, now: datetime) -> int:
    """Remove the prunable prefix behind a sealed checkpoint; returns the rows removed."""
    through, last_hash = prunable_through(session, secret=secret, now=now)
    previous = session.exec(select(func.max(AuditCheckpoint.pruned_through_seq))).one() or 0
    if through <= previous:
        return 0
    session.add(
        AuditCheckpoint(
            pruned_through_seq=through,
            last_hash=last_hash,
            rows_pruned=through - previous,
            pruned_at=now,
            seal=audit.checkpoint_seal(secret, through, last_hash),
        )
    )
    session.flush()
    session.execute(delete(AuditEvent).where(col(AuditEvent.seq) <= through))
    session.execute(delete(AuditRedaction).where(col(AuditRedaction.seq) <= through))
    return through - previous
