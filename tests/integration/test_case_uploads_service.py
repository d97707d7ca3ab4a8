"""The upload use cases on SQLite and PostgreSQL, through the demo seed's own path
(kwportal/services/demo/case_uploads.py, issue 15 items 4 and 9): the employee's photo
loses its EXIF canary, the employer's PDF is kept as sent; the lists follow the audience
(an employer's holds only the shared file), a care file is unknown to the employer and the
case manager, and every list of someone else's files and every download is audited."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import Account, AuditEvent, CareTeam, CaseUpload, TeamAssignment, TeamMember
from kwportal.services import audit
from kwportal.services.auth.actors import actor_for
from kwportal.services.case import uploads
from kwportal.services.demo import case_uploads as demo
from kwportal.services.unit import Ctx
from tests import factories
from tests.conftest import TEST_SECRET

NOW = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
ACCESS = audit.AccessPoint(ip="192.0.2.30", agent="pytest")


def _seeded(engine: Engine) -> tuple[dict[str, int], int, int, int]:
    """Accounts by role name, the case, and the ids of the care and the shared file."""
    with transaction(engine) as session:
        org = factories.organisation(session)
        person = factories.employee(session, org)
        case = factories.sick_case(session, person)
        employee = factories.account(
            session, Role.EMPLOYEE, employee_id=person.id, organisation_id=org.id
        )
        employer = factories.account(session, Role.EMPLOYER_CONTACT, organisation_id=org.id)
        doctor = factories.account(session, Role.COMPANY_DOCTOR)
        manager = factories.account(session, Role.CASE_MANAGER)
        team = CareTeam(name="Team", doctor_account_id=doctor.id)
        session.add(team)
        session.flush()
        session.add(TeamAssignment(care_team_id=team.id, organisation_id=org.id))
        session.add(TeamMember(care_team_id=team.id, account_id=manager.id))
        session.flush()
        assert case.id is not None
        care, shared = demo.seed_case_uploads(
            session,
            employee=employee,
            employer=employer,
            case_id=case.id,
            now=NOW,
            secret=TEST_SECRET,
        )
        accounts = {
            "employee": employee.id,
            "employer": employer.id,
            "doctor": doctor.id,
            "manager": manager.id,
        }
        return {k: v or 0 for k, v in accounts.items()}, case.id, care, shared


def _as(engine: Engine, account_id: int, work, *args):  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        account = session.get(Account, account_id)
        assert account is not None
        actor: Actor = actor_for(session, account)
        ctx = Ctx(access=ACCESS, now=NOW, secret=TEST_SECRET, origin="", session=session)
        return work(actor, *args, ctx=ctx)


def test_the_demo_uploads_go_through_the_use_case_and_lose_their_metadata(
    engine: Engine,
) -> None:
    _, _, care, shared = _seeded(engine)
    with Session(engine) as session:
        photo = session.get(CaseUpload, care)
        pdf = session.get(CaseUpload, shared)
        assert photo is not None and pdf is not None
        assert (photo.audience, photo.filename, photo.uploader_role) == (
            "care",
            demo.CARE_FILE_NAME,
            "employee",
        )
        assert demo.EXIF_CANARY.encode() not in photo.content
        assert demo.EXIF_CANARY.encode() in demo.letter_photo()
        assert (pdf.audience, pdf.content) == ("case", demo.agreements_pdf())
        created = session.exec(
            select(AuditEvent).where(AuditEvent.event_type == uploads.UPLOADED)
        ).all()
        assert len(created) == 2


def test_each_role_lists_and_downloads_what_its_audience_allows(engine: Engine) -> None:
    accounts, case_id, care, shared = _seeded(engine)
    mine = _as(engine, accounts["employee"], uploads.case_files, None)
    assert [f.upload_id for f in mine.files] == [shared, care]
    for role in ("employer", "manager"):
        listed = _as(engine, accounts[role], uploads.case_files, case_id)
        assert [f.upload_id for f in listed.files] == [shared]
        with pytest.raises(uploads.CaseFilesError):
            _as(engine, accounts[role], uploads.download, care)
    doctor = _as(engine, accounts["doctor"], uploads.case_files, case_id)
    assert [f.upload_id for f in doctor.files] == [shared, care]
    assert _as(engine, accounts["doctor"], uploads.download, care).content_type == "image/png"
    with Session(engine) as session:
        listed_events = session.exec(
            select(AuditEvent).where(AuditEvent.event_type == uploads.LISTED)
        ).all()
        downloads = session.exec(
            select(AuditEvent).where(AuditEvent.event_type == uploads.DOWNLOADED)
        ).all()
    # the employer's, the case manager's and the doctor's lists; not the employee's own
    assert [e.actor_role for e in listed_events] == [
        "employer_contact",
        "case_manager",
        "company_doctor",
    ]
    assert json.loads(listed_events[0].objects) == [
        {"category": "absence", "table": "sick_leave_case", "id": case_id},
        {"category": "employer_record", "table": "case_upload", "id": shared},
    ]
    (download,) = downloads
    assert json.loads(download.objects)[0]["category"] == "medical"
