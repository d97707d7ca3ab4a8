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
from collections.abc import Mapping
from datetime import UTC
from typing import Any

from kwportal.models.audit import SYSTEM_CHAIN, AuditEvent

GENESIS_HASH = "0" * 64
CHANGED = "content does not match its hash"


#: the columns a row's hash covers besides its chain (``occurred_at`` as ISO text in UTC)
CONTENT = (
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
#: ``json.dumps(..., sort_keys=True, separators=(",", ":"))`` built once, not per row
_ENCODE = json.JSONEncoder(sort_keys=True, separators=(",", ":")).encode


def canonical(event: AuditEvent) -> bytes:
    return canonical_of({name: getattr(event, name) for name in (*CONTENT, "chain")})


def canonical_of(values: Mapping[str, Any]) -> bytes:
    """The canonical content of a row given as its column values (the writer hashes the
    values it inserts, without building a model object): the same bytes as :func:`canonical`
    of the row read back."""
    content = {name: values[name] for name in CONTENT}
    content["occurred_at"] = (
        values["occurred_at"].astimezone(UTC).isoformat(timespec="microseconds")
    )
    chain = values.get("chain") or SYSTEM_CHAIN
    if chain != SYSTEM_CHAIN:
        content["chain"] = chain
    return _ENCODE(content).encode()


def row_hash(event: AuditEvent) -> str:
    return hashlib.sha256(event.prev_hash.encode() + canonical(event)).hexdigest()


def hash_of(values: Mapping[str, Any]) -> str:
    """:func:`row_hash` of a row given as its column values."""
    return hashlib.sha256(values["prev_hash"].encode() + canonical_of(values)).hexdigest()


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
