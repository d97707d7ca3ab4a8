"""Files attached to a case (issue 15 item 4): the employee, the employer's contacts and the
care team attach PDF, JPEG and PNG files; who reads one follows its audience
(``domain.policy``, "issue 15: uploads"). What the employee sends goes to the care team
only: an employer's list is built without those rows, so it cannot even count them.

One use case per click: open the upload (the account and the case are checked before the
route reads a byte of the file), store a prepared file (``upload_files.prepare``: type from
the bytes, image metadata stripped), list the files the actor may read, download one after
a fresh code. Storing and every download are audited; so is a list of someone else's
files."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row
from sqlalchemy import select as select_rows
from sqlmodel import Session, col, func, select

from kwportal.domain import medical_terms
from kwportal.domain.categories import Category
from kwportal.domain.policy import (
    Actor,
    NotAllowedError,
    Subject,
    in_scope,
    may_read_upload,
    may_upload,
    readable_upload_audiences,
    require,
    upload_audience,
    upload_category,
)
from kwportal.domain.roles import Role
from kwportal.domain.uploads import MAX_FILES_PER_CASE, UploadRefusedError, name_words
from kwportal.models import CaseUpload, Employee, SickLeaveCase
from kwportal.models.base import MAX_ROW_ID
from kwportal.services import audit
from kwportal.services.case.upload_files import CleanFile
from kwportal.services.employee.my_case import latest_case
from kwportal.services.privacy import restriction
from kwportal.services.unit import Ctx, use_case

#: every role that works on a case
FILE_ROLES = (
    Role.EMPLOYEE,
    Role.EMPLOYER_CONTACT,
    Role.COMPANY_DOCTOR,
    Role.CARE_TEAM,
    Role.CASE_MANAGER,
)
#: the newest files a page lists
LIMIT = 200
UPLOADED = "case_file_uploaded"
DOWNLOADED = "case_file_downloaded"
LISTED = "case_files_listed"
#: what a list shows of an upload: never its bytes
_LISTED_COLUMNS = (
    col(CaseUpload.id),
    col(CaseUpload.filename),
    col(CaseUpload.content_type),
    col(CaseUpload.size),
    col(CaseUpload.created_at),
    col(CaseUpload.uploader_role),
    col(CaseUpload.audience),
    col(CaseUpload.uploaded_by_account_id),
)


class CaseFilesError(ValueError):
    """Refused; ``code`` is the i18n key of the message (an unknown case or file and one
    outside the actor's reach read alike)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class FileLine:
    upload_id: int
    filename: str
    content_type: str
    size: int
    created_at: datetime
    uploader_role: str
    audience: str
    #: uploaded by the signed-in account itself
    own: bool


@dataclass(frozen=True, slots=True)
class CaseFiles:
    """A case's files as the actor may see them, and where his own uploads go."""

    case_id: int
    person: str
    sick_since: date
    audience: str
    files: tuple[FileLine, ...]
    #: the use of the employee's data stopped, as the reader is told (issue 17 item 3)
    restriction: restriction.RestrictionNotice | None = None


@dataclass(frozen=True, slots=True)
class FileDownload:
    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True, slots=True)
class _Case:
    row: SickLeaveCase
    case_id: int
    subject: Subject


def _unknown_case() -> CaseFilesError:
    return CaseFilesError("case_files.unknown_case")


def _case(session: Session, actor: Actor, case_id: int | None) -> _Case:
    """The case the actor works on: the employee's own latest one (or one of his own he
    names), anyone else's only by its number and within the actor's scope."""
    require(actor, *FILE_ROLES, error=CaseFilesError)
    row = _own_case(session, actor, case_id) if actor.role is Role.EMPLOYEE else None
    row = row or _by_id(session, case_id)
    if row is None or row.id is None:
        raise _unknown_case()
    subject = Subject(employee_id=row.employee_id, organisation_id=row.organisation_id)
    if not in_scope(actor, subject):
        raise _unknown_case()
    return _Case(row, row.id, subject)


def _own_case(session: Session, actor: Actor, case_id: int | None) -> SickLeaveCase | None:
    """The employee's latest case when he names none (he may have none at all)."""
    employee_id = require(actor, Role.EMPLOYEE, has="employee_id", error=CaseFilesError)
    if case_id is not None:
        return None
    row = latest_case(session, employee_id)
    if row is None:
        raise CaseFilesError("case_files.no_case")
    return row


def _by_id(session: Session, case_id: int | None) -> SickLeaveCase | None:
    if case_id is None or not 0 < case_id <= MAX_ROW_ID:
        return None
    return session.get(SickLeaveCase, case_id)


def _uploading(session: Session, actor: Actor, case_id: int | None) -> _Case:
    case = _case(session, actor, case_id)
    if not may_upload(actor, case.subject):
        raise CaseFilesError(NotAllowedError.code)
    restriction.refuse_upload_if_restricted(  # processing stopped (issue 17 item 3)
        session, actor.role, case.subject.employee_id, error=_restricted_upload
    )
    return case


def _restricted_upload(_key: str) -> CaseFilesError:
    """The upload page shows only its own messages (``case_files.…``)."""
    return CaseFilesError("case_files.error.restricted")


def store(actor: Actor, case_id: int | None, file: CleanFile, *, ctx: Ctx) -> int:
    """Keep a prepared file on the case with the actor's audience; audited as created. A
    name that an employer or case manager gives a shared file passes the medical-term
    check (the employer never reads a diagnosis, seed ch. 1 "Aan werkgever")."""
    if not isinstance(file, CleanFile):
        raise TypeError("only a prepared file is stored")
    case = _uploading(ctx.session, actor, case_id)
    audience = upload_audience(actor)
    if audience != "care" and medical_terms.find_terms(name_words(file.filename)):
        raise UploadRefusedError("case_files.error.medical_name")
    stored = ctx.session.exec(
        select(func.count()).select_from(CaseUpload).where(CaseUpload.case_id == case.case_id)
    ).one()
    if stored >= MAX_FILES_PER_CASE:
        raise UploadRefusedError("case_files.error.too_many")
    upload = CaseUpload(
        case_id=case.case_id,
        employee_id=case.subject.employee_id,
        uploaded_by_account_id=actor.account_id,
        uploader_role=str(actor.role),
        audience=audience,
        filename=file.filename,
        content_type=file.content_type,
        size=file.size,
        sha256=file.sha256,
        content=file.content,
        created_at=ctx.now,
    )
    ctx.session.add(upload)
    ctx.session.flush()
    assert upload.id is not None
    _audit(ctx, actor, UPLOADED, audit.Action.CREATE, case.subject, [upload], sha256=file.sha256)
    return upload.id


def case_files(actor: Actor, case_id: int | None, *, ctx: Ctx) -> CaseFiles:
    """The files of the case the actor may read, newest first; the medical ones are not
    even read from the database for a role that may not see them."""
    case = _case(ctx.session, actor, case_id)
    audiences = readable_upload_audiences(actor)
    rows = ctx.session.execute(
        select_rows(*_LISTED_COLUMNS)
        .where(col(CaseUpload.case_id) == case.case_id, col(CaseUpload.audience).in_(audiences))
        .order_by(col(CaseUpload.created_at).desc(), col(CaseUpload.id).desc())
        .limit(LIMIT)
    ).all()
    files = tuple(
        _line(actor, row) for row in rows if may_read_upload(actor, row.audience, case.subject)
    )
    if actor.employee_id != case.subject.employee_id:
        # the page names the person even when no file is there: that is a read too
        _audit(ctx, actor, LISTED, audit.Action.READ, case.subject, files, case_id=case.case_id)
    return CaseFiles(
        case_id=case.case_id,
        person=_person(ctx.session, case.subject.employee_id),
        sick_since=case.row.sick_report_date,
        audience=upload_audience(actor),
        files=files,
        restriction=restriction.notice_for(ctx.session, actor, case.subject),
    )


def _line(actor: Actor, row: Row[Any]) -> FileLine:
    return FileLine(
        upload_id=row.id,
        filename=row.filename,
        content_type=row.content_type,
        size=row.size,
        created_at=row.created_at,
        uploader_role=row.uploader_role,
        audience=row.audience,
        own=row.uploaded_by_account_id == actor.account_id,
    )


def _person(session: Session, employee_id: int) -> str:
    """The name of the person whose case it is (every role here may see it; an employer
    contact his own employees' names only, which the scope check made sure of)."""
    person = session.get(Employee, employee_id)
    return f"{person.first_name} {person.last_name}" if person else ""


def download(actor: Actor, upload_id: int, *, ctx: Ctx) -> FileDownload:
    """One file the actor may read; anything else reads as unknown. Audited as a read of
    its category (medical for the care team's files)."""
    require(actor, *FILE_ROLES, error=CaseFilesError)
    unknown = CaseFilesError("case_files.unknown_file")
    if not 0 < upload_id <= MAX_ROW_ID:
        raise unknown
    audience = ctx.session.exec(
        select(CaseUpload.audience, CaseUpload.case_id).where(CaseUpload.id == upload_id)
    ).first()
    case = ctx.session.get(SickLeaveCase, audience[1]) if audience else None
    if audience is None or case is None:
        raise unknown
    subject = Subject(employee_id=case.employee_id, organisation_id=case.organisation_id)
    if not may_read_upload(actor, audience[0], subject):
        raise unknown
    upload = ctx.session.get(CaseUpload, upload_id)
    assert upload is not None
    _audit(ctx, actor, DOWNLOADED, audit.Action.READ, subject, [upload])
    return FileDownload(upload.filename, upload.content_type, upload.content)


def _audit(
    ctx: Ctx,
    actor: Actor,
    event_type: str,
    action: audit.Action,
    subject: Subject,
    uploads: Sequence[CaseUpload | FileLine],
    *,
    case_id: int | None = None,
    **details: str,
) -> None:
    own = actor.employee_id == subject.employee_id
    case_ref = (
        [audit.ObjectRef(str(Category.ABSENCE), "sick_leave_case", case_id)] if case_id else []
    )
    audit.record(
        ctx.session,
        actor=actor,
        access=ctx.access,
        event_type=event_type,
        action=action,
        ground=audit.Ground.OWN_DATA if own else audit.Ground.LEGAL_DUTY,
        subject_employee_id=subject.employee_id,
        objects=case_ref
        + [
            audit.ObjectRef(str(upload_category(u.audience)), "case_upload", _id(u))
            for u in uploads
        ],
        details=details or None,
        secret=ctx.secret,
        now=ctx.now,
    )


def _id(upload: CaseUpload | FileLine) -> int | None:
    return upload.upload_id if isinstance(upload, FileLine) else upload.id


# --- use cases: one click each (the page or the file routes hand them to the runner) ---


@use_case(*FILE_ROLES)
def do_open_upload(actor: Actor, case_id: int | None, *, ctx: Ctx) -> int:
    """May this account attach a file to this case? Asked before the route reads a byte of
    the file, so a stranger's upload is never held; the case's number."""
    return _uploading(ctx.session, actor, case_id).case_id


@use_case(*FILE_ROLES)
def do_upload(actor: Actor, case_id: int | None, file: CleanFile, *, ctx: Ctx) -> int:
    """Store the prepared file; the new upload's id."""
    return store(actor, case_id, file, ctx=ctx)


@use_case(*FILE_ROLES)
def do_list_files(actor: Actor, case_id: int | None, *, ctx: Ctx) -> CaseFiles:
    return case_files(actor, case_id, ctx=ctx)


@use_case(*FILE_ROLES, step_up=True)
def do_download_file(actor: Actor, upload_id: int, *, ctx: Ctx) -> FileDownload:
    """One file, after a fresh code (BRIEF.md "Security": re-authentication before a
    download), its read audited in the same unit."""
    return download(actor, upload_id, ctx=ctx)
