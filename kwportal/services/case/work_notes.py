"""The company doctor's personal work notes (BRIEF.md; WGBO art. 7:456): his own
aide-memoire on a case — impressions, things to check next time — kept apart from the
medical file. Only the author reads them (``policy.may_read_work_note``); they are not part
of the file the care team shares, of an access request, of the employee's download or of a
transfer package, and they are destroyed with the file (``retention_run``). Writing and
reading them is audited like any other access to a person's data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import Actor, may_keep_work_notes, may_read_work_note
from kwportal.domain.roles import Role
from kwportal.models import WorkNote
from kwportal.services import audit
from kwportal.services.case.scope import case_in_scope
from kwportal.services.unit import Ctx, use_case

MAX_WORK_NOTE = 10_000
#: the newest notes a page shows
LIMIT = 200


class WorkNoteError(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class WorkNoteLine:
    note_id: int
    body: str
    created_at: datetime


def add_work_note(
    actor: Actor,
    case_id: int,
    *,
    body: str,
    session: Session,
    access_point: audit.AccessPoint,
    secret: str,
    now: datetime,
) -> int:
    if not may_keep_work_notes(actor):
        raise WorkNoteError("auth.not_allowed")
    ref = case_in_scope(session, actor, case_id)
    text = body.replace("\x00", "").strip()
    if not text:
        raise WorkNoteError("work_notes.required")
    if len(text) > MAX_WORK_NOTE:
        raise WorkNoteError("work_notes.too_long")
    assert actor.account_id is not None
    note = WorkNote(
        case_id=case_id,
        employee_id=ref.subject.employee_id,
        author_account_id=actor.account_id,
        body=text,
        created_at=now,
    )
    session.add(note)
    session.flush()
    assert note.id is not None
    _audit(session, actor, access_point, ref.subject.employee_id, audit.Action.CREATE, secret)
    return note.id


def my_work_notes(
    actor: Actor,
    case_id: int,
    *,
    session: Session,
    access_point: audit.AccessPoint,
    secret: str,
) -> tuple[WorkNoteLine, ...]:
    """The actor's own work notes on the case, newest first (none for anyone else)."""
    if not may_keep_work_notes(actor):
        raise WorkNoteError("auth.not_allowed")
    ref = case_in_scope(session, actor, case_id)
    rows = session.exec(
        select(WorkNote)
        .where(WorkNote.case_id == case_id, WorkNote.author_account_id == actor.account_id)
        .order_by(col(WorkNote.created_at).desc(), col(WorkNote.id).desc())
        .limit(LIMIT)
    ).all()
    lines = tuple(
        WorkNoteLine(row.id or 0, row.body, row.created_at)
        for row in rows
        if may_read_work_note(actor, row.author_account_id)
    )
    if lines:
        _audit(session, actor, access_point, ref.subject.employee_id, audit.Action.READ, secret)
    return lines


def _audit(
    session: Session,
    actor: Actor,
    access_point: audit.AccessPoint,
    employee_id: int,
    action: audit.Action,
    secret: str,
) -> None:
    audit.record(
        session,
        actor=actor,
        access=access_point,
        event_type="work_note_added" if action is audit.Action.CREATE else "work_notes_read",
        action=action,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=employee_id,
        objects=[audit.ObjectRef(str(Category.WORK_NOTE), "work_note", None)],
        secret=secret,
    )


# --- use cases: one click each (the page hands them to the runner) ---


@dataclass(frozen=True, slots=True)
class WorkNotesView:
    """The actor's own work notes on one case, and whether he keeps any at all (the policy's
    word, so the page shows the section without asking it)."""

    kept: bool
    lines: tuple[WorkNoteLine, ...] = ()


def notes_view(
    actor: Actor,
    case_id: int,
    *,
    session: Session,
    access_point: audit.AccessPoint,
    secret: str,
) -> WorkNotesView:
    if not may_keep_work_notes(actor):
        return WorkNotesView(kept=False)
    lines = my_work_notes(actor, case_id, session=session, access_point=access_point, secret=secret)
    return WorkNotesView(kept=True, lines=lines)


@use_case(Role.COMPANY_DOCTOR)
def do_add_work_note(actor: Actor, case_id: int, body: str, *, ctx: Ctx) -> WorkNotesView:
    """A new work note, then the doctor's notes on the case read again, in the one unit."""
    add_work_note(
        actor,
        case_id,
        body=body,
        session=ctx.session,
        access_point=ctx.access,
        secret=ctx.secret,
        now=ctx.now,
    )
    return notes_view(
        actor, case_id, session=ctx.session, access_point=ctx.access, secret=ctx.secret
    )
