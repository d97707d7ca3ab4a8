"""Consent receipts: one signed JWS per grant and per withdrawal, holding the fields of an
ISO/IEC TS 27560 consent record (record id, subject, controller, purpose, data categories,
recipients, legal basis, notice version, timestamp, state, method).

The employee downloads them from the portal; anyone can check one with
``kwportal verify-receipt FILE`` against the key published at
``/.well-known/kwportal-signing-key.json``. The subject is a pseudonymous reference, never a
name: a receipt that travels by e-mail says nothing about who the person is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session, select

from kwportal.domain.policy import Actor, require
from kwportal.domain.roles import Role
from kwportal.models import ConsentReceipt, ConsentRecord
from kwportal.models.base import MAX_ROW_ID
from kwportal.services import signing
from kwportal.services.unit import Ctx, use_case

RECEIPT_TYP = "kwportal-consent-receipt+jws"
SCHEMA = "ISO/IEC TS 27560:2023"
CONTROLLER = {
    "name": "KrachtWerkt BV",
    "contact": "privacy@kracht-werkt.nl",
    "role": "controller",
}
#: AVG articles behind a consent: art. 6(1)(a) and, for health data, art. 9(2)(a)
LEGAL_BASES = {
    "consent": "AVG art. 6(1)(a)",
    "explicit_consent": "AVG art. 6(1)(a), art. 9(2)(a)",
}
EVENTS = ("granted", "withdrawn")
STATES = {"granted": "given", "withdrawn": "withdrawn"}
METHOD = "portal: one tap after a fresh TOTP code (step-up)"
REQUIRED_FIELDS = (
    "schema",
    "record_id",
    "subject",
    "controller",
    "purpose",
    "data_categories",
    "recipients",
    "legal_basis",
    "notice_version",
    "timestamp",
    "state",
    "method",
)


class ReceiptError(ValueError):
    """A receipt that does not verify or lacks a field; ``code`` is a translation key."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(detail or code)
        self.code = code


def _iso(value: datetime) -> str:
    moment = value if value.tzinfo else value.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def payload(record: ConsentRecord, event: str, *, at: datetime) -> dict[str, Any]:
    """The 27560 fields of ``record`` at ``event`` (granted | withdrawn)."""
    categories = [c for c in record.data_categories.split(",") if c]
    return {
        "schema": SCHEMA,
        "record_id": f"urn:kwportal:consent:{record.id}",
        "subject": f"urn:kwportal:employee:{record.employee_id}",
        "controller": CONTROLLER,
        "purpose": record.purpose,
        "data_description": record.datum_label or record.data_description,
        "data_categories": categories,
        "recipients": [record.recipient],
        "legal_basis": LEGAL_BASES.get(record.legal_basis, record.legal_basis),
        "notice_version": record.notice_version,
        "timestamp": _iso(at),
        "event": event,
        "state": STATES[event],
        "method": METHOD if record.method == "portal" else record.method,
        "valid_until": record.valid_until.isoformat() if record.valid_until else None,
    }


def issue(session: Session, record: ConsentRecord, event: str, *, at: datetime) -> ConsentReceipt:
    """Sign and store the receipt of ``event``; the one already issued comes back as is (a
    double tap never yields a second receipt)."""
    if event not in EVENTS or record.id is None:
        raise ValueError(f"no receipt for {event!r}")
    existing = session.exec(
        select(ConsentReceipt).where(
            ConsentReceipt.consent_id == record.id, ConsentReceipt.event == event
        )
    ).first()
    if existing is not None:
        return existing
    token = signing.sign(payload(record, event, at=at), typ=RECEIPT_TYP)
    receipt = ConsentReceipt(consent_id=record.id, event=event, token=token, issued_at=at)
    session.add(receipt)
    session.flush()
    return receipt


def verify(token: str, jwk: dict[str, Any] | None = None) -> dict[str, Any]:
    """The receipt's fields when ``token`` is our signed receipt, else :class:`ReceiptError`."""
    try:
        header, fields = signing.verify(token, jwk)
    except signing.SignatureError as error:
        raise ReceiptError("receipt.bad_signature", str(error)) from error
    if header.get("typ") != RECEIPT_TYP:
        raise ReceiptError("receipt.not_a_receipt", f"typ is {header.get('typ')!r}")
    missing = [name for name in REQUIRED_FIELDS if name not in fields]
    if missing:
        raise ReceiptError("receipt.incomplete", "missing " + ", ".join(missing))
    return fields


def _unknown(_code: str) -> ReceiptError:
    return ReceiptError("receipt.unknown")


@dataclass(frozen=True, slots=True)
class ReceiptFile:
    filename: str
    token: str
    consent_id: int
    employee_id: int


def own_receipt(session: Session, actor: Actor, receipt_id: int) -> ReceiptFile:
    """The employee's own receipt; anything else (another role included) reads as unknown."""
    employee_id = require(actor, Role.EMPLOYEE, has="employee_id", error=_unknown)
    if not 0 < receipt_id <= MAX_ROW_ID:
        raise ReceiptError("receipt.unknown")
    receipt = session.get(ConsentReceipt, receipt_id)
    record = session.get(ConsentRecord, receipt.consent_id) if receipt else None
    if receipt is None or record is None or record.employee_id != employee_id:
        raise ReceiptError("receipt.unknown")
    name = f"consent-{record.id}-{receipt.event}-receipt.jws"
    return ReceiptFile(name, receipt.token, receipt.consent_id, record.employee_id)


# --- use cases: one click each (the download route hands them to the runner) ---


@use_case(Role.EMPLOYEE, person=True, step_up=True)
def do_download_receipt(actor: Actor, receipt_id: int, *, ctx: Ctx) -> ReceiptFile:
    return own_receipt(ctx.session, actor, receipt_id)
