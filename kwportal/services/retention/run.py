"""Destroying what is due, provably: batches in their own transactions (a killed run
leaves no half-deleted file), one run at a time, a tombstone per file, audited.

Seed ch. 1: "KrachtWerkt bewaart de persoonsgegevens niet langer dan noodzakelijk is".
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import delete, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from kwportal.db import read_transaction, transaction
from kwportal.domain.retention import decide, due
from kwportal.models import (
    Account,
    Appointment,
    AuthFailure,
    BreachPerson,
    CaseDocument,
    CaseHelper,
    CaseMessage,
    CasePlan,
    CaseUpload,
    ConsentReceipt,
    ConsentRecord,
    Disclosure,
    Employee,
    EmployeeLetter,
    EmployeeNotice,
    EmployerFeedback,
    ExposureRecord,
    JobLock,
    LegalHold,
    LoginSession,
    MedicalNote,
    MedicalStatement,
    MessageRead,
    OneTimeToken,
    PlanAction,
    ProcessingRestriction,
    QuestionnaireAnswer,
    RecoveryCode,
    RecoveryStep,
    RectificationItem,
    RestrictionException,
    RetentionRun,
    RetentionTombstone,
    RightsRequest,
    SickLeaveCase,
    SickReport,
    SsoSession,
    StepCompletion,
    StepNotice,
    WorkNote,
)
from kwportal.services import audit
from kwportal.services.auth import housekeeping
from kwportal.services.retention import audit_prune
from kwportal.services.retention import cases as handed_over
from kwportal.services.retention.plan import dossiers, plan, pseudonym
from kwportal.services.visitors import purge as visitor_purge
from kwportal.services.visitors import redaction as visitor_redaction

LOCK_NAME = "retention_run"
DEFAULT_BATCH = 100


class RunRefusedError(RuntimeError):
    """Another retention run holds the lock."""


@dataclass(frozen=True, slots=True)
class RunResult:
    run_id: int
    destroyed: int
    batches: int
    audit_rows_pruned: int = 0
    #: cases handed over to a new arbodienst, destroyed on their own (issue 17 item 6)
    cases_destroyed: int = 0


def _holder() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _alive(holder: str) -> bool:
    host, _, pid = holder.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True  # another machine: assume alive, an operator must clear it
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def acquire_lock(engine: Engine) -> None:
    """Take the run lock, or take over one left by a killed process on this machine."""
    me = _holder()
    try:
        with transaction(engine) as session:
            session.add(JobLock(name=LOCK_NAME, holder=me))
        return
    except IntegrityError:
        pass
    with transaction(engine) as session:
        lock = session.get(JobLock, LOCK_NAME)
        if lock is not None and _alive(lock.holder):
            raise RunRefusedError(
                f"another retention run ({lock.holder}) is in progress since "
                f"{lock.acquired_at:%Y-%m-%d %H:%M} UTC"
            )
        session.execute(
            update(JobLock)
            .where(col(JobLock.name) == LOCK_NAME)
            .values(holder=me, acquired_at=datetime.now(UTC))
        )


def release_lock(engine: Engine) -> None:
    with transaction(engine) as session:
        session.execute(
            delete(JobLock).where(col(JobLock.name) == LOCK_NAME, col(JobLock.holder) == _holder())
        )


def _destroy_rows(session: Session, employee_ids: Sequence[int]) -> None:
    """Every row of these files, children first, one statement per table for the whole
    batch, in the caller's transaction."""
    ids = list(employee_ids)
    cases = select(SickLeaveCase.id).where(col(SickLeaveCase.employee_id).in_(ids))
    accounts = select(Account.id).where(col(Account.employee_id).in_(ids))
    feedback = select(EmployerFeedback.id).where(col(EmployerFeedback.case_id).in_(cases))
    consents = select(ConsentRecord.id).where(col(ConsentRecord.employee_id).in_(ids))
    plans = select(CasePlan.id).where(col(CasePlan.case_id).in_(cases))
    statements: list[Any] = [
        delete(PlanAction).where(col(PlanAction.plan_id).in_(plans)),
        delete(CasePlan).where(col(CasePlan.case_id).in_(cases)),
        delete(CaseUpload).where(col(CaseUpload.case_id).in_(cases)),
        delete(MessageRead).where(col(MessageRead.case_id).in_(cases)),
        delete(CaseMessage).where(col(CaseMessage.case_id).in_(cases)),
        delete(StepNotice).where(col(StepNotice.case_id).in_(cases)),
        delete(Appointment).where(col(Appointment.employee_id).in_(ids)),
        delete(CaseHelper).where(col(CaseHelper.case_id).in_(cases)),
        delete(CaseDocument).where(col(CaseDocument.employee_id).in_(ids)),
        delete(EmployeeNotice).where(col(EmployeeNotice.employee_id).in_(ids)),
        delete(BreachPerson).where(col(BreachPerson.employee_id).in_(ids)),  # issue 17 item 8
        # issue 17 item 5: letters point at disclosures
        delete(EmployeeLetter).where(col(EmployeeLetter.employee_id).in_(ids)),
        delete(Disclosure).where(
            col(Disclosure.employee_id).in_(ids) | col(Disclosure.feedback_id).in_(feedback)
        ),
        delete(EmployerFeedback).where(col(EmployerFeedback.case_id).in_(cases)),
        delete(QuestionnaireAnswer).where(col(QuestionnaireAnswer.employee_id).in_(ids)),
        # issue 17 item 2: his statements (they point at notes) and his rectification items
        delete(MedicalStatement).where(col(MedicalStatement.employee_id).in_(ids)),
        delete(RectificationItem).where(col(RectificationItem.employee_id).in_(ids)),
        # issue 17 item 3: the stop and its exceptions (they point at requests and cases)
        delete(RestrictionException).where(col(RestrictionException.employee_id).in_(ids)),
        delete(ProcessingRestriction).where(col(ProcessingRestriction.employee_id).in_(ids)),
        update(MedicalNote)
        .where(col(MedicalNote.employee_id).in_(ids), col(MedicalNote.supersedes_id).is_not(None))
        .values(supersedes_id=None),
        delete(MedicalNote).where(col(MedicalNote.employee_id).in_(ids)),
        delete(WorkNote).where(col(WorkNote.employee_id).in_(ids)),
        delete(SickReport).where(col(SickReport.case_id).in_(cases)),
        delete(StepCompletion).where(col(StepCompletion.case_id).in_(cases)),
        delete(RecoveryStep).where(col(RecoveryStep.case_id).in_(cases)),
        delete(ConsentReceipt).where(col(ConsentReceipt.consent_id).in_(consents)),
        delete(ConsentRecord).where(col(ConsentRecord.employee_id).in_(ids)),
        delete(SickLeaveCase).where(col(SickLeaveCase.employee_id).in_(ids)),
        delete(ExposureRecord).where(col(ExposureRecord.employee_id).in_(ids)),
        delete(RightsRequest).where(col(RightsRequest.employee_id).in_(ids)),
        delete(LegalHold).where(col(LegalHold.employee_id).in_(ids)),
    ]
    sessions = select(LoginSession.id).where(col(LoginSession.account_id).in_(accounts))
    # issue 19 item 6: a sealed single sign-on ID token points at its session
    statements.append(delete(SsoSession).where(col(SsoSession.login_session_id).in_(sessions)))
    statements += [
        delete(model).where(col(model.account_id).in_(accounts))
        for model in (LoginSession, OneTimeToken, RecoveryCode, AuthFailure)
    ]
    statements += [
        delete(Account).where(col(Account.employee_id).in_(ids)),
        delete(Employee).where(col(Employee.id).in_(ids)),
    ]
    for statement in statements:
        session.execute(statement)


def destroy_batch(
    session: Session, ids: Sequence[int], *, today: date, run_id: int, run_by: str, secret: str
) -> int:
    """Destroy the files among ``ids`` that are still due, re-deciding inside this
    transaction (a hold set since planning wins)."""
    due_now = {
        employee_id: decide(dossier)
        for employee_id, (_person, dossier) in dossiers(session, ids).items()
    }
    due_now = {i: d for i, d in due_now.items() if due(d, today)}
    if not due_now:
        return 0
    _destroy_rows(session, sorted(due_now))
    for employee_id, decision in sorted(due_now.items()):
        session.add(
            RetentionTombstone(
                pseudonym=pseudonym(secret, employee_id),
                rule=str(decision.rule),
                run_id=run_id,
                run_by=run_by,
            )
        )
        audit.record(
            session,
            actor=audit.SYSTEM_ACTOR,
            access=audit.CLI,
            event_type="dossier_destroyed",
            action=audit.Action.DELETE,
            ground=audit.Ground.LEGAL_DUTY,
            subject_employee_id=employee_id,
            details={"rule": str(decision.rule), "run": run_id},
            secret=secret,
        )
    return len(due_now)


def run(
    engine: Engine,
    *,
    today: date,
    run_by: str,
    secret: str,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int, int], None] | None = None,
) -> RunResult:
    acquire_lock(engine)
    try:
        with transaction(engine) as session:
            record = RetentionRun(run_by=run_by, reference_date=today)
            session.add(record)
            session.flush()
            assert record.id is not None
            run_id = record.id
        with read_transaction(engine) as session:
            planned = plan(session, today=today)
            due_ids = [entry.employee_id for entry in planned.due]
            case_owners = sorted({case.employee_id for case in planned.cases_due})
        destroyed = batches = 0
        for start in range(0, len(due_ids), batch_size):
            with transaction(engine) as session:
                destroyed += destroy_batch(
                    session,
                    due_ids[start : start + batch_size],
                    today=today,
                    run_id=run_id,
                    run_by=run_by,
                    secret=secret,
                )
            batches += 1
            if progress:
                progress(min(start + batch_size, len(due_ids)), len(due_ids))
        cases_destroyed = 0
        for start in range(0, len(case_owners), batch_size):
            with transaction(engine) as session:
                cases_destroyed += handed_over.destroy_batch(
                    session,
                    case_owners[start : start + batch_size],
                    today=today,
                    run_id=run_id,
                    secret=secret,
                )
        with transaction(engine) as session:
            now = datetime.now(UTC)
            pruned = audit_prune.prune(session, secret=secret, now=now)
            purged = housekeeping.purge(session, now=now)
            visitors_purged = visitor_purge.purge(session, now=now, today=today)
            # issue 17 item 10: visitors' addresses in audit rows from before, sealed
            visitor_redaction.redact(session, now=now, secret=secret)
            finished = session.get(RetentionRun, run_id)
            assert finished is not None
            finished.finished_at, finished.status = now, "finished"
            finished.destroyed = destroyed
            session.add(finished)
            audit.record(
                session,
                actor=audit.SYSTEM_ACTOR,
                access=audit.CLI,
                event_type="retention_run_finished",
                action=audit.Action.DELETE,
                ground=audit.Ground.LEGAL_DUTY,
                details={
                    "run": run_id,
                    "destroyed": destroyed,
                    "cases_destroyed": cases_destroyed,
                    "audit_rows_pruned": pruned,
                    "sign_in_rows_purged": purged,
                    "visitor_rows_purged": visitors_purged,
                },
                secret=secret,
            )
        return RunResult(run_id, destroyed, batches, pruned, cases_destroyed)
    finally:
        release_lock(engine)
