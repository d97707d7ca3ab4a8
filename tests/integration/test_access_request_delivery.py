"""An access request is answered by delivering the export to the employee himself (issue 16
item 1; seed ch. 3 A): the desk's answer puts it on his /my-export page and queues a
content-free e-mail with the link; his own download (a fresh code first) stamps the
request; the desk sees only "delivered on … / downloaded on …". The desk's page and the
employee's page run in this process (tests/integration/state_driver.py), the download
through the real route."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.rights import RequestStatus
from kwportal.domain.roles import Role
from kwportal.models import Account, AuditEvent, MedicalNote, RightsRequest
from kwportal.services import audit
from kwportal.services.privacy import access_export, rights
from kwportal.ui import routes as paths
from kwportal.ui.api import downloads
from kwportal.ui.pages.employee.export import MyExportState
from kwportal.ui.pages.privacy.rights import RightsDeskState
from tests import factories
from tests.conftest import TEST_SECRET
from tests.integration.auth_helpers import (
    CHEAP_HASH,
    ORIGIN,
    cheap_argon2,  # noqa: F401 - fixture
    new_enrolled,
    sign_in,
)
from tests.integration.served import portal_database, post_form, route_client, signed_in_token
from tests.integration.state_driver import call, page_state

pytestmark = pytest.mark.usefixtures("cheap_argon2")
WEB = audit.AccessPoint("127.0.0.1", "pytest")
CANARIES = ("MEDISCH-", "ZORGADRES-")


@dataclass(frozen=True)
class World:
    request_id: int
    employee_id: int
    employee_token: str
    desk_token: str


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


def _person(engine: Engine) -> tuple[int, int]:
    """An employee with a case, a medical note and a care address; (employee, organisation)."""
    with transaction(engine) as session:
        org = factories.organisation(session)
        person = factories.employee(session, org)
        case = factories.sick_case(session, person, care_address="ZORGADRES-D1")
        session.add(MedicalNote(case_id=case.id, employee_id=person.id, body="MEDISCH-D1 knie"))
        assert person.id is not None and org.id is not None
        return person.id, org.id


@pytest.fixture
def world(portal: Engine) -> World:
    employee_id, org_id = _person(portal)
    account_id, username, secret = new_enrolled(
        portal,
        CHEAP_HASH,
        employee_id=employee_id,
        organisation_id=org_id,
        email="werknemer.d1@example.test",
    )
    with transaction(portal) as session:
        request_id = rights.submit(
            Actor(account_id, Role.EMPLOYEE, org_id, employee_id),
            "access",
            "Graag alles wat u over mij heeft",
            session=session,
            now=datetime.now(UTC),
            access=WEB,
            secret=TEST_SECRET,
        )
    token = sign_in(portal, username, secret, datetime.now(UTC))
    return World(request_id, employee_id, token, signed_in_token(portal, Role.PRIVACY_OFFICER))


def _request(engine: Engine, request_id: int) -> RightsRequest:
    with Session(engine) as session:
        found = session.get(RightsRequest, request_id)
        assert found is not None
        return found


def _events(engine: Engine, event_type: str) -> list[AuditEvent]:
    with Session(engine) as session:
        return list(
            session.exec(
                select(AuditEvent)
                .where(AuditEvent.event_type == event_type)
                .order_by(col(AuditEvent.id))
            ).all()
        )


def _desk(world: World) -> RightsDeskState:
    state = page_state(RightsDeskState, world.desk_token, url=f"{ORIGIN}{paths.RIGHTS_DESK}")
    call(state, "load")
    return state


def _answer(state: RightsDeskState, world: World) -> None:
    call(
        state,
        "answer_request",
        {"request_id": str(world.request_id), "answer": "Uw gegevens staan klaar."},
    )


def _no_canary(state: object) -> None:
    text = json.dumps(state.dict(), default=str)  # type: ignore[attr-defined]
    assert not [c for c in CANARIES if c in text]


def _download(world: World) -> bytes:
    with route_client(downloads.routes()) as client:
        response = post_form(client, paths.API_EXPORT, world.employee_token, {"lang": "nl"})
    assert response.status_code == 200, response.text[:300]
    return response.content


def test_answering_an_access_request_delivers_the_export_to_the_employee(
    portal: Engine, world: World
) -> None:
    desk = _desk(world)
    assert desk.queue[0].request_id == str(world.request_id)
    _answer(desk, world)
    assert desk.notice_key == "rights_desk.answered"
    assert desk.queue == []
    (line,) = desk.delivered
    assert line.request_id == str(world.request_id) and line.delivered and not line.downloaded
    _no_canary(desk)

    request = _request(portal, world.request_id)
    assert request.status == str(RequestStatus.ANSWERED)
    assert request.export_delivered_at is not None and request.export_downloaded_at is None
    (delivered,) = _events(portal, access_export.DELIVERED)
    assert delivered.subject_employee_id == world.employee_id
    assert delivered.actor_role == "privacy_officer"
    assert json.loads(delivered.objects)[0]["id"] == world.request_id
    # the desk wrote no export: none exists until he downloads it himself
    assert _events(portal, "data_export") == []


def test_the_mail_says_only_that_the_export_is_ready_and_where(portal: Engine) -> None:
    employee_id, org_id = _person(portal)
    with transaction(portal) as session:
        account = factories.account(
            session,
            Role.EMPLOYEE,
            employee_id=employee_id,
            email="w@example.test",
            display_name="Wim",
        )
        request_id = rights.submit(
            Actor(account.id, Role.EMPLOYEE, org_id, employee_id),
            "access",
            "",
            session=session,
            now=datetime.now(UTC),
            access=WEB,
            secret=TEST_SECRET,
        )
        officer = factories.account(session, Role.PRIVACY_OFFICER)
        mail = rights.answer(
            Actor(officer.id, Role.PRIVACY_OFFICER),
            request_id,
            "Alles staat klaar.",
            session=session,
            now=datetime.now(UTC),
            access=WEB,
            secret=TEST_SECRET,
            origin=ORIGIN,
        )
    assert mail is not None and mail.to == "w@example.test"
    assert f"{ORIGIN}/my-export" in mail.body
    assert "Wim" in mail.body
    assert not [c for c in CANARIES if c in mail.subject + mail.body]
    assert "Alles staat klaar." not in mail.body


def test_without_an_active_account_nothing_is_delivered(portal: Engine, world: World) -> None:
    with transaction(portal) as session:
        account = session.exec(
            select(Account).where(Account.employee_id == world.employee_id)
        ).one()
        account.is_active = False
        session.add(account)
    desk = _desk(world)
    _answer(desk, world)
    assert desk.notice_key == "desk_export.no_account"
    assert [row.request_id for row in desk.queue] == [str(world.request_id)]
    request = _request(portal, world.request_id)
    assert request.status == str(RequestStatus.RECEIVED)
    assert request.export_delivered_at is None
    assert _events(portal, access_export.DELIVERED) == []


def test_his_download_is_what_the_desk_sees_as_downloaded(portal: Engine, world: World) -> None:
    _answer(_desk(world), world)
    mine = page_state(MyExportState, world.employee_token, url=f"{ORIGIN}{paths.MY_EXPORT}")
    call(mine, "load")
    (waiting,) = mine.deliveries
    assert waiting.delivered and not waiting.downloaded

    archive = zipfile.ZipFile(io.BytesIO(_download(world)))
    document = json.loads(archive.read("export.json"))
    assert document["sections"]["medical_notes"][0]["body"] == "MEDISCH-D1 knie"
    first = _request(portal, world.request_id).export_downloaded_at
    assert first is not None
    (stamped,) = _events(portal, access_export.DOWNLOADED)
    assert stamped.actor_role == "employee" and stamped.ground == "own_data"

    _download(world)  # a second download keeps the first moment
    assert _request(portal, world.request_id).export_downloaded_at == first
    assert len(_events(portal, access_export.DOWNLOADED)) == 1

    desk = _desk(world)
    (line,) = desk.delivered
    assert line.downloaded and line.delivered
    _no_canary(desk)
    call(mine, "load")
    assert mine.deliveries[0].downloaded
    with Session(portal) as session:
        assert audit.verify_chain(session, secret=TEST_SECRET).ok


def test_an_employee_sees_only_his_own_deliveries(portal: Engine, world: World) -> None:
    _answer(_desk(world), world)
    other_id, org_id = _person(portal)
    _id, username, secret = new_enrolled(
        portal, CHEAP_HASH, employee_id=other_id, organisation_id=org_id
    )
    other = page_state(
        MyExportState,
        sign_in(portal, username, secret, datetime.now(UTC)),
        url=f"{ORIGIN}{paths.MY_EXPORT}",
    )
    call(other, "load")
    assert other.deliveries == []


def test_only_the_employee_reads_his_deliveries(portal: Engine, world: World) -> None:
    _answer(_desk(world), world)
    for role in (Role.PRIVACY_OFFICER, Role.ADMIN, Role.COMPANY_DOCTOR):
        state = page_state(MyExportState, signed_in_token(portal, role))
        answer = call(state, "load")
        assert "auth.not_allowed" in str(answer) or "/portal" in str(answer)
        assert state.deliveries == []
