"""The case file as the care team reads it (issue 7, item 2).

Two views, and the policy decides which one an actor gets:

* :func:`open_case_file` — the medical file for the doctor and his team: medical notes
  (append-only; a correction is a new version pointing at what it supersedes, as WGBO
  files are kept whole), questionnaire answers, exposure records, appointments, documents,
  helpers. Refused for any role without access to the medical category.
* :func:`open_case_admin` — the administration for the case manager: identity, employer,
  absence dates, appointment times and places, document titles, helpers. It never queries
  a medical table or column, so nothing medical can reach a case manager's state.

Every opening is one audited read with its ground (NEN 7513).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Integer, and_, bindparam, exists, func, or_
from sqlalchemy import case as when
from sqlalchemy import select as select_columns
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import Access, Actor, Subject, access, may_read_intake
from kwportal.models import (
    Account,
    Appointment,
    CaseDocument,
    CaseHelper,
    Employee,
    MedicalNote,
    MedicalStatement,
    Organisation,
    QuestionnaireAnswer,
    SickLeaveCase,
)
from kwportal.services import audit
from kwportal.services.case.consent_beyond import ConsentStatus, consent_statuses
from kwportal.services.case.exposures import ExposurePanel, exposure_panel
from kwportal.services.case.medical_notes import add_note
from kwportal.services.case.scope import CARE_ROLES, MEDICAL_ROLES, case_in_scope
from kwportal.services.case.work_notes import WorkNotesView, notes_view
from kwportal.services.employee.questionnaire import intake
from kwportal.services.privacy import restriction
from kwportal.services.privacy.restriction import RestrictionNotice
from kwportal.services.unit import Ctx, use_case
from kwportal.services.views import PolicyDeniedError, project, project_rows

#: the grounds a care-team member may read the file on (seed ch. 1, Grondslagen)
READ_GROUNDS = (audit.Ground.LEGAL_DUTY, audit.Ground.CONSENT, audit.Ground.EMERGENCY)
#: notes read at once, newest first; older ones a page at a time (issue 19 item 2: a
#: 500-note file is not loaded, sent and drawn whole for a doctor on a phone)
NOTES_PAGE = 50
PERSON_COLUMNS = {
    "first_name": "employee.first_name",
    "last_name": "employee.last_name",
    "personnel_number": "employee.personnel_number",
    "job_title": "employee.job_title",
}
CASE_COLUMNS = {
    "sick_report_date": "sick_leave_case.sick_report_date",
    "recovery_date": "sick_leave_case.recovery_date",
}


@dataclass(frozen=True, slots=True)
class NoteLine:
    note_id: int
    kind: str
    body: str
    author_role: str
    created_at: datetime
    supersedes_id: int | None
    #: a later version corrects this one
    superseded: bool
    #: the employee's own statement about this note (WGBO art. 7:454 lid 1): "added" to
    #: the file, "pending" (waiting for the doctor to add it), or "" (issue 17 item 2)
    disputed: str = ""


@dataclass(frozen=True, slots=True)
class NotesPage:
    """A page of the file's notes (every version), newest first."""

    notes: tuple[NoteLine, ...]
    #: how many notes are older than the last one of ``notes``, not read yet
    older: int


@dataclass(frozen=True, slots=True)
class AnswerLine:
    """One intake answer: the question as it was put to the employee, in his language, and
    the questionnaire's version it belongs to (issue 15 item 2)."""

    questionnaire: str
    version: int
    question: str
    answer: str
    answered_at: datetime


@dataclass(frozen=True, slots=True)
class AppointmentLine:
    starts_at: datetime
    location: str
    #: the subject is medical: empty in the case manager's view
    subject: str


@dataclass(frozen=True, slots=True)
class DocumentLine:
    kind: str
    title: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class HelperLine:
    helper_id: int
    name: str
    helper_role: str
    organisation: str
    phone: str
    email: str


@dataclass(frozen=True, slots=True)
class CaseAdminView:
    case_id: int
    first_name: str
    last_name: str
    personnel_number: str
    job_title: str
    organisation: str
    sick_report_date: date
    recovery_date: date | None
    appointments: tuple[AppointmentLine, ...]
    documents: tuple[DocumentLine, ...]
    helpers: tuple[HelperLine, ...]
    #: the use of his data stopped, as the reader is told (issue 17 item 3)
    restriction: RestrictionNotice | None = None


@dataclass(frozen=True, slots=True)
class CaseFileView:
    admin: CaseAdminView
    care_address: str
    #: the newest :data:`NOTES_PAGE` notes (all versions); :func:`older_notes` reads on
    notes: tuple[NoteLine, ...]
    answers: tuple[AnswerLine, ...]
    #: exposures and the retention line they give (issue 15 item 6)
    exposure: ExposurePanel
    #: every note in the file, shown or not
    notes_total: int


def open_case_admin(
    actor: Actor, case_id: int, *, session: Session, access_point: audit.AccessPoint, secret: str
) -> CaseAdminView:
    ref = case_in_scope(session, actor, case_id)
    view = _admin(session, actor, ref.subject, case_id, medical=False)
    _audit(session, actor, access_point, ref.subject, case_id, "case_admin_view", secret=secret)
    return view


def open_case_file(
    actor: Actor,
    case_id: int,
    *,
    session: Session,
    access_point: audit.AccessPoint,
    secret: str,
    ground: audit.Ground = audit.Ground.LEGAL_DUTY,
) -> CaseFileView:
    if access(actor, Category.MEDICAL) is not Access.FULL:
        raise PolicyDeniedError(f"{actor.role} may not read the medical file")
    if ground not in READ_GROUNDS:
        raise PolicyDeniedError(f"no reading on ground {ground}")
    ref = case_in_scope(session, actor, case_id)
    subject = ref.subject
    case = session.get(SickLeaveCase, case_id)
    assert case is not None
    notes = _notes(session, actor, subject, case_id)
    view = CaseFileView(
        admin=_admin(session, actor, subject, case_id, medical=True),
        care_address=project(actor, subject, case, {"a": "sick_leave_case.care_address"})["a"],
        notes=notes.notes,
        answers=answers_for_file(session, actor, subject, case_id),
        exposure=exposure_panel(session, actor, subject),
        notes_total=len(notes.notes) + notes.older,
    )
    _audit(session, actor, access_point, subject, case_id, "medical_file_view", ground, secret)
    return view


def older_notes(
    actor: Actor,
    case_id: int,
    older_than: int,
    *,
    session: Session,
    access_point: audit.AccessPoint,
    secret: str,
    ground: audit.Ground = audit.Ground.LEGAL_DUTY,
) -> NotesPage:
    """The next page of notes, older than note ``older_than`` of this case (none when that
    note is not of this case); an audited read of the medical file like the first page."""
    if access(actor, Category.MEDICAL) is not Access.FULL:
        raise PolicyDeniedError(f"{actor.role} may not read the medical file")
    if ground not in READ_GROUNDS:
        raise PolicyDeniedError(f"no reading on ground {ground}")
    subject = case_in_scope(session, actor, case_id).subject
    page = _notes(session, actor, subject, case_id, older_than=older_than)
    _audit(session, actor, access_point, subject, case_id, "medical_notes_view", ground, secret)
    return page


_ANSWER = {
    "questionnaire": "questionnaire_answer.questionnaire",
    "version": "questionnaire_answer.version",
    "question": "questionnaire_answer.question",
    "answer": "questionnaire_answer.answer",
    "answered_at": "questionnaire_answer.answered_at",
}


def answers_for_file(
    session: Session, actor: Actor, subject: Subject, case_id: int
) -> tuple[AnswerLine, ...]:
    """The case's intake answers for the doctor's team, in the questionnaire's order (a
    question no longer asked comes last); answers the employee cleared are left out."""
    if not may_read_intake(actor, subject):
        raise PolicyDeniedError(f"{actor.role} may not read questionnaire answers")
    rows = session.exec(
        select(QuestionnaireAnswer).where(
            QuestionnaireAnswer.case_id == case_id, QuestionnaireAnswer.answer != ""
        )
    ).all()
    order = {q.key: n for n, q in enumerate(intake().questions)}
    ranked = sorted(
        rows, key=lambda r: (r.questionnaire, order.get(r.question_key, len(order)), r.id or 0)
    )
    return tuple(AnswerLine(**v) for v in project_rows(actor, subject, ranked, _ANSWER))


_NOTE = {
    "note_id": "medical_note.id",
    "kind": "medical_note.kind",
    "body": "medical_note.body",
    "created_at": "medical_note.created_at",
    "supersedes_id": "medical_note.supersedes_id",
}
_HELPER = {
    "helper_id": "case_helper.id",
    "name": "case_helper.name",
    "helper_role": "case_helper.helper_role",
    "organisation": "case_helper.organisation",
    "phone": "case_helper.phone",
    "email": "case_helper.email",
}
_DOCUMENT = {
    "kind": "case_document.kind",
    "title": "case_document.title",
    "created_at": "case_document.created_at",
}
_APPOINTMENT = {"starts_at": "appointment.starts_at", "location": "appointment.location"}


#: the notes statement per shape (first page, older page), built once: building it costs
#: more CPU than PostgreSQL spends running it
_NOTE_PAGES: dict[bool, Any] = {}


def _notes_statement(older: bool) -> Any:
    """One page of the versions, newest first, as columns, with whether a later version
    corrects each, the employee's statement mark, and how many match in all. Parameters:
    ``case_id`` and, for an older page, ``older_than`` (a note of the case; any other id
    matches nothing)."""
    if older in _NOTE_PAGES:
        return _NOTE_PAGES[older]
    case_id: Any = bindparam("case_id", type_=Integer)
    older_than: Any = bindparam("older_than", type_=Integer)

    def matching(note: Any) -> list[Any]:
        where = [note.case_id == case_id]
        if older:
            anchor = (
                select(col(MedicalNote.created_at))
                .where(col(MedicalNote.id) == older_than, col(MedicalNote.case_id) == case_id)
                .scalar_subquery()
            )
            where.append(
                or_(
                    note.created_at < anchor,
                    and_(note.created_at == anchor, note.id < older_than),
                )
            )
        return where

    counted, later = aliased(MedicalNote), aliased(MedicalNote)
    total = select(func.count()).select_from(counted).where(*matching(counted))
    statement = (
        select_columns(
            col(MedicalNote.id),
            col(MedicalNote.kind),
            col(MedicalNote.body),
            col(MedicalNote.created_at),
            col(MedicalNote.supersedes_id),
            col(Account.role),
            exists().where(col(later.supersedes_id) == col(MedicalNote.id)).label("superseded"),
            _statement_mark().label("disputed"),
            total.scalar_subquery().label("total"),
        )
        .join(Account, col(Account.id) == col(MedicalNote.author_account_id), isouter=True)
        .where(*matching(MedicalNote))
        .order_by(col(MedicalNote.created_at).desc(), col(MedicalNote.id).desc())
        .limit(NOTES_PAGE)
    )
    _NOTE_PAGES[older] = statement
    return statement


def _notes(
    session: Session,
    actor: Actor,
    subject: Subject,
    case_id: int,
    *,
    older_than: int | None = None,
) -> NotesPage:
    """A page of the notes (:func:`_notes_statement`); the author by function (seed ch. 1
    authorises by function, and a colleague's name is not the reader's business)."""
    params = {"case_id": case_id}
    if older_than is not None:
        params["older_than"] = older_than
    rows = session.execute(_notes_statement(older_than is not None), params).all()
    values = project_rows(actor, subject, rows, _NOTE)
    notes = tuple(
        NoteLine(
            **value,
            author_role=row.role or "",
            superseded=bool(row.superseded),
            disputed=_MARKS.get(row.disputed, ""),
        )
        for value, row in zip(values, rows, strict=True)
    )
    return NotesPage(notes, rows[0].total - len(rows) if rows else 0)


#: the employee's statements about a note (WGBO art. 7:454 lid 1): "added" once one is in
#: the file, else "pending"; the statements themselves are read in the page's
#: rectification section
_MARKS = {1: "pending", 2: "added"}


def _statement_mark() -> Any:
    """Per note: 2 when a statement about it was added to the file, 1 when one waits for
    the doctor, NULL when there is none (on the statements' note index)."""
    return (
        select(func.max(when((col(MedicalStatement.added_at).is_(None), 1), else_=2)))
        .where(col(MedicalStatement.note_id) == col(MedicalNote.id))
        .scalar_subquery()
    )


def _admin(
    session: Session, actor: Actor, subject: Subject, case_id: int, *, medical: bool
) -> CaseAdminView:
    case = session.get(SickLeaveCase, case_id)
    # the person and the case's employer in one round trip
    person, org = session.exec(
        select(Employee, Organisation)
        .join(Organisation, col(Organisation.id) == subject.organisation_id)
        .where(Employee.id == subject.employee_id)
    ).one()
    assert case is not None
    appointments = session.exec(
        select(Appointment)
        .where(Appointment.case_id == case_id)
        .order_by(col(Appointment.starts_at), col(Appointment.id))
    ).all()
    return CaseAdminView(
        case_id=case_id,
        **project(actor, subject, person, PERSON_COLUMNS),
        **project(actor, subject, org, {"organisation": "organisation.name"}),
        **project(actor, subject, case, CASE_COLUMNS),
        appointments=tuple(
            AppointmentLine(
                **project(actor, subject, row, _APPOINTMENT),
                subject=project(actor, subject, row, {"s": "appointment.subject"})["s"]
                if medical
                else "",
            )
            for row in appointments
        ),
        documents=tuple(
            DocumentLine(**project(actor, subject, row, _DOCUMENT))
            for row in session.exec(
                select(CaseDocument)
                .where(CaseDocument.case_id == case_id)
                .order_by(col(CaseDocument.created_at), col(CaseDocument.id))
            )
        ),
        helpers=tuple(
            HelperLine(**project(actor, subject, row, _HELPER))
            for row in session.exec(
                select(CaseHelper).where(CaseHelper.case_id == case_id).order_by(col(CaseHelper.id))
            )
        ),
        restriction=restriction.notice_for(session, actor, subject),
    )


def _audit(
    session: Session,
    actor: Actor,
    access_point: audit.AccessPoint,
    subject: Subject,
    case_id: int,
    event_type: str,
    ground: audit.Ground = audit.Ground.LEGAL_DUTY,
    secret: str = "",
) -> None:
    categories = [Category.ABSENCE]
    if event_type == "medical_notes_view":
        categories = [Category.MEDICAL]
    if event_type == "medical_file_view":
        categories = [Category.ABSENCE, Category.MEDICAL, Category.CARE_ADDRESS]
    audit.record(
        session,
        actor=actor,
        access=access_point,
        event_type=event_type,
        action=audit.Action.READ,
        ground=ground,
        subject_employee_id=subject.employee_id,
        objects=[audit.ObjectRef(str(c), "sick_leave_case", case_id) for c in categories],
        secret=secret,
    )


# --- use cases: one click each (the page hands them to the runner) ---


@dataclass(frozen=True, slots=True)
class CaseFilePage:
    """The medical file as the page shows it, with the actor's own work notes on the case
    (none, and ``work_notes.kept`` false, for anyone but the company doctor)."""

    file: CaseFileView
    work_notes: WorkNotesView
    #: the employee's consents beyond the employer and whether each may be used today
    #: (a GP machtiging withdrawn or expired may not; issue 17 item 7)
    consents: tuple[ConsentStatus, ...] = ()


def _file_page(actor: Actor, case_id: int, ground: audit.Ground, ctx: Ctx) -> CaseFilePage:
    file = open_case_file(
        actor,
        case_id,
        session=ctx.session,
        access_point=ctx.access,
        secret=ctx.secret,
        ground=ground,
    )
    notes = notes_view(
        actor, case_id, session=ctx.session, access_point=ctx.access, secret=ctx.secret
    )
    subject = case_in_scope(ctx.session, actor, case_id).subject
    statuses = consent_statuses(ctx.session, actor, subject, today=ctx.today)
    return CaseFilePage(file, notes, statuses)


@use_case(*MEDICAL_ROLES)
def do_open_case_file(
    actor: Actor, case_id: int, ground: audit.Ground = audit.Ground.LEGAL_DUTY, *, ctx: Ctx
) -> CaseFilePage:
    """The file and the doctor's own work notes on it, one audited read each."""
    return _file_page(actor, case_id, ground, ctx)


@use_case(*MEDICAL_ROLES)
def do_add_note(
    actor: Actor,
    case_id: int,
    body: str,
    supersedes_id: int | None = None,
    ground: audit.Ground = audit.Ground.LEGAL_DUTY,
    *,
    ctx: Ctx,
) -> CaseFilePage:
    """A note (or a correction: a new version of ``supersedes_id``), then the file read
    again, in the one unit; ``NoteError`` when refused."""
    add_note(
        actor,
        case_id,
        body=body,
        supersedes_id=supersedes_id,
        session=ctx.session,
        access_point=ctx.access,
        secret=ctx.secret,
        now=ctx.now,
    )
    return _file_page(actor, case_id, ground, ctx)


@use_case(*MEDICAL_ROLES)
def do_older_notes(
    actor: Actor,
    case_id: int,
    older_than: int,
    ground: audit.Ground = audit.Ground.LEGAL_DUTY,
    *,
    ctx: Ctx,
) -> NotesPage:
    """The next page of the file's notes ("show older notes"), an audited read."""
    return older_notes(
        actor,
        case_id,
        older_than,
        session=ctx.session,
        access_point=ctx.access,
        secret=ctx.secret,
        ground=ground,
    )


@use_case(*CARE_ROLES)
def do_open_case_admin(actor: Actor, case_id: int, *, ctx: Ctx) -> CaseAdminView:
    """The administration of the case, never a medical table (the case manager's view)."""
    return open_case_admin(
        actor, case_id, session=ctx.session, access_point=ctx.access, secret=ctx.secret
    )
