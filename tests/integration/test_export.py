"""Download my data (issue 5 item 5): a ZIP with a readable PDF, a JSON valid against
docs/export.schema.json, and a signed manifest of SHA-256 digests; audited; one per person
at a time; the privacy desk may build it for an access request."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import jsonschema
import pytest
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import (
    Appointment,
    AuditEvent,
    EmployerFeedback,
    JobLock,
    MedicalNote,
    RightsRequest,
)
from kwportal.services import audit, signing
from kwportal.services.employee import export
from kwportal.services.retention import consent as retention_consent
from tests import factories
from tests.conftest import TEST_SECRET

WEB = audit.AccessPoint(ip="127.0.0.1", agent="pytest")
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
SCHEMA = json.loads((Path(__file__).parents[2] / "docs" / "export.schema.json").read_text())


def _dossier(session: Session) -> tuple[Actor, int]:
    org = factories.organisation(session)
    person = factories.employee(session, org, first_name="Zoë", last_name="Çelik-Ødegård")
    case = factories.sick_case(session, person, care_address="ZORGADRES-1 Enschede")
    session.add(MedicalNote(case_id=case.id, employee_id=person.id, body="MEDISCH-1 rugpijn"))
    session.add(
        EmployerFeedback(
            case_id=case.id,
            functional_capacity='{"working_hours": "limited"}',
            advice="Halve dagen",
            status="released",
            released_at=NOW,
        )
    )
    session.add(EmployerFeedback(case_id=case.id, advice="CONCEPT-1", status="draft"))
    session.add(
        Appointment(
            case_id=case.id, employee_id=person.id, starts_at=NOW + timedelta(days=3), subject="S"
        )
    )
    session.add(
        RightsRequest(
            employee_id=person.id, kind="access", text="Inzage", due_at=date(2026, 12, 26)
        )
    )
    session.flush()
    me = Actor(None, Role.EMPLOYEE, org.id, person.id)
    retention_consent.grant(
        session, me, until=date(2050, 1, 1), now=NOW, access=WEB, secret=TEST_SECRET
    )
    employer = Actor(None, Role.EMPLOYER_CONTACT, org.id)
    audit.record(
        session,
        actor=employer,
        access=WEB,
        event_type="employer_case_view",
        action=audit.Action.READ,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=person.id,
        objects=[audit.ObjectRef("absence", "sick_leave_case", case.id)],
        secret=TEST_SECRET,
    )
    assert person.id is not None
    return me, person.id


def _export(session: Session, actor: Actor, employee_id: int, lang: str = "nl"):
    out = io.BytesIO()
    summary = export.write_export(
        session,
        employee_id,
        out,
        lang=lang,
        now=NOW,
        actor=actor,
        access=WEB,
        secret=TEST_SECRET,
    )
    return summary, zipfile.ZipFile(io.BytesIO(out.getvalue()))


def test_the_zip_holds_a_valid_json_a_pdf_and_a_signed_manifest(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        me, employee_id = _dossier(session)
        summary, archive = _export(session, me, employee_id)
        logged = session.exec(
            select(AuditEvent.action, AuditEvent.ground).where(
                AuditEvent.event_type == "data_export"
            )
        ).all()
    assert sorted(archive.namelist()) == [
        "export.json",
        "export.pdf",
        "manifest.json",
        "manifest.jws",
    ]
    document = json.loads(archive.read("export.json"))
    jsonschema.validate(document, SCHEMA, format_checker=jsonschema.FormatChecker())
    sections = document["sections"]
    assert sections["identity"][0]["last_name"] == "Çelik-Ødegård"
    assert sections["medical_notes"][0]["body"] == "MEDISCH-1 rugpijn"
    assert sections["cases"][0]["care_address"] == "ZORGADRES-1 Enschede"
    assert [f["advice"] for f in sections["employer_feedback"]] == ["Halve dagen"]
    assert "CONCEPT-" not in archive.read("export.json").decode()
    assert [r["event"] for r in sections["consent_receipts"]] == ["granted"]
    assert [a["actor_role"] for a in sections["access_log"]] == ["employer_contact"]
    assert archive.read("export.pdf").startswith(b"%PDF-")
    manifest = json.loads(archive.read("manifest.json"))
    header, signed = signing.verify(archive.read("manifest.jws").decode())
    assert header["typ"] == export.MANIFEST_TYP and signed == manifest
    for name in ("export.json", "export.pdf"):
        digest = hashlib.sha256(archive.read(name)).hexdigest()
        assert manifest["files"][name]["sha256"] == digest == summary.files[name]
    assert manifest["records"] == summary.records >= 8
    assert [tuple(row) for row in logged] == [("export", "own_data")]


def test_english_export_and_a_changed_file_shows_in_the_manifest(sqlite_engine: Engine) -> None:
    with Session(sqlite_engine) as session, session.begin():
        me, employee_id = _dossier(session)
        _, archive = _export(session, me, employee_id, lang="en")
    document = json.loads(archive.read("export.json"))
    assert document["language"] == "en"
    manifest = json.loads(archive.read("manifest.json"))
    changed = archive.read("export.json").replace(b"Halve dagen", b"Hele dagen!")
    assert hashlib.sha256(changed).hexdigest() != manifest["files"]["export.json"]["sha256"]


def test_only_the_employee_may_export(engine: Engine) -> None:
    """Issue 16 item 1: the privacy desk no longer exports on his behalf (an access request
    delivers the export to his own page), so the desk is refused like everyone else."""
    with Session(engine) as session, session.begin():
        me, employee_id = _dossier(session)
        others = [
            Actor(None, Role.PRIVACY_OFFICER),
            Actor(None, Role.ADMIN),
            Actor(None, Role.EMPLOYER_CONTACT, me.organisation_id),
            Actor(None, Role.EMPLOYEE, me.organisation_id, employee_id + 1000),
            Actor(None, Role.COMPANY_DOCTOR, employer_ids=frozenset({me.organisation_id or 0})),
        ]
        for other in others:
            with pytest.raises(export.ExportError, match=r"auth\.not_allowed"):
                _export(session, other, employee_id)
        exported = select(AuditEvent).where(AuditEvent.event_type == "data_export")
        assert session.exec(exported).all() == []


def test_one_export_per_person_at_a_time(engine: Engine) -> None:
    with export.export_lock(7, engine):
        with pytest.raises(export.ExportBusyError) as busy, export.export_lock(7, engine):
            pass
        assert busy.value.code == "export.busy"
        with export.export_lock(8, engine):
            pass  # another person is not held up
    with export.export_lock(7, engine):
        pass  # released after use
    with transaction(engine) as session:
        assert session.exec(select(JobLock)).all() == []


def test_a_stale_lock_is_taken_over(sqlite_engine: Engine) -> None:
    with export.export_lock(9, sqlite_engine):
        with transaction(sqlite_engine) as session:
            session.execute(
                update(JobLock)
                .where(col(JobLock.name) == "export:9")
                .values(acquired_at=datetime.now(UTC) - timedelta(hours=1))
            )
        with export.export_lock(9, sqlite_engine):
            pass
