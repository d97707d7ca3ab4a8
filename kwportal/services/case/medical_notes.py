"""Writing in the medical file: append-only. A correction never changes or deletes a
note; it is a new version that points at the one it supersedes, so the file keeps what
was written and when (WGBO art. 7:454; issue 7, item 2)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import Access, Actor, access
from kwportal.models import MedicalNote
from kwportal.services import audit
from kwportal.services.case.scope import case_in_scope

MAX_NOTE = 20_000
NOTE_KINDS = ("consult", "phone", "letter", "other")
CORRECTION = "correction"


class NoteError(ValueError):
    """A refused note; ``code`` is a translation key."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def add_note(
    actor: Actor,
    case_id: int,
    *,
    body: str,
    kind: str = "consult",
    supersedes_id: int | None = None,
    session: Session,
    access_point: audit.AccessPoint,
    secret: str,
    now: datetime,
) -> int:
    """A new note, or a new version of ``supersedes_id``; returns its id."""
    if access(actor, Category.MEDICAL) is not Access.FULL:
        raise NoteError("auth.not_allowed")
    ref = case_in_scope(session, actor, case_id)
    text = body.replace("\x00", "").strip()
    if not text:
        raise NoteError("care.note_required")
    if len(text) > MAX_NOTE:
        raise NoteError("care.note_too_long")
    if supersedes_id is not None:
        _check_correctable(session, case_id, supersedes_id)
        kind = CORRECTION
    elif kind not in NOTE_KINDS:
        kind = "other"
    note = MedicalNote(
        case_id=case_id,
        employee_id=ref.subject.employee_id,
        author_account_id=actor.account_id,
        kind=kind,
        body=text,
        supersedes_id=supersedes_id,
        created_at=now,
    )
    session.add(note)
    session.flush()
    assert note.id is not None
    audit.record(
        session,
        actor=actor,
        access=access_point,
        event_type="medical_note_corrected" if supersedes_id else "medical_note_added",
        action=audit.Action.CREATE,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=ref.subject.employee_id,
        objects=[audit.ObjectRef(str(Category.MEDICAL), "medical_note", note.id)],
        details={"supersedes": supersedes_id} if supersedes_id else None,
        secret=secret,
        now=now,
    )
    return note.id


def _check_correctable(session: Session, case_id: int, note_id: int) -> None:
    """Only the current version of a note of this case can be corrected; a note someone
    else corrected a moment ago is refused (correct the newer version instead)."""
    original = session.get(MedicalNote, note_id, with_for_update=True)
    if original is None or original.case_id != case_id:
        raise NoteError("care.note_unknown")
    newer = session.exec(select(MedicalNote.id).where(MedicalNote.supersedes_id == note_id))
    if newer.first() is not None:
        raise NoteError("care.note_already_corrected")
