"""My case (issue 5 item 7): the employee's latest case — his appointments with the company
doctor and the team, the people helping him back to work, and the case documents he is
entitled to (problem analysis and plan of action, Wet verbetering poortwachter), each
downloadable; a download is audited as an export of his own data.

He confirms a consult or asks to move it with a reason (issue 15 item 1). The reason is
medical (only the care team reads it); asking frees nothing until staff act on it, and
the one who holds the consult is told *that* a move was asked, never why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select as select_rows
from sqlmodel import Session, col, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import Actor, require
from kwportal.domain.roles import Role
from kwportal.models import Account, Appointment, CaseDocument, CaseHelper, SickLeaveCase
from kwportal.models.base import MAX_ROW_ID, utcnow
from kwportal.services import audit
from kwportal.services.case import consult_mail
from kwportal.services.unit import Ctx, use_case

#: the documents the employee receives (Regeling procesgang eerste en tweede ziektejaar)
ENTITLED_KINDS = ("problem_analysis", "plan_of_action")
MAX_MOVE_REASON = 500
CANCELLED = "cancelled"


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
    appointment_id: int = 0
    minutes: int = 0
    place_kind: str = ""
    #: booked | confirmed | move_requested | cancelled
    status: str = ""
    #: "" | attended | not_attended
    attendance: str = ""
    #: his own reason for asking to move it (medical; his own data)
    move_reason: str = ""
    #: still ahead and not cancelled: he may confirm it or ask to move it
    can_answer: bool = False


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


def _line(a: Appointment, role: str | None, name: str | None, now: datetime) -> AppointmentLine:
    return AppointmentLine(
        a.starts_at,
        a.location,
        a.subject,
        role or "",
        name or "",
        appointment_id=a.id or 0,
        minutes=a.minutes,
        place_kind=a.place_kind,
        status=a.status,
        attendance=a.attendance,
        move_reason=a.move_reason,
        can_answer=a.status != CANCELLED and consult_mail.as_utc(a.starts_at) > now,
    )


def my_case(session: Session, actor: Actor, *, now: datetime | None = None) -> MyCase | None:
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
        appointments=tuple(_line(a, role, name, now or utcnow()) for a, role, name in appointments),
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
    return my_case(ctx.session, actor, now=ctx.now)


def _own_appointment(actor: Actor, appointment_id: int, ctx: Ctx) -> Appointment:
    """One of his own consults that is still ahead and not cancelled, locked; another's
    reads as unknown."""
    employee_id = _own(actor)
    row = (
        ctx.session.get(Appointment, appointment_id, with_for_update=True)
        if 0 < appointment_id <= MAX_ROW_ID
        else None
    )
    if row is None or row.employee_id != employee_id:
        raise MyCaseError("my_case.unknown_appointment")
    if row.status == CANCELLED:
        raise MyCaseError("my_case.appointment_cancelled")
    if consult_mail.as_utc(row.starts_at) <= ctx.now:
        raise MyCaseError("my_case.appointment_past")
    return row


def _audit_answer(actor: Actor, row: Appointment, event_type: str, ctx: Ctx) -> None:
    objects = [audit.ObjectRef(str(Category.ABSENCE), "appointment", row.id)]
    if row.move_reason:
        objects.append(audit.ObjectRef(str(Category.MEDICAL), "appointment", row.id))
    audit.record(
        ctx.session,
        actor=actor,
        access=ctx.access,
        event_type=event_type,
        action=audit.Action.UPDATE,
        ground=audit.Ground.OWN_DATA,
        subject_employee_id=row.employee_id,
        objects=objects,
        secret=ctx.secret,
        now=ctx.now,
    )


@use_case(Role.EMPLOYEE, person=True)
def do_confirm_consult(actor: Actor, appointment_id: int, *, ctx: Ctx) -> MyCase | None:
    """He will come; a move he asked for before is withdrawn with it."""
    row = _own_appointment(actor, appointment_id, ctx)
    row.status, row.confirmed_at, row.move_reason = "confirmed", ctx.now, ""
    ctx.session.add(row)
    _audit_answer(actor, row, "consult_confirmed", ctx)
    return my_case(ctx.session, actor, now=ctx.now)


def move_reason(raw: str) -> str:
    text = raw.replace("\x00", "").strip()
    if not text:
        raise MyCaseError("my_case.move_reason_required")
    if len(text) > MAX_MOVE_REASON:
        raise MyCaseError("my_case.move_reason_long")
    return text


@use_case(Role.EMPLOYEE, person=True)
def do_ask_move(actor: Actor, appointment_id: int, reason: str, *, ctx: Ctx) -> MyCase | None:
    """He asks to move the consult: it stays booked (its slot too) until staff cancel or
    rebook it; the one who holds it gets a content-free notice."""
    text = move_reason(reason)
    row = _own_appointment(actor, appointment_id, ctx)
    row.status, row.move_reason = "move_requested", text
    ctx.session.add(row)
    _audit_answer(actor, row, "consult_move_requested", ctx)
    ctx.send(*consult_mail.move_requested(ctx.session, row, origin=ctx.origin))
    return my_case(ctx.session, actor, now=ctx.now)


@use_case(Role.EMPLOYEE, person=True, step_up=True)
def do_download_document(actor: Actor, document_id: int, *, ctx: Ctx) -> DocumentFile:
    """One of his entitled documents, its download audited in the same unit."""
    return download_document(
        ctx.session, actor, document_id, now=ctx.now, access=ctx.access, secret=ctx.secret
    )
