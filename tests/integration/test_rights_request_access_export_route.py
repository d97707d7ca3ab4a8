"""The desk's former access-export download (kwportal/ui/api/desk_export.py), issue 16
item 1: an access request is answered by delivering the export to the employee's own page
(tests/integration/test_access_request_delivery.py), so the privacy officer never receives
it. The route stays mounted for a desk page left open from before, runs no use case, writes
no export and no audit row, and sends the browser back to the desk with the reason.
Before issue 16 this route streamed the employee's whole export (medical notes included) to
the privacy officer; these tests replace the ones that expected that download."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from starlette.testclient import TestClient

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent, MedicalNote, RightsRequest
from kwportal.services import audit
from kwportal.services.employee import export
from kwportal.services.privacy import rights
from kwportal.settings import _new_signing_key
from kwportal.ui.api import all_routes, desk_export
from tests import factories
from tests.conftest import TEST_SECRET
from tests.integration.auth_helpers import (
    ORIGIN,
    cheap_argon2,  # noqa: F401 - fixture
)
from tests.integration.served import (
    portal_database,
    post_form,
    redirect_target,
    route_client,
    signed_in_token,
)

pytestmark = pytest.mark.usefixtures("cheap_argon2")
PEM = _new_signing_key()
ACCESS = audit.AccessPoint("127.0.0.1", "pytest")


@pytest.fixture
def engine(tmp_path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    with portal_database(tmp_path, monkeypatch, signing_key=PEM) as engine:
        yield engine


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    with route_client(desk_export.routes()) as test_client:
        yield test_client


def _request(engine: Engine) -> tuple[int, int]:
    """An open access request of an employee with a medical note; (request id, employee)."""
    with transaction(engine) as session:
        org = factories.organisation(session)
        person = factories.employee(session, org)
        case = factories.sick_case(session, person)
        session.add(MedicalNote(case_id=case.id, employee_id=person.id, body="MEDISCH-X1"))
        account = factories.account(session, Role.EMPLOYEE, employee_id=person.id)
        request_id = rights.submit(
            Actor(account.id, Role.EMPLOYEE, org.id, person.id),
            "access",
            "Ik wil mijn gegevens zien",
            session=session,
            now=datetime.now(UTC),
            access=ACCESS,
            secret=TEST_SECRET,
        )
        assert person.id is not None
        return request_id, person.id


def _post(
    client: TestClient, token: str | None, fields: dict[str, str], origin: str = ORIGIN
) -> httpx.Response:
    return post_form(client, desk_export.ACCESS_EXPORT_PATH, token, fields, origin)


def _exports(engine: Engine) -> list[AuditEvent]:
    with Session(engine) as session:
        return list(
            session.exec(
                select(AuditEvent).where(
                    (col(AuditEvent.action) == str(audit.Action.EXPORT))
                    | col(AuditEvent.event_type).in_(["data_export", "access_request_export"])
                )
            ).all()
        )


def test_the_route_stays_mounted_for_pages_left_open() -> None:
    paths = {getattr(route, "path", "") for route in all_routes()}
    assert desk_export.ACCESS_EXPORT_PATH in paths


@pytest.mark.parametrize(
    "role", [Role.PRIVACY_OFFICER, None, Role.ADMIN, Role.COMPANY_DOCTOR, Role.EMPLOYEE]
)
def test_the_desk_no_longer_downloads_the_employees_export(
    client: TestClient, engine: Engine, role: Role | None
) -> None:
    request_id, _person = _request(engine)
    token = signed_in_token(engine, role) if role else None
    response = _post(client, token, {"request_id": str(request_id)})
    assert redirect_target(response) == (
        "/rights-desk",
        {"e": [desk_export.EMPLOYEE_DOWNLOADS]},
    )
    assert "MEDISCH" not in response.text
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(io.BytesIO(response.content))
    assert _exports(engine) == []
    with Session(engine) as session:
        request = session.get(RightsRequest, request_id)
        assert request is not None and request.status == "received"
        assert request.export_delivered_at is None


def test_another_origin_is_refused(client: TestClient, engine: Engine) -> None:
    request_id, _person = _request(engine)
    response = _post(
        client,
        signed_in_token(engine, Role.PRIVACY_OFFICER),
        {"request_id": str(request_id)},
        origin="https://evil.example",
    )
    assert response.status_code == 403
    assert "MEDISCH" not in response.text
    assert _exports(engine) == []


def test_the_export_itself_refuses_the_privacy_officer(engine: Engine) -> None:
    """The service that writes an export serves the employee himself only."""
    _request_id, person = _request(engine)
    with transaction(engine) as session:
        officer = factories.account(session, Role.PRIVACY_OFFICER)
        with pytest.raises(export.ExportError, match=r"auth\.not_allowed"):
            export.write_export(
                session,
                person,
                io.BytesIO(),
                lang="nl",
                now=datetime.now(UTC),
                actor=Actor(officer.id, Role.PRIVACY_OFFICER),
                access=ACCESS,
                secret=TEST_SECRET,
            )
    assert _exports(engine) == []
