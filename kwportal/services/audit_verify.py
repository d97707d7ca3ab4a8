"""Proving the audit log (``kwportal verify-audit``, restore, tests): every chain walked in
order from its sealed checkpoint (or genesis) to its sealed head.

Per chain the first row whose number, link or hash is off is named; a changed row passes
only with a sealed redaction (services/visitors/redaction.py). Across chains: the system
head carries the sealed number of chains opened (services/audit._open_chain), so a chain
removed whole (head and rows) does not go unnoticed.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import Session, col, select

from kwportal.models.audit import (
    SYSTEM_CHAIN,
    AuditCheckpoint,
    AuditEvent,
    AuditHead,
    AuditRedaction,
)
from kwportal.services.audit_seal import (
    CHANGED,
    GENESIS_HASH,
    checkpoint_seal,
    redaction_seal,
    registry_seal,
    row_hash,
    seal,
)

#: the name the cross-chain check reports under
REGISTRY = "(chains)"


@dataclass(frozen=True, slots=True)
class ChainReport:
    """One chain's verdict, or (from :func:`verify_chain`) the whole log's: then ``chain``
    names the first broken chain and ``chains`` holds every chain's own report."""

    ok: bool
    rows: int
    first_bad_seq: int | None = None
    reason: str = ""
    chain: str = SYSTEM_CHAIN
    chains: tuple[ChainReport, ...] = ()


def verify_chain(session: Session, *, secret: str) -> ChainReport:
    """Walk every chain, the system chain first; the first broken one is the verdict."""
    heads = {head.chain: head for head in session.exec(select(AuditHead))}
    checkpoints: dict[str, AuditCheckpoint] = {}
    for checkpoint in session.exec(
        select(AuditCheckpoint).order_by(col(AuditCheckpoint.pruned_through_seq))
    ):
        checkpoints[checkpoint.chain] = checkpoint  # the latest per chain
    chains = {SYSTEM_CHAIN, *heads, *checkpoints}
    chains.update(session.exec(select(AuditEvent.chain).distinct()))
    reports = [
        _verify_one(session, secret, chain, heads.get(chain), checkpoints.get(chain))
        for chain in sorted(chains, key=lambda c: (c != SYSTEM_CHAIN, c))
    ]
    rows = sum(report.rows for report in reports)
    checks = [*reports, _check_registry(heads, secret)]
    broken = next((report for report in checks if not report.ok), None)
    if broken is None:
        return ChainReport(True, rows, chains=tuple(reports))
    return ChainReport(
        False, rows, broken.first_bad_seq, broken.reason, broken.chain, tuple(reports)
    )


def _verify_one(
    session: Session,
    secret: str,
    chain: str,
    head: AuditHead | None,
    checkpoint: AuditCheckpoint | None,
) -> ChainReport:
    """Walk one chain in order; report the first row whose number, link or hash is off,
    then check the sealed head against the last row (a cut tail or an appended row)."""
    expected_seq, expected_prev = 1, GENESIS_HASH
    if checkpoint is not None:
        sealed = checkpoint_seal(secret, checkpoint.pruned_through_seq, checkpoint.last_hash, chain)
        if not hmac.compare_digest(checkpoint.seal, sealed):
            seq = checkpoint.pruned_through_seq
            return ChainReport(False, 0, seq, "checkpoint seal does not match", chain)
        expected_seq, expected_prev = checkpoint.pruned_through_seq + 1, checkpoint.last_hash
    rows = 0
    events: Iterable[AuditEvent] = session.exec(
        select(AuditEvent)
        .where(col(AuditEvent.chain) == chain, col(AuditEvent.seq) >= expected_seq)
        .order_by(col(AuditEvent.seq))
        .execution_options(yield_per=2000)
    )
    for event in events:
        rows += 1
        if event.seq != expected_seq:
            missing = expected_seq if event.seq > expected_seq else event.seq
            reason = f"expected sequence number {expected_seq}, found {event.seq}"
            return ChainReport(False, rows, missing, reason, chain)
        problem = _row_problem(event, expected_prev)
        if problem == CHANGED and _sealed_redaction(session, secret, event):
            problem = ""
        if problem:
            return ChainReport(False, rows, event.seq, problem, chain)
        expected_prev, expected_seq = event.row_hash, event.seq + 1
    return _check_head(head, secret, chain, rows, expected_seq - 1, expected_prev)


def _check_registry(heads: dict[str, AuditHead], secret: str) -> ChainReport:
    """The sealed number of chains on the system head against the heads found."""
    system = heads.get(SYSTEM_CHAIN)
    if system is None:
        return ChainReport(True, 0, chain=REGISTRY)  # the system chain's own report says so
    if not hmac.compare_digest(system.chains_seal, registry_seal(secret, system.chains)):
        return ChainReport(False, 0, None, "registry seal does not match", REGISTRY)
    found = len(heads) - 1
    if found != system.chains:
        reason = f"{system.chains} chains were opened, {found} found: a chain was removed"
        return ChainReport(False, 0, None, reason, REGISTRY)
    return ChainReport(True, 0, chain=REGISTRY)


def _sealed_redaction(session: Session, secret: str, event: AuditEvent) -> bool:
    """A row whose content no longer matches its hash is ours only when we emptied a
    visitor's address in it (services/visitors/redaction.py): a redaction row sealed over
    its chain, number, original hash and the hash of exactly what it holds now."""
    found = session.exec(
        select(AuditRedaction).where(
            AuditRedaction.chain == event.chain, AuditRedaction.seq == event.seq
        )
    ).first()
    if found is None:
        return False
    sealed = redaction_seal(secret, event.seq, event.row_hash, found.content_hash, event.chain)
    return hmac.compare_digest(found.seal, sealed) and row_hash(event) == found.content_hash


def _check_head(
    head: AuditHead | None, secret: str, chain: str, rows: int, last_seq: int, last_hash: str
) -> ChainReport:
    if head is None:
        return ChainReport(False, rows, last_seq + 1, "chain head missing", chain)
    if head.seq > last_seq:
        return ChainReport(False, rows, last_seq + 1, "rows missing after the last row", chain)
    if head.seq < last_seq:
        return ChainReport(False, rows, head.seq + 1, "rows beyond the sealed head", chain)
    if head.row_hash != last_hash:
        return ChainReport(False, rows, last_seq, "last row differs from the sealed head", chain)
    if not hmac.compare_digest(head.seal, seal(secret, head.seq, head.row_hash, chain)):
        return ChainReport(False, rows, head.seq, "head seal does not match", chain)
    return ChainReport(True, rows, chain=chain)


def _row_problem(event: AuditEvent, expected_prev: str) -> str:
    if event.prev_hash != expected_prev:
        return "previous-hash link broken"
    if event.row_hash != row_hash(event):
        return CHANGED
    return ""
