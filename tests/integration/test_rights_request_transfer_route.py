"""The desk's former transfer download (kwportal/ui/api/desk.py), issue 16 item 1: the
package holds the medical file, so the company doctor releases it (kwportal/ui/api/
care_transfer.py) and the desk's route refuses for everyone: it runs no use case, builds
nothing, records no disclosure and sends the browser back to the desk with the reason.
Before issue 16 this route streamed the signed package (medical notes included) to the
privacy officer; these tests replace the ones that expected that download."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from starlette.testclient import TestClient

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent, Disclosure, MedicalNote, SickLeaveCase
from kwportal.services import audit
from kwportal.services.privacy import rights
from kwportal.settings import _new_signing_key
from kwportal.ui.api import all_routes, desk
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


@pytest.fixture
def engine(tmp_path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    with portal_database(tmp_path, monkeypatch, signing_key=PEM) as engine:
        yield engine


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    with route_client(desk.routes()) as test_client:
        yield test_client


def _request(engine: Engine) -> tuple[int, int]:
    """A transfer request of an employee with an open case; (request id, its case)."""
    with transaction(engine) as session:
        org = factories.organisation(session)
        person = factories.employee(session, org)
        case = factories.sick_case(session, person)
        session.add(MedicalNote(case_id=case.id, employee_id=person.id, body="MEDISCH-R1"))
        account = factories.account(session, Role.EMPLOYEE, employee_id=person.id)
        request_id = rights.submit(
            Actor(account.id, Role.EMPLOYEE, org.id, person.id),
            "transfer",
            "Naar Arbo Oost",
            session=session,
            now=datetime.now(UTC),
            access=audit.AccessPoint("127.0.0.1", "pytest"),
            secret=TEST_SECRET,
        )
        assert case.id is not None
        return request_id, case.id


def _post(
    client: TestClient, token: str | None, fields: dict[str, str], origin: str = ORIGIN
) -> httpx.Response:
    return post_form(client, desk.TRANSFER_PATH, token, fields, origin)


def _nothing_happened(engine: Engine, case_id: int) -> None:
    with Session(engine) as session:
        assert session.exec(select(Disclosure)).all() == []
        case = session.get(SickLeaveCase, case_id)
        assert case is not None and case.transferred_at is None
        built = session.exec(
            select(AuditEvent).where(AuditEvent.action == str(audit.Action.DISCLOSE))
        ).all()
        assert built == []


def test_the_route_stays_mounted_for_pages_left_open() -> None:
    paths = {getattr(route, "path", "") for route in all_routes()}
    assert desk.TRANSFER_PATH in paths


@pytest.mark.parametrize(
    "role", [None, Role.PRIVACY_OFFICER, Role.ADMIN, Role.COMPANY_DOCTOR, Role.EMPLOYEE]
)
def test_the_desk_route_builds_no_package_for_anyone(
    client: TestClient, engine: Engine, role: Role | None
) -> None:
    request_id, case_id = _request(engine)
    token = signed_in_token(engine, role) if role else None
    response = _post(client, token, {"request_id": str(request_id), "recipient": "X"})
    assert redirect_target(response) == ("/rights-desk", {"e": [desk.DOCTOR_RELEASES]})
    assert "MEDISCH" not in response.text
    assert response.headers.get("content-type", "").split(";")[0] != "application/zip"
    _nothing_happened(engine, case_id)


def test_another_origin_is_refused(client: TestClient, engine: Engine) -> None:
    request_id, case_id = _request(engine)
    token = signed_in_token(engine, Role.PRIVACY_OFFICER)
    fields = {"request_id": str(request_id), "recipient": "X"}
    response = _post(client, token, fields, origin="https://evil.example")
    assert response.status_code == 403
    _nothing_happened(engine, case_id)
