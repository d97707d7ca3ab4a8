"""My case (issue 5 item 7): the employee's latest case — his appointments with the company
doctor and the team, the people helping him back to work, and the case documents he is
entitled to (problem analysis and plan of action, Wet verbetering poortwachter), each
downloadable; a download is audited as an export of his own data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select as select_rows
from sqlmodel import Session, col, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import Actor, require
from kwportal.domain.roles import Role
from kwportal.models import Account, Appointment, CaseDocument, CaseHelper, SickLeaveCase
from kwportal.models.base import MAX_ROW_ID
from kwportal.services import audit
from kwportal.services.unit import Ctx, use_case

#: the documents the employee receives (Regeling procesgang eerste en tweede ziektejaar)
ENTITLED_KINDS = ("problem_analysis", "plan_of_action")


class MyCaseError(PermissionError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class AppointmentLine:
    starts_at: datetime
    location: str
    subject: str
    with_role: str
    with_name: str


@dataclass(frozen=True, slots=True)
class HelperLine:
    name: str
    helper_role: str
    organisation: str
    phone: str
    email: str


@dataclass(frozen=True, slots=True)
class DocumentLine:
    document_id: int
    kind: str
    title: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class MyCase:
    case_id: int
    sick_since: date
    recovered_on: date | None
    appointments: tuple[AppointmentLine, ...]
    helpers: tuple[HelperLine, ...]
    documents: tuple[DocumentLine, ...]


def _own(actor: Actor) -> int:
    return require(actor, Role.EMPLOYEE, has="employee_id", error=MyCaseError)


def latest_case(session: Session, employee_id: int) -> SickLeaveCase | None:
    """The employee's latest case (the one his own pages are about), or None."""
    return session.exec(
        select(SickLeaveCase)
        .where(SickLeaveCase.employee_id == employee_id)
        .order_by(col(SickLeaveCase.sick_report_date).desc(), col(SickLeaveCase.id).desc())
        .limit(1)
    ).first()


def my_case(session: Session, actor: Actor) -> MyCase | None:
    """The latest case of the employee, or None when he has none."""
    employee_id = _own(actor)
    case = latest_case(session, employee_id)
    if case is None or case.id is None:
        return None
    appointments = session.execute(
        select_rows(Appointment, col(Account.role), col(Account.display_name))
        .outerjoin(Account, col(Account.id) == col(Appointment.with_account_id))
        .where(col(Appointment.case_id) == case.id)
        .order_by(col(Appointment.starts_at))
    ).all()
    helpers = session.exec(
        select(CaseHelper).where(CaseHelper.case_id == case.id).order_by(col(CaseHelper.id))
    ).all()
    documents = session.exec(
        select(CaseDocument)
        .where(
            CaseDocument.case_id == case.id,
            CaseDocument.employee_id == employee_id,
            col(CaseDocument.kind).in_(ENTITLED_KINDS),
        )
        .order_by(col(CaseDocument.created_at))
    ).all()
    return MyCase(
        case_id=case.id,
        sick_since=case.sick_report_date,
        recovered_on=case.recovery_date,
        appointments=tuple(
            AppointmentLine(a.starts_at, a.location, a.subject, role or "", name or "")
            for a, role, name in appointments
        ),
        helpers=tuple(
            HelperLine(h.name, h.helper_role, h.organisation, h.phone, h.email) for h in helpers
        ),
        documents=tuple(DocumentLine(d.id or 0, d.kind, d.title, d.created_at) for d in documents),
    )


@dataclass(frozen=True, slots=True)
class DocumentFile:
    filename: str
    text: str


def download_document(
    session: Session,
    actor: Actor,
    document_id: int,
    *,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
) -> DocumentFile:
    """One of the employee's own entitled documents; anything else reads as unknown."""
    employee_id = _own(actor)
    if not 0 < document_id <= MAX_ROW_ID:
        raise MyCaseError("my_case.unknown_document")
    document = session.get(CaseDocument, document_id)
    if (
        document is None
        or document.employee_id != employee_id
        or document.kind not in ENTITLED_KINDS
    ):
        raise MyCaseError("my_case.unknown_document")
    audit.record(
        session,
        actor=actor,
        access=access,
        event_type="case_document_downloaded",
        action=audit.Action.EXPORT,
        ground=audit.Ground.OWN_DATA,
        subject_employee_id=employee_id,
        objects=[audit.ObjectRef(str(Category.ABSENCE), "case_document", document_id)],
        secret=secret,
        now=now,
    )
    body = f"{document.title}\n{'=' * len(document.title)}\n\n{document.content}\n"
    return DocumentFile(f"{document.kind}-{document_id}.txt", body)


# --- use cases: one click each (the page or the download route hands them to the runner) ---


@use_case(Role.EMPLOYEE, person=True)
def do_show_case(actor: Actor, *, ctx: Ctx) -> MyCase | None:
    return my_case(ctx.session, actor)


@use_case(Role.EMPLOYEE, person=True, step_up=True)
def do_download_document(actor: Actor, document_id: int, *, ctx: Ctx) -> DocumentFile:
    """One of his entitled documents, its download audited in the same unit."""
    return download_document(
        ctx.session, actor, document_id, now=ctx.now, access=ctx.access, secret=ctx.secret
    )
