"""The transfer download route (kwportal/ui/api/desk.py): only the signed-in privacy desk,
only from our own pages, only after a fresh TOTP code; the package is the HTTP answer and
nothing else; refusals go back to the desk with a message key. A plain Starlette app with
the route against a migrated SQLite database named in the environment (real clock)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from starlette.testclient import TestClient

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import Disclosure, MedicalNote
from kwportal.services import audit, signing
from kwportal.services.privacy import rights
from kwportal.services.privacy import transfer_package as packing
from kwportal.settings import _new_signing_key
from kwportal.ui.api import desk
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
    """A transfer request of an employee with an open case; (request id, its employee)."""
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
        assert person.id is not None
        return request_id, person.id


def _token(engine: Engine, role: Role = Role.PRIVACY_OFFICER) -> str:
    return signed_in_token(engine, role)


def _post(
    client: TestClient, token: str | None, fields: dict[str, str], origin: str = ORIGIN
) -> httpx.Response:
    return post_form(client, desk.TRANSFER_PATH, token, fields, origin)


_where = redirect_target


def _disclosures(engine: Engine) -> int:
    with Session(engine) as session:
        return len(session.exec(select(Disclosure)).all())


def test_the_desk_downloads_a_signed_package(client: TestClient, engine: Engine) -> None:
    request_id, _person = _request(engine)
    response = _post(client, _token(engine), {"request_id": str(request_id), "recipient": "X"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["content-disposition"].startswith("attachment; filename*=UTF-8''")
    manifest = packing.verify(response.content, signing.public_jwk(PEM))
    assert manifest["signing_key"] == ORIGIN + signing.WELL_KNOWN_PATH
    assert _disclosures(engine) == 1


def test_another_origin_is_refused(client: TestClient, engine: Engine) -> None:
    request_id, _person = _request(engine)
    fields = {"request_id": str(request_id), "recipient": "X"}
    response = _post(client, _token(engine), fields, origin="https://evil.example")
    assert response.status_code == 403
    assert _disclosures(engine) == 0


@pytest.mark.parametrize(
    ("role", "path", "key"),
    [
        (None, "/login", "auth.session_expired"),
        (Role.EMPLOYEE, "/portal", "auth.not_allowed"),
        (Role.COMPANY_DOCTOR, "/portal", "auth.not_allowed"),
        (Role.ADMIN, "/portal", "auth.not_allowed"),
    ],
)
def test_only_the_signed_in_desk(
    client: TestClient, engine: Engine, role: Role | None, path: str, key: str
) -> None:
    request_id, _person = _request(engine)
    token = _token(engine, role) if role else None
    response = _post(client, token, {"request_id": str(request_id), "recipient": "X"})
    assert _where(response) == (path, {"e": [key]})
    assert _disclosures(engine) == 0


def test_a_stale_code_asks_for_step_up_first(client: TestClient, engine: Engine) -> None:
    request_id, _person = _request(engine)
    token = _token(engine)
    with transaction(engine) as session:
        session.execute(
            text("UPDATE login_session SET last_totp_at = :t"),
            {"t": datetime.now(UTC) - timedelta(minutes=10)},
        )
    response = _post(client, token, {"request_id": str(request_id), "recipient": "X"})
    assert _where(response) == ("/stepup", {"next": ["/rights-desk"]})
    assert _disclosures(engine) == 0


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"request_id": "abc", "recipient": "X"}, "transfer.not_a_transfer"),
        ({"request_id": "999999", "recipient": "X"}, "transfer.not_a_transfer"),
        ({"request_id": "", "recipient": "X"}, "transfer.not_a_transfer"),
        ({"recipient": "   "}, "transfer.recipient_required"),
    ],
)
def test_bad_input_goes_back_to_the_desk_with_a_message(
    client: TestClient, engine: Engine, fields: dict[str, str], key: str
) -> None:
    request_id, _person = _request(engine)
    response = _post(client, _token(engine), {"request_id": str(request_id), **fields})
    assert _where(response) == ("/rights-desk", {"e": [key]})
    assert "MEDISCH" not in response.text
    assert _disclosures(engine) == 0
