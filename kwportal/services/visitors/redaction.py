"""Visitors' cut addresses in old audit rows, emptied after three years (seed ch. 2,
Locatiegegevens: "maximaal drie jaar"; issue 17 item 10).

Since issue 17 a visitor's event is written without the address (it goes to
``visitor_address``, purged after three years). Rows written before still hold it in the
hash-chained ``audit_event``, which is kept as long as the dossiers' log. The retention run
empties ``access_ip`` of those rows once they are past the visitor term — the one UPDATE
the database allows on audit_event (migration 0017) — and records per row an
``audit_redaction`` sealed with the portal's secret over the row's chain and number, its
unchanged ``row_hash`` and the hash of what it holds now; ``audit.verify_chain`` accepts the changed
row only with that seal. A row that no longer matches its hash is never redacted (the seal
would launder the tampering). Staff and employee rows are never touched: only rows that
``common.log_visitor`` wrote (system actor, no account, agent ``visitor``, a visitor's event
type).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from kwportal.domain.roles import Role
from kwportal.models import AuditEvent, AuditRedaction
from kwportal.services import audit
from kwportal.services.visitors.purge import address_cutoff

EVENT = "visitor_addresses_redacted"
FIELDS = "access_ip"
BATCH = 1_000
#: every event type ``common.log_visitor`` writes (a test reads them from the callers)
VISITOR_EVENTS = frozenset(
    {
        "callback_requested",
        "cookie_choice_recorded",
        "cookie_choice_withdrawn",
        "newsletter_confirmed",
        "newsletter_sent",
        "newsletter_signup",
        "newsletter_signup_repeated",
        "newsletter_unsubscribed",
        "visitor_rights_confirmed",
        "visitor_rights_requested",
    }
)


def _due(after_id: int, cutoff: datetime) -> SelectOfScalar[AuditEvent]:
    return (
        select(AuditEvent)
        .where(
            col(AuditEvent.id) > after_id,
            col(AuditEvent.occurred_at) < cutoff,
            col(AuditEvent.access_ip) != "",
            col(AuditEvent.access_agent) == "visitor",
            col(AuditEvent.actor_role) == str(Role.SYSTEM),
            col(AuditEvent.actor_account_id).is_(None),
            col(AuditEvent.event_type).in_(sorted(VISITOR_EVENTS)),
        )
        .order_by(col(AuditEvent.id))
        .limit(BATCH)
    )


def redact(session: Session, *, now: datetime, secret: str) -> int:
    """Empty the address of every visitor row past the term, in the caller's transaction;
    one audit event with the counts. Returns the rows redacted."""
    cutoff = address_cutoff(now)
    redacted = skipped = last = 0
    while rows := session.exec(_due(last, cutoff)).all():
        for event in rows:
            last = event.id or 0
            if event.row_hash != audit.row_hash(event):
                skipped += 1  # already changed behind our back: verify-audit names it
                continue
            event.access_ip = ""
            content = audit.row_hash(event)
            session.add(event)
            session.add(
                AuditRedaction(
                    chain=event.chain,
                    seq=event.seq,
                    redacted_at=now,
                    fields=FIELDS,
                    content_hash=content,
                    seal=audit.redaction_seal(
                        secret, event.seq, event.row_hash, content, event.chain
                    ),
                )
            )
            redacted += 1
        session.flush()
        for event in rows:
            session.expunge(event)
    if redacted or skipped:
        audit.record(
            session,
            actor=audit.SYSTEM_ACTOR,
            access=audit.CLI,
            event_type=EVENT,
            action=audit.Action.UPDATE,
            ground=audit.Ground.LEGAL_DUTY,
            details={
                "rows": redacted,
                "not_intact": skipped,
                "fields": FIELDS,
                "before": cutoff.date().isoformat(),
            },
            secret=secret,
            now=now,
        )
    return redacted
