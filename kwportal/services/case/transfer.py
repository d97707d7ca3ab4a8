"""The transfer package to a new arbodienst, the company doctor's part (seed ch. 1,
Bewaartermijn: "dragen wij persoonsgegevens die verband houden met lopende ziektegevallen
over aan de nieuwe bedrijfsarts of arbodienst"; seed ch. 3 D).

The package holds the medical file, so the doctor of the team that serves the employer
builds and releases it, never the privacy desk (BRIEF.md: "released by the company doctor,
encrypted for the receiver, recorded as a disclosure"). The signed ZIP
(transfer_package.py) is encrypted in the age format (https://age-encryption.org, with
pyrage) before it leaves this module: to the receiving arbodienst's public key
(``age1…``), or to a passphrase the doctor hands over another way (by phone, never with
the file). Only the encrypted file reaches the browser, as the answer of a download route
that asks for a fresh code first (step-up).

Each case handed over gets a :class:`Disclosure` (recipient kind ``arbodienst``, by the
doctor) and the release an audit row with the SHA-256 of the package and of the encrypted
file, in the same transaction that marks the cases sent; the desk then sees that and when
(kwportal/services/privacy/transfer.py) and confirms receipt. Bad input (no age public
key, a passphrase under :data:`MIN_PASSPHRASE` characters) is refused before anything is
read or written.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

import pyrage
from pyrage import passphrase as age_passphrase
from pyrage import x25519
from sqlmodel import Session, select

from kwportal.domain.policy import Actor, Subject, in_scope, require
from kwportal.domain.roles import Role
from kwportal.models import Disclosure, Employee, SickLeaveCase
from kwportal.services import audit, signing
from kwportal.services.case import transfer_package as packing
from kwportal.services.privacy import restriction
from kwportal.services.privacy.transfer import (
    RECIPIENT_KIND,
    TransferError,
    clean_recipient,
    running_cases,
    transfer_request,
)
from kwportal.services.unit import Ctx, use_case

RELEASED = "transfer_package_released"
#: the two ways to encrypt: to the recipient's age public key, or to a passphrase
BY_KEY = "age_key"
BY_PHRASE = "passphrase"
#: a passphrase is handed over by phone: long enough to withstand guessing of the file
MIN_PASSPHRASE = 12
MAX_PASSPHRASE = 1_000
MAX_KEY = 200
AGE_PUBLIC_PREFIX = "age1"
AGE_IDENTITY_PREFIX = "AGE-SECRET-KEY-"


@dataclass(frozen=True, slots=True)
class Target:
    """Whom the package is encrypted for. ``key`` is the recipient's public key (kept in the
    audit row); a passphrase is never stored anywhere."""

    method: str
    key: str = ""
    passphrase: str = field(default="", repr=False)


@dataclass(frozen=True, slots=True)
class Sealed:
    """The encrypted package: the only form in which the file leaves the service layer."""

    filename: str
    content: bytes
    sha256: str
    package_sha256: str
    package_id: str


def _require_doctor(actor: Actor) -> int:
    return require(actor, Role.COMPANY_DOCTOR, has="account_id", error=TransferError)


def target(method: str, key: str, phrase: str, again: str) -> Target:
    """The encryption target from the form, or TransferError naming what is wrong."""
    method = method.strip()
    if method == BY_KEY:
        key = key.strip()
        if key.upper().startswith(AGE_IDENTITY_PREFIX):
            raise TransferError("care_transfer.secret_key_given")
        if not key:
            raise TransferError("care_transfer.key_required")
        if len(key) > MAX_KEY or not key.startswith(AGE_PUBLIC_PREFIX):
            raise TransferError("care_transfer.not_an_age_key")
        try:
            x25519.Recipient.from_str(key)
        except (pyrage.RecipientError, ValueError):
            raise TransferError("care_transfer.not_an_age_key") from None
        return Target(BY_KEY, key=key)
    if method == BY_PHRASE:
        if not phrase.strip():
            raise TransferError("care_transfer.passphrase_required")
        if len(phrase) < MIN_PASSPHRASE:
            raise TransferError("care_transfer.passphrase_too_short")
        if len(phrase) > MAX_PASSPHRASE:
            raise TransferError("care_transfer.passphrase_too_long")
        if phrase != again:
            raise TransferError("care_transfer.passphrase_mismatch")
        return Target(BY_PHRASE, passphrase=phrase)
    raise TransferError("care_transfer.choose_method")


def seal(content: bytes, to: Target) -> bytes:
    """The age-format file of ``content`` for ``to`` (binary, not armoured)."""
    if to.method == BY_KEY:
        sealed = pyrage.encrypt(content, [x25519.Recipient.from_str(to.key)])
    else:
        sealed = age_passphrase.encrypt(content, to.passphrase)
    return bytes(sealed)


def _subject(case: SickLeaveCase) -> Subject:
    return Subject(employee_id=case.employee_id, organisation_id=case.organisation_id)


def _cases_in_scope(session: Session, actor: Actor, employee_id: int) -> list[SickLeaveCase]:
    """The running, unconfirmed cases of the employee at the doctor's employers; a request
    of someone he never served reads as no transfer request at all."""
    mine = [
        c for c in running_cases(session, employee_id, sent=False) if in_scope(actor, _subject(c))
    ]
    if mine:
        return mine
    every = session.exec(select(SickLeaveCase).where(SickLeaveCase.employee_id == employee_id))
    if any(in_scope(actor, _subject(c)) for c in every):
        raise TransferError("transfer.no_open_case")
    raise TransferError("transfer.not_a_transfer")


def release(
    actor: Actor,
    request_id: int | None,
    recipient: str,
    to: Target,
    *,
    session: Session,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
    origin: str,
    pem: str | None = None,
) -> Sealed:
    """Pack the running cases of the requester that the doctor serves, encrypt the package
    for ``to``, record one disclosure per case and mark them sent. A package may be
    released again (a lost file) until receipt is confirmed; each release is its own
    disclosure."""
    doctor = _require_doctor(actor)
    recipient = clean_recipient(recipient)
    if request_id is None:
        raise TransferError("transfer.not_a_transfer")
    request = transfer_request(session, request_id)
    cases = _cases_in_scope(session, actor, request.employee_id)
    person = session.get(Employee, request.employee_id)
    assert person is not None and person.id is not None
    package = packing.build(
        packing.collect(session, person, cases, recipient=recipient),
        package_id=secrets.token_hex(8),
        created_at=now,
        key_url=origin + signing.WELL_KNOWN_PATH,
        pem=pem,
    )
    sealed = seal(package.content, to)
    for case in cases:
        # his own request (seed ch. 3 D) goes on when the use stopped: recorded per case
        restriction.check(
            session,
            actor,
            person.id,
            "transfer_package",
            case_id=case.id,
            now=now,
            access=access,
            secret=secret,
        )
        mark_sent(session, case, recipient, doctor=doctor, now=now)
    result = sealed_result(package, sealed)
    audit.record(
        session,
        actor=actor,
        access=access,
        event_type=RELEASED,
        action=audit.Action.DISCLOSE,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=person.id,
        objects=_objects(cases, request_id),
        details={
            "request": request_id,
            "recipient": recipient,
            "package": result.package_id,
            "sha256": package.sha256,
            "encrypted_sha256": result.sha256,
            "encryption": "age-x25519" if to.method == BY_KEY else "age-scrypt",
            "recipient_key": to.key,
            "cases": [c.id for c in cases],
        },
        secret=secret,
        now=now,
    )
    return result


def _objects(cases: Iterable[SickLeaveCase], request_id: int) -> list[audit.ObjectRef]:
    """The request, the case rows, and one reference per kind of record the package holds."""
    refs = [audit.ObjectRef("rights_request", "rights_request", request_id)]
    refs += [audit.ObjectRef("absence", "sick_leave_case", c.id) for c in cases]
    refs += [
        audit.ObjectRef(category, table.__tablename__, None)
        for _key, table, category in packing.CASE_PARTS
    ]
    return refs


# --- use case: the download route releases ---


def mark_sent(
    session: Session, case: SickLeaveCase, recipient: str, *, doctor: int, now: datetime
) -> Disclosure:
    """The case's package went to ``recipient``: the case marked sent and the hand-over
    recorded as a disclosure by the doctor (for a transfer request and a hand-over alike)."""
    case.transferred_at = now
    session.add(case)
    disclosure = Disclosure(
        employee_id=case.employee_id,
        case_id=case.id,
        recipient_kind=RECIPIENT_KIND,
        recipient_name=recipient,
        categories=",".join(packing.CATEGORIES),
        ground=str(audit.Ground.LEGAL_DUTY),
        disclosed_by_account_id=doctor,
        disclosed_at=now,
    )
    session.add(disclosure)
    return disclosure


def sealed_result(package: packing.Package, sealed: bytes) -> Sealed:
    """The encrypted file as the browser gets it, named after the package."""
    package_id = str(package.manifest["package_id"])
    return Sealed(
        filename=f"overdracht-{package_id}.zip.age",
        content=sealed,
        sha256=hashlib.sha256(sealed).hexdigest(),
        package_sha256=package.sha256,
        package_id=package_id,
    )


@use_case(Role.COMPANY_DOCTOR, step_up=True)
def do_release_package(
    actor: Actor,
    request_id: int | None,
    recipient: str,
    method: str,
    key: str,
    phrase: str,
    again: str,
    *,
    ctx: Ctx,
) -> Sealed:
    """Check the form, then build, encrypt and release the package of a transfer request,
    in one unit with its disclosures and audit row. The encrypted file is the HTTP answer
    (a download) and nothing else: it reaches no page state."""
    _require_doctor(actor)
    to = target(method, key, phrase, again)
    return release(
        actor,
        request_id,
        recipient,
        to,
        session=ctx.session,
        now=ctx.now,
        access=ctx.access,
        secret=ctx.secret,
        origin=ctx.origin,
    )
