"""The access-request export route (kwportal/ui/api/desk_export.py): only the signed-in
privacy desk, only from our own pages, only after a fresh TOTP code, only for an open access
request; the answer is the employee's own export (manifest signed, export.json valid against
docs/export.schema.json), audited and linked to the request. A plain Starlette app with the
route against a migrated SQLite database named in the environment (real clock)."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import jsonschema
import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from starlette.testclient import TestClient

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent, MedicalNote
from kwportal.services import audit, signing
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
SCHEMA = json.loads((Path(__file__).parents[2] / "docs" / "export.schema.json").read_text())
ACCESS = audit.AccessPoint("127.0.0.1", "pytest")


@pytest.fixture
def engine(tmp_path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    with portal_database(tmp_path, monkeypatch, signing_key=PEM) as engine:
        yield engine


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    with route_client(desk_export.routes()) as test_client:
        yield test_client


def _request(engine: Engine, kind: str = "access") -> tuple[int, int]:
    """A request of an employee with a medical note; (request id, its employee)."""
    with transaction(engine) as session:
        org = factories.organisation(session)
        person = factories.employee(session, org)
        case = factories.sick_case(session, person)
        session.add(MedicalNote(case_id=case.id, employee_id=person.id, body="MEDISCH-X1"))
        account = factories.account(session, Role.EMPLOYEE, employee_id=person.id)
        request_id = rights.submit(
            Actor(account.id, Role.EMPLOYEE, org.id, person.id),
            kind,
            "Ik wil mijn gegevens zien",
            session=session,
            now=datetime.now(UTC),
            access=ACCESS,
            secret=TEST_SECRET,
        )
        assert person.id is not None
        return request_id, person.id


def _token(engine: Engine, role: Role = Role.PRIVACY_OFFICER) -> str:
    return signed_in_token(engine, role)


def _post(
    client: TestClient, token: str | None, fields: dict[str, str], origin: str = ORIGIN
) -> httpx.Response:
    return post_form(client, desk_export.ACCESS_EXPORT_PATH, token, fields, origin)


_where = redirect_target


def _exports(engine: Engine) -> list[AuditEvent]:
    with Session(engine) as session:
        return list(
            session.exec(
                select(AuditEvent)
                .where(col(AuditEvent.event_type).in_(["data_export", "access_request_export"]))
                .order_by(col(AuditEvent.id))
            ).all()
        )


def test_the_route_is_mounted() -> None:
    paths = {getattr(route, "path", "") for route in all_routes()}
    assert desk_export.ACCESS_EXPORT_PATH in paths


def test_the_desk_downloads_the_employees_own_export(client: TestClient, engine: Engine) -> None:
    request_id, person = _request(engine)
    response = _post(client, _token(engine), {"request_id": str(request_id)})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/zip"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["content-disposition"].startswith(
        f'attachment; filename="kwportal-export-{person}-'
    )
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == [
        "export.json",
        "export.pdf",
        "manifest.json",
        "manifest.jws",
    ]
    document = json.loads(archive.read("export.json"))
    jsonschema.validate(document, SCHEMA, format_checker=jsonschema.FormatChecker())
    assert document["sections"]["medical_notes"][0]["body"] == "MEDISCH-X1"
    manifest = json.loads(archive.read("manifest.json"))
    header, signed = signing.verify(archive.read("manifest.jws").decode(), signing.public_jwk(PEM))
    assert header["typ"] == export.MANIFEST_TYP and signed == manifest
    assert manifest["subject"] == f"urn:kwportal:employee:{person}"
    for name in ("export.json", "export.pdf"):
        assert manifest["files"][name]["sha256"] == hashlib.sha256(archive.read(name)).hexdigest()
    logged = _exports(engine)
    assert [(e.event_type, e.action, e.ground, e.subject_employee_id) for e in logged] == [
        ("data_export", "export", "legal_duty", person),
        ("access_request_export", "export", "legal_duty", person),
    ]
    linked = logged[1]
    assert json.loads(linked.objects) == [
        {"category": "rights_request", "table": "rights_request", "id": request_id}
    ]
    digests = {name: entry["sha256"] for name, entry in manifest["files"].items()}
    assert json.loads(linked.details)["sha256"] == digests
    with Session(engine) as session:
        assert audit.verify_chain(session, secret=TEST_SECRET).ok


def test_another_origin_is_refused(client: TestClient, engine: Engine) -> None:
    request_id, _person = _request(engine)
    response = _post(
        client, _token(engine), {"request_id": str(request_id)}, origin="https://evil.example"
    )
    assert response.status_code == 403
    assert "MEDISCH" not in response.text
    assert _exports(engine) == []


@pytest.mark.parametrize(
    ("role", "path", "key"),
    [
        (None, "/login", "auth.session_expired"),
        (Role.EMPLOYEE, "/portal", "auth.not_allowed"),
        (Role.EMPLOYER_CONTACT, "/portal", "auth.not_allowed"),
        (Role.COMPANY_DOCTOR, "/portal", "auth.not_allowed"),
        (Role.CASE_MANAGER, "/portal", "auth.not_allowed"),
        (Role.ADMIN, "/portal", "auth.not_allowed"),
    ],
)
def test_only_the_signed_in_desk(
    client: TestClient, engine: Engine, role: Role | None, path: str, key: str
) -> None:
    request_id, _person = _request(engine)
    token = _token(engine, role) if role else None
    response = _post(client, token, {"request_id": str(request_id)})
    assert _where(response) == (path, {"e": [key]})
    assert "MEDISCH" not in response.text
    assert _exports(engine) == []


def test_a_stale_code_asks_for_step_up_first(client: TestClient, engine: Engine) -> None:
    request_id, _person = _request(engine)
    token = _token(engine)
    with transaction(engine) as session:
        session.execute(
            text("UPDATE login_session SET last_totp_at = :t"),
            {"t": datetime.now(UTC) - timedelta(minutes=10)},
        )
    response = _post(client, token, {"request_id": str(request_id)})
    assert _where(response) == ("/stepup", {"next": ["/rights-desk"]})
    assert _exports(engine) == []


@pytest.mark.parametrize("raw", ["abc", "999999", "", "-1"])
def test_no_such_request_goes_back_to_the_desk(
    client: TestClient, engine: Engine, raw: str
) -> None:
    _request(engine)
    response = _post(client, _token(engine), {"request_id": raw})
    assert _where(response) == ("/rights-desk", {"e": ["desk_export.not_an_access_request"]})
    assert _exports(engine) == []


@pytest.mark.parametrize("kind", ["transfer", "rectification", "complaint", "stop"])
def test_another_kind_of_request_is_refused(client: TestClient, engine: Engine, kind: str) -> None:
    request_id, _person = _request(engine, kind)
    response = _post(client, _token(engine), {"request_id": str(request_id)})
    assert _where(response) == ("/rights-desk", {"e": ["desk_export.not_an_access_request"]})
    assert "MEDISCH" not in response.text
    assert _exports(engine) == []


def test_an_answered_request_is_refused(client: TestClient, engine: Engine) -> None:
    request_id, _person = _request(engine)
    with transaction(engine) as session:
        desk = factories.account(session, Role.PRIVACY_OFFICER)
        rights.answer(
            Actor(desk.id, Role.PRIVACY_OFFICER, None, None),
            request_id,
            "Zie de bijlage",
            session=session,
            now=datetime.now(UTC),
            access=ACCESS,
            secret=TEST_SECRET,
        )
    response = _post(client, _token(engine), {"request_id": str(request_id)})
    assert _where(response) == ("/rights-desk", {"e": ["rights.already_answered"]})
    assert _exports(engine) == []


def test_a_running_export_of_the_same_person_is_refused(client: TestClient, engine: Engine) -> None:
    request_id, person = _request(engine)
    token = _token(engine)
    with export.export_lock(person):
        response = _post(client, token, {"request_id": str(request_id)})
    assert _where(response) == ("/rights-desk", {"e": ["desk_export.busy"]})
    assert _exports(engine) == []
