"""Roster import for the employer: upload, preview, then one transaction (issue 6 item 6).

The uploaded file is staged in ``roster_upload`` (never in a Reflex state): the preview reads it
and shows counts and errors by line and column, no cell values; only a file without errors can
be applied, all rows or none. The key is organisation + personnel number, so a re-import
updates and never duplicates. Employees missing from the file are left as they are (a roster
file may cover one department); an end of employment is a date in the file, not an absence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import delete, insert, update
from sqlalchemy import select as select_rows
from sqlmodel import Session, col, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import Actor, require
from kwportal.domain.roles import Role
from kwportal.models import Employee, RosterUpload
from kwportal.models.base import utcnow
from kwportal.services import audit
from kwportal.services.employer.roster_csv import FileError, ParsedRoster, RowError, parse
from kwportal.services.unit import Ctx, use_case

STAGED_FOR = timedelta(days=1)
"""An upload not applied within a day is deleted at the next upload."""
MAX_FILENAME = 200
UPDATABLE = (
    "first_name",
    "last_name",
    "email",
    "department",
    "employment_start",
    "employment_end",
    "date_of_birth",
)


class RosterError(ValueError):
    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code} {detail}".strip())
        self.code, self.detail = code, detail


@dataclass(frozen=True, slots=True)
class Preview:
    upload_id: int
    filename: str
    encoding: str
    delimiter: str
    columns: tuple[str, ...]
    rows: int
    to_create: int
    to_update: int
    unchanged: int
    errors: tuple[RowError, ...]
    error_count: int


@dataclass(frozen=True, slots=True)
class Applied:
    created: int
    updated: int
    unchanged: int


def _organisation(actor: Actor) -> int:
    return require(actor, Role.EMPLOYER_CONTACT, has="organisation_id", error=PermissionError)


def stage(
    actor: Actor,
    filename: str,
    content: bytes,
    *,
    session: Session,
    access: audit.AccessPoint,
    secret: str,
) -> int:
    """Keep the file for its preview; earlier uploads of the account and stale ones go."""
    organisation_id = _organisation(actor)
    assert actor.account_id is not None
    session.execute(
        delete(RosterUpload).where(
            (col(RosterUpload.account_id) == actor.account_id)
            | (col(RosterUpload.uploaded_at) < utcnow() - STAGED_FOR)
        )
    )
    upload = RosterUpload(
        organisation_id=organisation_id,
        account_id=actor.account_id,
        filename=filename.replace("\x00", "")[:MAX_FILENAME],
        content=content,
    )
    session.add(upload)
    session.flush()
    assert upload.id is not None
    audit.record(
        session,
        actor=actor,
        access=access,
        event_type="roster_upload",
        action=audit.Action.CREATE,
        ground=audit.Ground.CONTRACT,
        objects=[audit.ObjectRef(str(Category.EMPLOYMENT), "roster_upload", upload.id)],
        details={"bytes": len(content)},
        secret=secret,
    )
    return upload.id


def _upload(actor: Actor, upload_id: int, session: Session, *, lock: bool = False) -> RosterUpload:
    query = select(RosterUpload).where(
        col(RosterUpload.id) == upload_id,
        col(RosterUpload.account_id) == actor.account_id,
        col(RosterUpload.organisation_id) == _organisation(actor),
    )
    found = session.exec(query.with_for_update() if lock else query).first()
    if found is None:
        raise RosterError("roster.error.no_upload")
    return found


def _parsed(upload: RosterUpload, today: date | None = None) -> ParsedRoster:
    try:
        return parse(upload.content, today=today)
    except FileError as error:
        raise RosterError(error.code, error.detail) from None


def _existing(session: Session, organisation_id: int) -> dict[str, dict[str, Any]]:
    rows = session.execute(
        select_rows(
            col(Employee.id),
            col(Employee.personnel_number),
            *(getattr(Employee, name) for name in UPDATABLE),
        ).where(col(Employee.organisation_id) == organisation_id)
    ).all()
    return {row.personnel_number: dict(row._mapping) for row in rows}


def _plan(
    parsed: ParsedRoster, existing: dict[str, dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    """(rows to insert, changes by id, unchanged count)."""
    fields = [c for c in parsed.columns if c in UPDATABLE]
    creates, updates, unchanged = [], [], 0
    for row in parsed.rows:
        values = {name: row.values.get(name) for name in fields}
        for name in ("email", "department"):
            if name in values and values[name] is None:
                values[name] = ""
        known = existing.get(row.personnel_number)
        if known is None:
            creates.append({"personnel_number": row.personnel_number, **values})
        elif any(known[name] != value for name, value in values.items()):
            updates.append({"id": known["id"], **values})
        else:
            unchanged += 1
    return creates, updates, unchanged


def preview(
    actor: Actor, upload_id: int, *, session: Session, today: date | None = None
) -> Preview:
    upload = _upload(actor, upload_id, session)
    parsed = _parsed(upload, today)
    creates, updates, unchanged = _plan(parsed, _existing(session, upload.organisation_id))
    assert upload.id is not None
    return Preview(
        upload_id=upload.id,
        filename=upload.filename,
        encoding=parsed.encoding,
        delimiter=parsed.delimiter,
        columns=parsed.columns,
        rows=len(parsed.rows) + len({e.line for e in parsed.errors}),
        to_create=len(creates),
        to_update=len(updates),
        unchanged=unchanged,
        errors=parsed.errors,
        error_count=parsed.error_count,
    )


def apply(
    actor: Actor,
    upload_id: int,
    *,
    session: Session,
    today: date,
    access: audit.AccessPoint,
    secret: str,
) -> Applied:
    """Write the whole file in the caller's transaction, or nothing: a file with any error is
    refused. The staged upload is locked and deleted, so a second click finds nothing to do."""
    upload = _upload(actor, upload_id, session, lock=True)
    parsed = _parsed(upload, today)
    if parsed.error_count:
        raise RosterError("roster.error.has_errors", str(parsed.error_count))
    organisation_id = upload.organisation_id
    creates, updates, unchanged = _plan(parsed, _existing(session, organisation_id))
    if creates:
        session.execute(
            insert(Employee),
            [
                {"organisation_id": organisation_id, "created_at": utcnow(), **values}
                for values in creates
            ],
        )
    if updates:
        session.execute(update(Employee), updates)
    session.delete(upload)
    audit.record(
        session,
        actor=actor,
        access=access,
        event_type="roster_import",
        action=audit.Action.UPDATE,
        ground=audit.Ground.CONTRACT,
        objects=[audit.ObjectRef(str(Category.EMPLOYMENT), "employee", None)],
        details={
            "created": len(creates),
            "updated": len(updates),
            "unchanged": unchanged,
            "columns": list(parsed.columns),
            "on": today.isoformat(),
        },
        secret=secret,
    )
    return Applied(len(creates), len(updates), unchanged)


# --- use cases: one click each (the page and the upload route hand them to the runner) ---


@use_case(Role.EMPLOYER_CONTACT)
def do_open_upload(actor: Actor, *, ctx: Ctx) -> None:
    """May this account upload a roster at all? The upload route asks before it reads a
    byte of the file, so a stranger's upload is never held in memory."""
    _organisation(actor)


@use_case(Role.EMPLOYER_CONTACT)
def do_stage(actor: Actor, filename: str, content: bytes, *, ctx: Ctx) -> int:
    """Keep the uploaded file for its preview; the id of the staged upload."""
    return stage(
        actor, filename, content, session=ctx.session, access=ctx.access, secret=ctx.secret
    )


@use_case(Role.EMPLOYER_CONTACT)
def do_preview(actor: Actor, upload_id: int | None, *, ctx: Ctx) -> Preview | None:
    """The staged upload's preview, or None when the page names no upload."""
    if upload_id is None:
        return None
    return preview(actor, upload_id, session=ctx.session, today=ctx.now.date())


@use_case(Role.EMPLOYER_CONTACT)
def do_apply(actor: Actor, upload_id: int, *, ctx: Ctx) -> Applied:
    """Write the whole staged file, or nothing."""
    return apply(
        actor,
        upload_id,
        session=ctx.session,
        today=ctx.now.date(),
        access=ctx.access,
        secret=ctx.secret,
    )
