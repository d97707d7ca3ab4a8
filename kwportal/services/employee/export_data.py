"""What an export holds (AVG art. 15 and 20): every record about one employee, grouped by
category, read in batches so a 20-year dossier never sits in memory whole.

Left out on purpose: credentials (password hashes, TOTP secrets, session tokens), drafts of
employer feedback that were never released (the doctor's working notes, not yet data
about the employee that anyone acted on), and the signed receipt tokens themselves (they
are downloadable one by one; their events are listed). Care staff in the access log appear
by function, as in the portal (seed ch. 1).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select as select_rows
from sqlmodel import Session, SQLModel, col, select

from kwportal.domain import capacity
from kwportal.domain.roles import STAFF_ROLES, Role
from kwportal.models import (
    Account,
    Appointment,
    AuditEvent,
    CaseDocument,
    CaseHelper,
    CaseMessage,
    CasePlan,
    CaseUpload,
    ConsentReceipt,
    ConsentRecord,
    Disclosure,
    Employee,
    EmployerFeedback,
    ExposureRecord,
    LegalHold,
    MedicalNote,
    MedicalStatement,
    Organisation,
    PlanAction,
    QuestionnaireAnswer,
    RecoveryStep,
    RectificationItem,
    RightsRequest,
    SickLeaveCase,
    SickReport,
)

BATCH = 500
BY_FUNCTION = frozenset(str(role) for role in STAFF_ROLES)
Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Section:
    """One group of records: ``name`` is the JSON key and the i18n key's tail."""

    name: str
    category: str


SECTIONS = (
    Section("identity", "identity"),
    Section("cases", "absence"),
    Section("sick_reports", "employer_record"),
    # partial recovery (issue 18 item 7): from which day he worked which percentage
    Section("recovery_steps", "absence"),
    Section("medical_notes", "medical"),
    # his own statements next to the notes they dispute (WGBO art. 7:454 lid 1; issue 17)
    Section("medical_statements", "medical"),
    Section("questionnaire_answers", "medical"),
    Section("exposure_records", "medical"),
    Section("employer_feedback", "employer_feedback"),
    Section("appointments", "absence"),
    Section("case_helpers", "absence"),
    Section("case_documents", "absence"),
    Section("case_plans", "employer_record"),
    Section("plan_actions", "employer_record"),
    Section("case_uploads", "absence"),
    Section("case_messages", "absence"),
    Section("consents", "consent"),
    Section("consent_receipts", "consent"),
    Section("disclosures", "audit"),
    Section("rights_requests", "rights_request"),
    Section("rectification_items", "rights_request"),
    Section("legal_holds", "audit"),
    Section("access_log", "audit"),
)


def plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def as_record(row: SQLModel, *, drop: frozenset[str] = frozenset()) -> Record:
    return {k: plain(v) for k, v in row.model_dump().items() if k not in drop}


def _table_rows(session: Session, model: Any, where: Any, drop: frozenset[str]) -> Iterator[Record]:
    """Plain rows, not ORM objects: building a model instance per record costs more than
    reading it, and an export only copies values out."""
    table = model.__table__
    query = select_rows(table).where(where).order_by(table.c.id).execution_options(yield_per=BATCH)
    for row in session.execute(query):
        yield {k: plain(v) for k, v in row._mapping.items() if k not in drop}


def records(session: Session, employee_id: int, section: str) -> Iterator[Record]:
    """The records of one section, oldest first."""
    cases = select(SickLeaveCase.id).where(SickLeaveCase.employee_id == employee_id)
    mine = {"employee_id"}
    simple: dict[str, tuple[Any, Any, set[str]]] = {
        "cases": (SickLeaveCase, SickLeaveCase.employee_id == employee_id, mine),
        "sick_reports": (SickReport, col(SickReport.case_id).in_(cases), set()),
        "recovery_steps": (RecoveryStep, col(RecoveryStep.case_id).in_(cases), set()),
        "medical_statements": (
            MedicalStatement,
            MedicalStatement.employee_id == employee_id,
            mine | {"added_by_account_id"},
        ),
        "questionnaire_answers": (
            QuestionnaireAnswer,
            QuestionnaireAnswer.employee_id == employee_id,
            mine,
        ),
        "exposure_records": (ExposureRecord, ExposureRecord.employee_id == employee_id, mine),
        "appointments": (Appointment, Appointment.employee_id == employee_id, mine),
        "case_helpers": (CaseHelper, col(CaseHelper.case_id).in_(cases), set()),
        "case_documents": (CaseDocument, CaseDocument.employee_id == employee_id, mine),
        "case_plans": (CasePlan, col(CasePlan.case_id).in_(cases), set()),
        "plan_actions": (
            PlanAction,
            col(PlanAction.plan_id).in_(
                select(CasePlan.id).where(col(CasePlan.case_id).in_(cases))
            ),
            set(),
        ),
        # the files themselves are downloaded one by one from the case page
        "case_uploads": (CaseUpload, CaseUpload.employee_id == employee_id, mine | {"content"}),
        "case_messages": (CaseMessage, CaseMessage.employee_id == employee_id, mine),
        "consents": (ConsentRecord, ConsentRecord.employee_id == employee_id, mine),
        "disclosures": (Disclosure, Disclosure.employee_id == employee_id, mine),
        "rights_requests": (RightsRequest, RightsRequest.employee_id == employee_id, mine),
        "rectification_items": (
            RectificationItem,
            RectificationItem.employee_id == employee_id,
            mine | {"decided_by_account_id"},
        ),
        "legal_holds": (LegalHold, LegalHold.employee_id == employee_id, mine),
    }
    if section in simple:
        model, where, drop = simple[section]
        yield from _table_rows(session, model, where, frozenset(drop))
    elif section == "medical_notes":
        yield from _notes(session, employee_id)
    elif section == "identity":
        person = session.get(Employee, employee_id)
        if person is not None:
            yield as_record(person)
    elif section == "employer_feedback":
        released = col(EmployerFeedback.case_id).in_(cases) & (
            col(EmployerFeedback.status) == "released"
        )
        for record in _table_rows(
            session, EmployerFeedback, released, frozenset({"author_account_id"})
        ):
            stored = capacity.read(record["functional_capacity"], record["capacity_notes"])
            record["functional_capacity"] = dict(stored.levels)
            record["capacity_notes"] = dict(stored.notes)
            yield record
    elif section == "consent_receipts":
        yield from _receipts(session, employee_id)
    elif section == "access_log":
        yield from access_log(session, employee_id)
    else:
        raise KeyError(section)


def _notes(session: Session, employee_id: int) -> Iterator[Record]:
    """His medical notes, each with the ids of his own statements about it (section
    ``medical_statements``): the disputed text stays, his statement stands next to it."""
    disputed: dict[int, list[int]] = {}
    for statement_id, note_id in session.execute(
        select_rows(col(MedicalStatement.id), col(MedicalStatement.note_id))
        .where(col(MedicalStatement.employee_id) == employee_id)
        .where(col(MedicalStatement.note_id).is_not(None))
        .order_by(col(MedicalStatement.id))
    ):
        disputed.setdefault(note_id, []).append(statement_id)
    where = MedicalNote.employee_id == employee_id
    for record in _table_rows(session, MedicalNote, where, frozenset({"employee_id"})):
        record["statement_ids"] = disputed.get(record["id"], [])
        yield record


def _receipts(session: Session, employee_id: int) -> Iterator[Record]:
    mine = select(ConsentRecord.id).where(ConsentRecord.employee_id == employee_id)
    where = col(ConsentReceipt.consent_id).in_(mine)
    yield from _table_rows(session, ConsentReceipt, where, frozenset({"token"}))


def access_log(session: Session, employee_id: int) -> Iterator[Record]:
    """Every audit event about the employee by someone else (NEN 7513), oldest first."""
    own = select(Account.id).where(Account.employee_id == employee_id)
    query = (
        select_rows(
            col(AuditEvent.occurred_at),
            col(AuditEvent.event_type),
            col(AuditEvent.action),
            col(AuditEvent.ground),
            col(AuditEvent.actor_role),
            col(AuditEvent.objects),
            col(Account.display_name),
            col(Organisation.name),
        )
        .outerjoin(Account, col(Account.id) == col(AuditEvent.actor_account_id))
        .outerjoin(Organisation, col(Organisation.id) == col(AuditEvent.actor_organisation_id))
        .where(
            col(AuditEvent.subject_employee_id) == employee_id,
            col(AuditEvent.actor_role) != str(Role.EMPLOYEE),
            col(AuditEvent.actor_account_id).is_(None)
            | col(AuditEvent.actor_account_id).not_in(own),
        )
        .order_by(col(AuditEvent.id))
        .execution_options(yield_per=BATCH)
    )
    for row in session.execute(query):
        categories = sorted({o.get("category", "") for o in json.loads(row.objects or "[]")})
        yield {
            "occurred_at": plain(row.occurred_at),
            "event": row.event_type,
            "action": row.action,
            "ground": row.ground,
            "actor_role": row.actor_role,
            "actor_name": "" if row.actor_role in BY_FUNCTION else (row.display_name or ""),
            "actor_organisation": row.name or "",
            "categories": [c for c in categories if c],
        }
