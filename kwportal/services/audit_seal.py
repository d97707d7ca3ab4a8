"""The audit log's hashes and keyed seals (services/audit.py writes, audit_verify.py checks).

A row's hash is SHA-256 over the previous hash and its canonical content; heads,
checkpoints and redactions are sealed with HMAC-SHA-256 under the portal's secret. Rows,
heads and seals of the system chain are computed exactly as before the log was split into
chains (migration 0019), so the rows written before keep verifying; every other chain puts
its key into its rows' content and its seals, so nothing moves between chains unnoticed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC

from kwportal.models.audit import SYSTEM_CHAIN, AuditEvent

GENESIS_HASH = "0" * 64
CHANGED = "content does not match its hash"


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
    chain = event.chain or SYSTEM_CHAIN
    if chain != SYSTEM_CHAIN:
        content["chain"] = chain
    return json.dumps(content, sort_keys=True, separators=(",", ":")).encode()


def row_hash(event: AuditEvent) -> str:
    return hashlib.sha256(event.prev_hash.encode() + canonical(event)).hexdigest()


def _keyed(secret: str, message: str) -> str:
    return hmac.new(secret.encode(), message.encode(), "sha256").hexdigest()


def _scope(chain: str) -> str:
    return "" if chain == SYSTEM_CHAIN else f"{chain}:"


def seal(secret: str, seq: int, head_hash: str, chain: str = SYSTEM_CHAIN) -> str:
    return _keyed(secret, f"{_scope(chain)}{seq}:{head_hash}")


def checkpoint_seal(secret: str, seq: int, last_hash: str, chain: str = SYSTEM_CHAIN) -> str:
    return _keyed(secret, f"checkpoint:{_scope(chain)}{seq}:{last_hash}")


def redaction_seal(
    secret: str, seq: int, original_hash: str, content_hash: str, chain: str = SYSTEM_CHAIN
) -> str:
    return _keyed(secret, f"redaction:{_scope(chain)}{seq}:{original_hash}:{content_hash}")


def registry_seal(secret: str, chains: int) -> str:
    """The seal over the number of chains besides the system chain (on the system head)."""
    return _keyed(secret, f"chains:{chains}")
