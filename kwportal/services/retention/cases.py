"""Destroying one case that was handed over to a new arbodienst, while the rest of the
employee's file keeps its own term (seed ch. 1, Bewaartermijn: "dragen wij persoonsgegevens
die verband houden met lopende ziektegevallen over aan de nieuwe bedrijfsarts of
arbodienst, waarna KrachtWerkt deze gegevens niet meer zal bewaren"; issue 17 item 6).

A case is due from the day the successor confirmed receipt
(``domain.retention.transferred_case_destroy_from``), unless a legal hold or an exposure
record keeps the file. Everything that belongs to the case goes, children first, in the
caller's transaction; what records *that* something was shared (the disclosure) and the
legal exceptions, letters and consents that name the case stay with the file, no longer
pointing at it. No tombstone is written: the person's file is not destroyed (a tombstone
would let the audit pruning treat him as gone); each case gets its own audit row."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from kwportal.models import (
    Appointment,
    CaseDocument,
    CaseHelper,
    CaseMessage,
    CasePlan,
    CaseUpload,
    ConsentRecord,
    Disclosure,
    EmployeeLetter,
    EmployerFeedback,
    MedicalNote,
    MedicalStatement,
    MessageRead,
    PlanAction,
    QuestionnaireAnswer,
    RecoveryStep,
    RestrictionException,
    SickLeaveCase,
    SickReport,
    StepCompletion,
    StepNotice,
    WorkNote,
)
from kwportal.services import audit
from kwportal.services.retention.plan import transferred_cases

DESTROYED = "transferred_case_destroyed"


def _statements(case_ids: Sequence[int]) -> list[Any]:
    cases = list(case_ids)
    notes = select(MedicalNote.id).where(col(MedicalNote.case_id).in_(cases))
    feedback = select(EmployerFeedback.id).where(col(EmployerFeedback.case_id).in_(cases))
    plans = select(CasePlan.id).where(col(CasePlan.case_id).in_(cases))
    return [
        delete(PlanAction).where(col(PlanAction.plan_id).in_(plans)),
        delete(CasePlan).where(col(CasePlan.case_id).in_(cases)),
        delete(CaseUpload).where(col(CaseUpload.case_id).in_(cases)),
        delete(MessageRead).where(col(MessageRead.case_id).in_(cases)),
        delete(CaseMessage).where(col(CaseMessage.case_id).in_(cases)),
        delete(StepNotice).where(col(StepNotice.case_id).in_(cases)),
        delete(Appointment).where(col(Appointment.case_id).in_(cases)),
        delete(CaseHelper).where(col(CaseHelper.case_id).in_(cases)),
        # what was shared with whom stays on the employee's list, without the case
        update(Disclosure)
        .where(col(Disclosure.case_id).in_(cases) | col(Disclosure.feedback_id).in_(feedback))
        .values(case_id=None, feedback_id=None),
        delete(CaseDocument).where(col(CaseDocument.case_id).in_(cases)),
        delete(EmployerFeedback).where(col(EmployerFeedback.case_id).in_(cases)),
        delete(QuestionnaireAnswer).where(col(QuestionnaireAnswer.case_id).in_(cases)),
        delete(MedicalStatement).where(
            col(MedicalStatement.case_id).in_(cases) | col(MedicalStatement.note_id).in_(notes)
        ),
        update(MedicalNote)
        .where(col(MedicalNote.supersedes_id).in_(notes))
        .values(supersedes_id=None),
        delete(MedicalNote).where(col(MedicalNote.case_id).in_(cases)),
        delete(WorkNote).where(col(WorkNote.case_id).in_(cases)),
        delete(SickReport).where(col(SickReport.case_id).in_(cases)),
        delete(StepCompletion).where(col(StepCompletion.case_id).in_(cases)),
        delete(RecoveryStep).where(col(RecoveryStep.case_id).in_(cases)),
        update(ConsentRecord).where(col(ConsentRecord.case_id).in_(cases)).values(case_id=None),
        update(RestrictionException)
        .where(col(RestrictionException.case_id).in_(cases))
        .values(case_id=None),
        update(EmployeeLetter).where(col(EmployeeLetter.case_id).in_(cases)).values(case_id=None),
        delete(SickLeaveCase).where(col(SickLeaveCase.id).in_(cases)),
    ]


def destroy_batch(
    session: Session, employee_ids: Sequence[int], *, today: date, run_id: int, secret: str
) -> int:
    """Destroy the confirmed handed-over cases of these employees that are still due,
    re-deciding inside this transaction (a hold set since planning wins)."""
    due = [c for c in transferred_cases(session, employee_ids) if c.destroy_from <= today]
    if not due:
        return 0
    for statement in _statements([c.case_id for c in due]):
        session.execute(statement)
    audit.record_many(
        session,
        [
            audit.Entry(
                event_type=DESTROYED,
                action=audit.Action.DELETE,
                ground=audit.Ground.LEGAL_DUTY,
                subject_employee_id=case.employee_id,
                objects=[audit.ObjectRef("audit", "sick_leave_case", case.case_id)],
                details={"rule": "transferred_to_new_arbodienst", "run": run_id},
            )
            for case in due
        ],
        actor=audit.SYSTEM_ACTOR,
        access=audit.CLI,
        secret=secret,
    )
    return len(due)
