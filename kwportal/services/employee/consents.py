"""The employee's consents (issue 5 item 4; seed ch. 1 "uitdrukkelijke toestemming"): all
of them in one list — longer retention, GP authorisations, and the named extra datum a
company doctor asked him to share with his employer (issue 7 item 6) — with purpose, data,
recipient, text version, and when each was asked, granted, refused or withdrawn.

Granting, refusing and withdrawing are one call each, equally easy (AVG art. 7(3)); a
grant and a withdrawal each yield a signed receipt (:mod:`kwportal.services.employee.receipts`). A
withdrawal counts from the employer's very next request and does not undo what was lawful
before. Every change locks the consent row, re-reads it and refuses a repeat by name, so a
double tap changes nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import (
    CONSENT_EMPLOYER_DATUM,
    CONSENT_GRANTED,
    Actor,
    consent_state,
    may_request_datum,
    require,
)
from kwportal.domain.roles import Role
from kwportal.i18n.fmt import local_date
from kwportal.models import ConsentReceipt, ConsentRecord, Disclosure
from kwportal.models.base import utcnow
from kwportal.services import audit
from kwportal.services.employee import receipts
from kwportal.services.privacy import restriction
from kwportal.services.unit import Ctx, use_case

REQUESTED = "requested"
GRANTED = CONSENT_GRANTED
REFUSED = "refused"
#: the kind of consent record a request for the employer creates (the emergency note)
EMPLOYER_DATUM = CONSENT_EMPLOYER_DATUM


class ConsentError(ValueError):
    """A refused change; ``code`` is a translation key."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class ReceiptRef:
    receipt_id: int
    event: str


@dataclass(frozen=True, slots=True)
class MyConsent:
    consent_id: int
    kind: str
    #: requested | granted | refused | withdrawn | expired
    state: str
    purpose: str
    data: str
    #: the exact text the employer would see (consent requests only)
    datum_value: str
    datum_kind: str
    recipient: str
    notice_version: str
    requested_at: datetime | None
    granted_at: datetime | None
    refused_at: datetime | None
    withdrawn_at: datetime | None
    valid_until: date | None
    receipts: tuple[ReceiptRef, ...]


def _own(actor: Actor) -> int:
    return require(actor, Role.EMPLOYEE, has="employee_id", error=ConsentError)


def state_of(record: ConsentRecord, *, today: date | None = None) -> str:
    """The consent's state; with ``today`` a granted consent past its period is
    ``expired`` (``policy.consent_state``)."""
    if today is None:
        if record.status == GRANTED and record.withdrawn_at is not None:
            return "withdrawn"
        return record.status
    return consent_state(record.status, record.withdrawn_at, record.valid_until, today=today)


def list_mine(
    session: Session, actor: Actor, *, today: date | None = None
) -> tuple[MyConsent, ...]:
    """Every consent of the employee, open requests first, then newest first."""
    employee_id = _own(actor)
    today = today or local_date(utcnow())
    rows = session.exec(
        select(ConsentRecord)
        .where(ConsentRecord.employee_id == employee_id)
        .order_by(col(ConsentRecord.id).desc())
    ).all()
    ids = [r.id for r in rows if r.id is not None]
    refs: dict[int, list[ReceiptRef]] = {}
    if ids:
        for receipt in session.exec(
            select(ConsentReceipt)
            .where(col(ConsentReceipt.consent_id).in_(ids))
            .order_by(col(ConsentReceipt.id))
        ):
            refs.setdefault(receipt.consent_id, []).append(
                ReceiptRef(receipt.id or 0, receipt.event)
            )
    lines = [_line(r, tuple(refs.get(r.id or 0, ())), today) for r in rows]
    lines.sort(key=lambda line: line.state != REQUESTED)
    return tuple(lines)


def _line(r: ConsentRecord, refs: tuple[ReceiptRef, ...], today: date) -> MyConsent:
    return MyConsent(
        consent_id=r.id or 0,
        kind=r.kind,
        state=state_of(r, today=today),
        purpose=r.purpose,
        data=r.datum_label or r.data_description,
        datum_value=r.datum_value,
        datum_kind=r.datum_kind,
        recipient=r.recipient,
        notice_version=r.notice_version,
        requested_at=r.requested_at,
        granted_at=r.granted_at,
        refused_at=r.refused_at,
        withdrawn_at=r.withdrawn_at,
        valid_until=r.valid_until,
        receipts=refs,
    )


def _locked_own(session: Session, actor: Actor, consent_id: int) -> ConsentRecord:
    employee_id = _own(actor)
    record = session.exec(
        select(ConsentRecord).where(ConsentRecord.id == consent_id).with_for_update()
    ).first()
    if record is None or record.employee_id != employee_id:
        raise ConsentError("consent.unknown")
    session.refresh(record)
    return record


def _log(
    session: Session,
    actor: Actor,
    record: ConsentRecord,
    event: str,
    action: audit.Action,
    *,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
) -> None:
    audit.record(
        session,
        actor=actor,
        access=access,
        event_type=event,
        action=action,
        ground=audit.Ground.CONSENT,
        subject_employee_id=record.employee_id,
        consent_id=record.id,
        objects=[audit.ObjectRef(str(Category.CONSENT), "consent_record", record.id)],
        details={"kind": record.kind, "datum_kind": record.datum_kind},
        secret=secret,
        now=now,
    )


def grant(
    session: Session,
    actor: Actor,
    consent_id: int,
    *,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
) -> int:
    """Grant an open request. For the employer's datum: from this moment the employer's
    view shows it, and the availability is recorded as a disclosure to the employer on the
    ground of consent. A consent beyond the employer (a GP machtiging, a re-integration
    provider, the insurer, a new arbodienst) may be used from now until its period ends;
    one whose period has passed can no longer be granted. Returns the receipt's id."""
    record = _locked_own(session, actor, consent_id)
    if record.status != REQUESTED:
        raise ConsentError(_repeat_code(record))
    # processing stopped (issue 17 item 3): his own grant goes on (AVG art. 18(2)) and is
    # recorded as an exception with that ground
    restriction.check(
        session,
        actor,
        record.employee_id,
        "consent_grant",
        case_id=record.case_id,
        access=access,
        secret=secret,
        now=now,
        error=ConsentError,
    )
    if record.kind == EMPLOYER_DATUM and not may_request_datum(record.datum_kind):
        raise ConsentError("consents.forbidden_kind")
    if record.valid_until is not None and record.valid_until < local_date(now):
        raise ConsentError("consents.expired")
    record.status, record.granted_at = GRANTED, now
    session.add(record)
    session.flush()
    if record.kind == EMPLOYER_DATUM:
        _disclose_to_employer(session, actor, record, now)
    _log(
        session,
        actor,
        record,
        "consent_granted",
        audit.Action.CREATE,
        now=now,
        access=access,
        secret=secret,
    )
    return receipts.issue(session, record, "granted", at=now).id or 0


def _disclose_to_employer(
    session: Session, actor: Actor, record: ConsentRecord, now: datetime
) -> None:
    session.add(
        Disclosure(
            employee_id=record.employee_id,
            case_id=record.case_id,
            recipient_kind="employer",
            recipient_organisation_id=record.recipient_organisation_id,
            recipient_name=record.recipient,
            categories=str(Category.CONSENTED_DATUM),
            consent_id=record.id,
            ground=str(audit.Ground.CONSENT),
            disclosed_by_account_id=actor.account_id,
            disclosed_at=now,
        )
    )


def refuse(
    session: Session,
    actor: Actor,
    consent_id: int,
    *,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
) -> None:
    """Say no to an open request: nothing reaches anybody, and no receipt is needed."""
    record = _locked_own(session, actor, consent_id)
    if record.status != REQUESTED:
        raise ConsentError(_repeat_code(record))
    record.status, record.refused_at = REFUSED, now
    session.add(record)
    _log(
        session,
        actor,
        record,
        "consent_refused",
        audit.Action.UPDATE,
        now=now,
        access=access,
        secret=secret,
    )


def withdraw(
    session: Session,
    actor: Actor,
    consent_id: int,
    *,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
) -> int:
    """Withdraw any granted consent of one's own, at once (AVG art. 7(3)). Returns the
    receipt's id."""
    record = _locked_own(session, actor, consent_id)
    if record.status != GRANTED or record.withdrawn_at is not None:
        raise ConsentError(_repeat_code(record))
    record.withdrawn_at, record.withdrawal_method = now, "portal"
    session.add(record)
    session.flush()
    _log(
        session,
        actor,
        record,
        "consent_withdrawn",
        audit.Action.UPDATE,
        now=now,
        access=access,
        secret=secret,
    )
    return receipts.issue(session, record, "withdrawn", at=now).id or 0


def _repeat_code(record: ConsentRecord) -> str:
    """Why a change does not apply to the record as it now stands."""
    if record.withdrawn_at is not None:
        return "consent.already_withdrawn"
    if record.status == GRANTED:
        return "consents.already_granted"
    if record.status == REFUSED:
        return "consents.already_refused"
    return "consents.not_granted"


# --- use cases: one click each (the page hands them to the runner) ---

Mine = tuple[MyConsent, ...]


@use_case(Role.EMPLOYEE, person=True)
def do_list_mine(actor: Actor, *, ctx: Ctx) -> Mine:
    return list_mine(ctx.session, actor, today=ctx.today)


@use_case(Role.EMPLOYEE, person=True, step_up=True)
def do_grant(actor: Actor, consent_id: int, *, ctx: Ctx) -> Mine:
    """Grant, then the refreshed list, in the one unit."""
    grant(ctx.session, actor, consent_id, now=ctx.now, access=ctx.access, secret=ctx.secret)
    return list_mine(ctx.session, actor, today=ctx.today)


@use_case(Role.EMPLOYEE, person=True)
def do_refuse(actor: Actor, consent_id: int, *, ctx: Ctx) -> Mine:
    refuse(ctx.session, actor, consent_id, now=ctx.now, access=ctx.access, secret=ctx.secret)
    return list_mine(ctx.session, actor, today=ctx.today)


@use_case(Role.EMPLOYEE, person=True, step_up=True)
def do_withdraw(actor: Actor, consent_id: int, *, ctx: Ctx) -> Mine:
    withdraw(ctx.session, actor, consent_id, now=ctx.now, access=ctx.access, secret=ctx.secret)
    return list_mine(ctx.session, actor, today=ctx.today)
