"""The medical file is append-only: a correction is a new version (issue 7, item 2)."""

from __future__ import annotations

import pytest
from sqlmodel import Session, col, select

from kwportal.db import transaction
from kwportal.models import MedicalNote
from kwportal.services.case.file import open_case_file
from kwportal.services.case.medical_notes import MAX_NOTE, NoteError, add_note
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
