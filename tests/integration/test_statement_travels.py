"""The WGBO statement travels with the file (issue 17 item 2; WGBO art. 7:454 lid 1): the
employee's own statement about a note of his medical file, and the items of his requests
for correction, are in his own export (JSON valid against docs/export.schema.json, and the
PDF), and in the transfer package to a new arbodienst — used for his transfer request and
for the hand-over per case alike — where each statement sits inside the note it disputes,
which stays. On the doctor's case page the disputed note says so."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import (
    MedicalNote,
    MedicalStatement,
    RectificationItem,
    RightsRequest,
    TeamMember,
)
from kwportal.services import audit
from kwportal.services.case import file as case_file
from kwportal.services.case import transfer_package as packing
from kwportal.services.employee import export
from kwportal.settings import _new_signing_key
from kwportal.ui.pages.care.case_file import CareCaseState
from tests import factories
from tests.conftest import TEST_SECRET
from tests.integration import care_world
from tests.integration.auth_helpers import CHEAP_HASH, cheap_argon2, new_enrolled, sign_in  # noqa: F401
from tests.integration.served import portal_database
from tests.integration.state_driver import call, page_state

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
WEB = audit.AccessPoint("192.0.2.61", "pytest")
SCHEMA = json.loads((Path(__file__).parents[2] / "docs" / "export.schema.json").read_text())
STATEMENT = "VERKLARING-1: ik heb nooit gezegd dat ik niet wil werken."
WHOLE_FILE = "VERKLARING-2: het dossier klopt als geheel niet."
PEM = _new_signing_key()


def _world(session: Session) -> dict[str, Any]:
    org = factories.organisation(session)
    person = factories.employee(session, org)
    case = factories.sick_case(session, person, sick_report_date=date(2026, 10, 1))
    disputed = MedicalNote(case_id=case.id, employee_id=person.id, body="MEDISCH-1 wil niet")
    calm = MedicalNote(case_id=case.id, employee_id=person.id, body="MEDISCH-2 rugpijn")
    request = RightsRequest(
        employee_id=person.id, kind="rectification", text="Verbetering", due_at=date(2026, 12, 1)
    )
    session.add_all([disputed, calm, request])
    session.flush()
    item = RectificationItem(
        request_id=request.id, employee_id=person.id, target=f"medical_note:{disputed.id}"
    )
    whole = RectificationItem(
        request_id=request.id, employee_id=person.id, target=f"medical_file:{case.id}"
    )
    city = RectificationItem(
        request_id=request.id,
        employee_id=person.id,
        target="employee.city",
        requested_value="Haaksbergen",
        status="refused",
        reason="Het adres op de loonstrook is Enschede.",
        decided_at=NOW,
    )
    session.add_all([item, whole, city])
    session.flush()
    doctor = factories.account(session, Role.COMPANY_DOCTOR)
    session.add_all(
        [
            MedicalStatement(
                employee_id=person.id,
                case_id=case.id,
                note_id=disputed.id,
                rectification_id=item.id,
                body=STATEMENT,
                added_by_account_id=doctor.id,
                added_at=NOW,
            ),
            MedicalStatement(
                employee_id=person.id,
                case_id=case.id,
                rectification_id=whole.id,
                body=WHOLE_FILE,
            ),
        ]
    )
    session.flush()
    return {
        "person": person,
        "case": case,
        "disputed": disputed.id,
        "calm": calm.id,
        "org": org.id,
        "doctor": doctor.id,
    }


def test_his_export_holds_his_statements_and_correction_items(sqlite_engine: Engine) -> None:
    with transaction(sqlite_engine) as session:
        world = _world(session)
        person = world["person"]
        me = Actor(None, Role.EMPLOYEE, person.organisation_id, person.id)
        out = io.BytesIO()
        export.write_export(
            session, person.id, out, lang="nl", now=NOW, actor=me, access=WEB, secret=TEST_SECRET
        )
    archive = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    document = json.loads(archive.read("export.json"))
    jsonschema.validate(document, SCHEMA, format_checker=jsonschema.FormatChecker())
    sections = document["sections"]
    names = list(sections)
    # his statements follow the notes they dispute
    assert names.index("medical_statements") == names.index("medical_notes") + 1
    statements = {s["body"]: s for s in sections["medical_statements"]}
    assert statements[STATEMENT]["note_id"] == world["disputed"]
    assert statements[STATEMENT]["added_at"].startswith("2026-11-28T12:00")
    assert statements[WHOLE_FILE]["note_id"] is None
    assert "added_by_account_id" not in statements[STATEMENT]  # staff by function
    notes = {n["id"]: n for n in sections["medical_notes"]}
    assert notes[world["disputed"]]["statement_ids"] == [statements[STATEMENT]["id"]]
    assert notes[world["calm"]]["statement_ids"] == []
    items = {i["target"]: i for i in sections["rectification_items"]}
    assert set(items) == {
        f"medical_note:{world['disputed']}",
        f"medical_file:{world['case'].id}",
        "employee.city",
    }
    assert (items["employee.city"]["status"], items["employee.city"]["reason"]) == (
        "refused",
        "Het adres op de loonstrook is Enschede.",
    )
    assert archive.read("export.pdf").startswith(b"%PDF-")


def test_the_transfer_package_carries_each_statement_inside_the_note_it_disputes(
    sqlite_engine: Engine,
) -> None:
    with transaction(sqlite_engine) as session:
        world = _world(session)
        document = packing.collect(
            session, world["person"], [world["case"]], recipient="Arbo Nieuw BV"
        )
    [entry] = document["cases"]
    notes = {n["id"]: n for n in entry["medical_notes"]}
    disputed, calm = notes[world["disputed"]], notes[world["calm"]]
    assert disputed["body"] == "MEDISCH-1 wil niet"  # the disputed text stays
    [beside] = disputed[packing.NOTE_STATEMENTS]
    assert (beside["body"], beside["note_id"]) == (STATEMENT, world["disputed"])
    assert calm[packing.NOTE_STATEMENTS] == []
    # a statement about the file as a whole stays with the case
    assert [s["body"] for s in entry["medical_statements"]] == [WHOLE_FILE]
    # the doctor who added it is named by name and function, like every author
    assert document["staff"][str(world["doctor"])]["role"] == "company_doctor"

    package = packing.build(
        document,
        package_id="p-1",
        created_at=NOW,
        key_url="https://portal.example/.well-known/kwportal-signing-key.json",
        pem=PEM,
    )
    with zipfile.ZipFile(io.BytesIO(package.content)) as archive:
        summary = archive.read(packing.SUMMARY_FILE).decode()
    # readable: the statement right under the note it disputes, the whole-file one apart
    lines = summary.splitlines()
    at_note = next(i for i, line in enumerate(lines) if "MEDISCH-1 wil niet" in line)
    after_note = "\n".join(lines[at_note : at_note + 12])
    assert "WGBO" in after_note and STATEMENT in after_note
    assert WHOLE_FILE in summary
    assert "Eigen verklaringen van de werknemer over het dossier (1)" in summary
    assert STATEMENT not in "\n".join(lines[:at_note])


def test_the_doctors_note_list_marks_a_disputed_note(sqlite_engine: Engine) -> None:
    with transaction(sqlite_engine) as session:
        world = _world(session)
        case = world["case"]
        doctor = Actor(world["doctor"], Role.COMPANY_DOCTOR, employer_ids=frozenset({world["org"]}))
        # one more statement, still waiting for the doctor, about the other note
        session.add(
            MedicalStatement(
                employee_id=world["person"].id,
                case_id=case.id,
                note_id=world["calm"],
                body="VERKLARING-3",
            )
        )
        session.flush()
        view = case_file.open_case_file(
            doctor, case.id, session=session, access_point=WEB, secret=TEST_SECRET
        )
    marks = {note.note_id: note.disputed for note in view.notes}
    assert marks == {world["disputed"]: "added", world["calm"]: "pending"}
    assert "VERKLARING" not in repr(view.notes)  # the mark, not the statement itself


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cheap_argon2: None) -> Iterator[Engine]:  # noqa: F811
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


def test_the_care_case_page_marks_the_disputed_note(portal: Engine) -> None:
    team, _other = care_world.build(portal)
    nurse, username, secret = new_enrolled(portal, CHEAP_HASH, role=Role.CARE_TEAM)
    with transaction(portal) as session:
        member = session.exec(select(TeamMember).where(TeamMember.account_id == team.member)).one()
        session.add(TeamMember(care_team_id=member.care_team_id, account_id=nurse))
        note = session.exec(select(MedicalNote).where(MedicalNote.case_id == team.cases[0])).one()
        session.add(
            MedicalStatement(
                employee_id=team.employees[0],
                case_id=team.cases[0],
                note_id=note.id,
                body=STATEMENT,
                added_by_account_id=team.doctor,
                added_at=NOW,
            )
        )
    token = sign_in(portal, username, secret, datetime.now(UTC))
    state = page_state(
        CareCaseState, token, url=f"http://localhost:3000/care-case?case={team.cases[0]}"
    )
    call(state, "load")
    [row] = state.notes
    assert (row.body, row.disputed) == ("MEDISCH-A0", "added")
    assert STATEMENT not in repr(state.notes)
