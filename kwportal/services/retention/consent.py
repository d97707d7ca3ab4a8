"""The employee's explicit consent to keep his file longer (seed ch. 1: "Daarnaast kunnen
wij met uitdrukkelijke toestemming van werknemers de persoonsgegevens gedurende een
langere periode bewaren"). Granting and withdrawing are equally easy, take effect at once,
and do not undo what was lawful before (AVG art. 7(3))."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from kwportal.domain.policy import Actor, require
from kwportal.domain.retention import add_years
from kwportal.domain.roles import Role
from kwportal.models import ConsentRecord
from kwportal.models.base import utcnow as now_utc
from kwportal.services import audit
from kwportal.services.employee import receipts
from kwportal.services.retention.plan import RETENTION_CONSENT

NOTICE_VERSION = "retention-2026-11-28"
MAX_YEARS_AHEAD = 100


class ConsentError(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class RetentionConsentView:
    consent_id: int
    until: date
    granted_at: datetime
    withdrawn_at: datetime | None


def _own(actor: Actor) -> int:
    return require(actor, Role.EMPLOYEE, has="employee_id", error=ConsentError)


def list_own(session: Session, actor: Actor) -> tuple[RetentionConsentView, ...]:
    employee_id = _own(actor)
    rows = session.exec(
        select(ConsentRecord)
        .where(ConsentRecord.employee_id == employee_id, ConsentRecord.kind == RETENTION_CONSENT)
        .order_by(col(ConsentRecord.granted_at).desc())
    ).all()
    return tuple(
        RetentionConsentView(
            r.id or 0,
            r.valid_until or (r.granted_at or now_utc()).date(),
            r.granted_at or now_utc(),
            r.withdrawn_at,
        )
        for r in rows
    )


def grant(
    session: Session,
    actor: Actor,
    *,
    until: date,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
) -> int:
    employee_id = _own(actor)
    if until <= now.date():
        raise ConsentError("consent.until_in_past")
    if until > add_years(now.date(), MAX_YEARS_AHEAD):
        raise ConsentError("consent.until_too_far")
    record = ConsentRecord(
        employee_id=employee_id,
        kind=RETENTION_CONSENT,
        purpose="Dossier langer bewaren dan de wettelijke termijn",
        data_description="Het volledige arbo- en medisch dossier",
        data_categories="identity,employment,absence,absence_health,medical,employer_feedback",
        recipient="KrachtWerkt",
        legal_basis="consent",
        notice_version=NOTICE_VERSION,
        method="portal",
        granted_at=now,
        valid_until=until,
    )
    session.add(record)
    session.flush()
    assert record.id is not None
    audit.record(
        session,
        actor=actor,
        access=access,
        event_type="consent_granted",
        action=audit.Action.CREATE,
        ground=audit.Ground.CONSENT,
        subject_employee_id=employee_id,
        consent_id=record.id,
        objects=[audit.ObjectRef("consent", "consent_record", record.id)],
        secret=secret,
        now=now,
    )
    receipts.issue(session, record, "granted", at=now)
    return record.id


def withdraw(
    session: Session,
    actor: Actor,
    *,
    consent_id: int,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
) -> None:
    employee_id = _own(actor)
    record = session.get(ConsentRecord, consent_id)
    if record is None or record.employee_id != employee_id or record.kind != RETENTION_CONSENT:
        raise ConsentError("consent.unknown")
    if record.withdrawn_at is not None:
        raise ConsentError("consent.already_withdrawn")
    record.withdrawn_at, record.withdrawal_method = now, "portal"
    session.add(record)
    session.flush()
    receipts.issue(session, record, "withdrawn", at=now)
    audit.record(
        session,
        actor=actor,
        access=access,
        event_type="consent_withdrawn",
        action=audit.Action.UPDATE,
        ground=audit.Ground.CONSENT,
        subject_employee_id=employee_id,
        consent_id=consent_id,
        objects=[audit.ObjectRef("consent", "consent_record", consent_id)],
        secret=secret,
        now=now,
    )
