"""The company doctor's personal work notes (BRIEF.md, WGBO art. 7:456): only their author
writes and reads them; his team, the case manager, another team's doctor and the employee
do not; they are in no export, and the retention run destroys them with the file."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from sqlmodel import Session, func, select

from kwportal.db import transaction
from kwportal.domain.policy import Actor, may_read_work_note
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent, WorkNote
from kwportal.services.case.file import open_case_file
from kwportal.services.case.work_notes import (
    MAX_WORK_NOTE,
    WorkNoteError,
    add_work_note,
    my_work_notes,
)
from kwportal.services.employee import export
from kwportal.services.retention import run as retention_run
from kwportal.services.views import PolicyDeniedError
from tests.conftest import TEST_SECRET
from tests.integration.care_world import ACCESS, NOW, actor, build

NOTE = "WERKAANTEKENING: volgende keer naar de thuissituatie vragen."


def write(engine, account_id, case_id, body=NOTE) -> int:
    with transaction(engine) as session:
        return add_work_note(
            actor(engine, account_id),
            case_id,
            body=body,
            session=session,
            access_point=ACCESS,
            secret=TEST_SECRET,
            now=NOW,
        )


def read(engine, account_id, case_id):
    with transaction(engine) as session:
        return my_work_notes(
            actor(engine, account_id),
            case_id,
            session=session,
            access_point=ACCESS,
            secret=TEST_SECRET,
        )


def test_the_doctor_writes_and_reads_his_own_notes_audited(engine):
    a, _ = build(engine)
    write(engine, a.doctor, a.cases[0])
    write(engine, a.doctor, a.cases[0], "tweede")
    assert [n.body for n in read(engine, a.doctor, a.cases[0])] == ["tweede", NOTE]
    assert read(engine, a.doctor, a.cases[1]) == ()
    with Session(engine) as session:
        rows = session.exec(select(AuditEvent.event_type, AuditEvent.objects)).all()
    logged = {kind: objects for kind, objects in rows if kind.startswith("work_note")}
    assert set(logged) == {"work_note_added", "work_notes_read"}
    assert all('"work_note"' in objects for objects in logged.values())


def test_nobody_else_writes_or_reads_them(engine):
    a, b = build(engine)
    write(engine, a.doctor, a.cases[0])
    for someone in (a.member, a.case_manager, a.employee_accounts[0]):
        for act in (write, read):
            with pytest.raises(WorkNoteError, match=re.escape("auth.not_allowed")):
                act(engine, someone, a.cases[0])
    for act in (write, read):
        with pytest.raises(PolicyDeniedError):  # another team's doctor: not his case
            act(engine, b.doctor, a.cases[0])
    other_doctor = Actor(b.doctor, Role.COMPANY_DOCTOR)
    assert not may_read_work_note(other_doctor, a.doctor)
    assert may_read_work_note(Actor(a.doctor, Role.COMPANY_DOCTOR), a.doctor)
    # the file the team shares does not hold them
    with transaction(engine) as session:
        shared = open_case_file(
            actor(engine, a.member),
            a.cases[0],
            session=session,
            access_point=ACCESS,
            secret=TEST_SECRET,
            ground="legal_duty",
        )
    assert "WERKAANTEKENING" not in repr(shared)


def test_bad_notes_get_a_clear_code_and_nothing_is_written(engine):
    a, _ = build(engine)
    for body, code in (("", "work_notes.required"), (" \x00 ", "work_notes.required")):
        with pytest.raises(WorkNoteError, match=re.escape(code)):
            write(engine, a.doctor, a.cases[0], body)
    with pytest.raises(WorkNoteError, match=re.escape("work_notes.too_long")):
        write(engine, a.doctor, a.cases[0], "x" * (MAX_WORK_NOTE + 1))
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(WorkNote)).one() == 0


def test_not_in_the_employees_download_and_destroyed_with_the_file(engine):
    a, _ = build(engine)
    write(engine, a.doctor, a.cases[0])
    employee_id = a.employees[0]
    with Session(engine) as session, session.begin():
        me = actor(engine, a.employee_accounts[0])
        out = io.BytesIO()
        export.write_export(
            session,
            employee_id,
            out,
            lang="nl",
            now=NOW,
            actor=me,
            access=ACCESS,
            secret=TEST_SECRET,
        )
    archive = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    for name in archive.namelist():
        assert b"WERKAANTEKENING" not in archive.read(name), name
    with transaction(engine) as session:
        retention_run._destroy_rows(session, [employee_id])
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(WorkNote)).one() == 0
