"""The medical file is append-only: a correction is a new version (issue 7, item 2)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, col, select

from kwportal.db import transaction
from kwportal.models import AuditEvent, MedicalNote
from kwportal.services.case.file import NOTES_PAGE, NotesPage, older_notes, open_case_file
from kwportal.services.case.medical_notes import MAX_NOTE, NoteError, add_note
from kwportal.services.views import PolicyDeniedError
from tests.conftest import TEST_SECRET
from tests.integration.care_world import ACCESS, NOW, actor, build


def _add(engine, account_id, case_id, body, supersedes_id=None):
    with transaction(engine) as session:
        return add_note(
            actor(engine, account_id),
            case_id,
            body=body,
            supersedes_id=supersedes_id,
            session=session,
            access_point=ACCESS,
            secret=TEST_SECRET,
            now=NOW,
        )


def test_a_correction_is_a_new_version_and_the_original_stays(engine):
    a, _ = build(engine)
    first = _add(engine, a.member, a.cases[0], "Consult: klachten sinds maandag")
    fixed = _add(engine, a.doctor, a.cases[0], "Consult: klachten sinds dinsdag", first)
    with Session(engine) as session:
        rows = session.exec(
            select(MedicalNote)
            .where(MedicalNote.case_id == a.cases[0])
            .order_by(col(MedicalNote.id))
        ).all()
    assert [r.body for r in rows][-2:] == [
        "Consult: klachten sinds maandag",
        "Consult: klachten sinds dinsdag",
    ]
    assert rows[-1].supersedes_id == first and rows[-1].kind == "correction"
    with transaction(engine) as session:
        view = open_case_file(
            actor(engine, a.doctor),
            a.cases[0],
            session=session,
            access_point=ACCESS,
            secret=TEST_SECRET,
        )
    by_id = {n.note_id: n for n in view.notes}
    assert by_id[first].superseded and not by_id[fixed].superseded
    assert by_id[fixed].author_role == "company_doctor"


def test_correcting_a_note_twice_is_refused_so_no_correction_is_lost(engine):
    a, _ = build(engine)
    first = _add(engine, a.doctor, a.cases[0], "versie 1")
    _add(engine, a.doctor, a.cases[0], "versie 2", first)
    with pytest.raises(NoteError) as refused:
        _add(engine, a.member, a.cases[0], "versie 2b", first)
    assert refused.value.code == "care.note_already_corrected"


@pytest.mark.parametrize(
    ("body", "code"), [("   ", "care.note_required"), ("x" * (MAX_NOTE + 1), "care.note_too_long")]
)
def test_empty_and_over_long_notes_are_refused_with_a_clear_code(engine, body, code):
    a, _ = build(engine)
    with pytest.raises(NoteError) as refused:
        _add(engine, a.doctor, a.cases[0], body)
    assert refused.value.code == code


def test_case_manager_cannot_write_and_nobody_corrects_a_note_of_another_case(engine):
    a, _ = build(engine)
    with pytest.raises(NoteError):
        _add(engine, a.case_manager, a.cases[0], "iets")
    other = _add(engine, a.doctor, a.cases[1], "ander dossier")
    with pytest.raises(NoteError) as refused:
        _add(engine, a.doctor, a.cases[0], "correctie", other)
    assert refused.value.code == "care.note_unknown"


def test_a_long_file_opens_on_its_newest_notes_and_reads_older_ones_a_page_at_a_time(engine):
    """Issue 19 item 2: a 121-note file sends the newest NOTES_PAGE; "show older notes"
    reads on without a gap or a double (equal times ordered by id), each page an audited
    read, and a correction marks the note it replaced on whichever page that is."""
    a, _ = build(engine)
    case_id, employee_id = a.cases[0], a.employees[0]
    with transaction(engine) as session:
        rows = [
            MedicalNote(
                case_id=case_id,
                employee_id=employee_id,
                author_account_id=a.member,
                body=f"consult {k}",
                # the last 60 share one moment: the id decides their order
                created_at=NOW + timedelta(minutes=min(k, 60)),
            )
            for k in range(1, 120)
        ]
        session.add_all(rows)
        session.flush()
        replaced = rows[5].id
        session.add(
            MedicalNote(
                case_id=case_id,
                employee_id=employee_id,
                author_account_id=a.doctor,
                kind="correction",
                body="correctie",
                supersedes_id=replaced,
                created_at=NOW + timedelta(days=1),
            )
        )
    with Session(engine) as session:
        expected = [
            note.id
            for note in session.exec(
                select(MedicalNote)
                .where(MedicalNote.case_id == case_id)
                .order_by(col(MedicalNote.created_at).desc(), col(MedicalNote.id).desc())
            )
        ]
    assert len(expected) == 121
    doctor = actor(engine, a.doctor)
    with transaction(engine) as session:
        view = open_case_file(
            doctor, case_id, session=session, access_point=ACCESS, secret=TEST_SECRET
        )
    assert (len(view.notes), view.notes_total) == (NOTES_PAGE, 121)
    assert view.notes[0].body == "correctie" and view.notes[0].supersedes_id == replaced
    seen, pages = list(view.notes), []
    while len(seen) < view.notes_total:
        with transaction(engine) as session:
            page = older_notes(
                doctor,
                case_id,
                seen[-1].note_id,
                session=session,
                access_point=ACCESS,
                secret=TEST_SECRET,
            )
        pages.append((len(page.notes), page.older))
        seen += page.notes
    assert pages == [(50, 21), (21, 0)]
    assert [n.note_id for n in seen] == expected
    assert [n.note_id for n in seen if n.superseded] == [replaced]
    with Session(engine) as session:
        reads = session.exec(
            select(AuditEvent).where(AuditEvent.event_type == "medical_notes_view")
        ).all()
    assert len(reads) == 2 and {r.subject_employee_id for r in reads} == {employee_id}
    manager = actor(engine, a.case_manager)
    with transaction(engine) as session:
        # a note of another case reads as nothing older; a case manager reads no notes
        other = older_notes(
            doctor, case_id, 10**6, session=session, access_point=ACCESS, secret=TEST_SECRET
        )
        assert other == NotesPage((), 0)
        with pytest.raises(PolicyDeniedError):
            older_notes(
                manager,
                case_id,
                expected[0],
                session=session,
                access_point=ACCESS,
                secret=TEST_SECRET,
            )
