"""The company doctor's release of the transfer package (kwportal/ui/api/care_transfer.py,
issue 16 item 1): only the signed-in doctor of the team serving the employer, only from
our own pages, only after a fresh TOTP code; the answer is the package encrypted in the
age format to the recipient's public key or to a passphrase, recorded as a disclosure by
the doctor and audited; bad input goes back to /care-transfer with its message and writes
nothing. A plain Starlette app with the route against a migrated SQLite database named in
the environment (real clock)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
import pyrage
import pytest
from pyrage import passphrase, x25519
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from starlette.testclient import TestClient

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent, CareTeam, Disclosure, MedicalNote, TeamAssignment
from kwportal.services import audit, signing
from kwportal.services.case import transfer
from kwportal.services.case import transfer_package as packing
from kwportal.services.privacy import rights
from kwportal.settings import _new_signing_key
from kwportal.ui import routes as paths
from kwportal.ui.api import all_routes, care_transfer
from kwportal.ui.pages.care.transfer import CareTransferState
from tests import factories
from tests.conftest import TEST_SECRET
from tests.integration.auth_helpers import (
    CHEAP_HASH,
    ORIGIN,
    cheap_argon2,  # noqa: F401 - fixture
    new_enrolled,
    sign_in,
)
from tests.integration.served import (
    portal_database,
    post_form,
    redirect_target,
    route_client,
    signed_in_token,
)
from tests.integration.state_driver import call, page_state

pytestmark = pytest.mark.usefixtures("cheap_argon2")
PEM = _new_signing_key()
IDENTITY = x25519.Identity.generate()
PHRASE = "bel ons voor de wachtzin"
#: stands for the identity's secret key in test parameters (their ids must not vary)
SECRET_KEY = "<the recipient's secret key>"


@dataclass(frozen=True)
class World:
    request_id: int
    organisation_id: int
    doctor_id: int
    doctor_token: str


@pytest.fixture
def engine(tmp_path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    with portal_database(tmp_path, monkeypatch, signing_key=PEM) as engine:
        yield engine


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    with route_client(care_transfer.routes()) as test_client:
        yield test_client


def _serving_doctor(engine: Engine, organisation_id: int | None) -> tuple[int, str]:
    """A signed-in company doctor whose team serves ``organisation_id``; (id, token)."""
    doctor_id, username, secret = new_enrolled(engine, CHEAP_HASH, role=Role.COMPANY_DOCTOR)
    with transaction(engine) as session:
        team = CareTeam(name=f"Team {doctor_id}", doctor_account_id=doctor_id)
        session.add(team)
        session.flush()
        if organisation_id is not None:
            session.add(TeamAssignment(care_team_id=team.id, organisation_id=organisation_id))
    return doctor_id, sign_in(engine, username, secret, datetime.now(UTC))


@pytest.fixture
def world(engine: Engine) -> World:
    """A transfer request of an employee with an open case and a medical note."""
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
        org_id = org.id
    assert org_id is not None
    doctor_id, token = _serving_doctor(engine, org_id)
    return World(request_id, org_id, doctor_id, token)


def _by_key(world: World, **extra: str) -> dict[str, str]:
    return {
        "request_id": str(world.request_id),
        "recipient": "Arbo Oost BV",
        "method": "age_key",
        "age_key": str(IDENTITY.to_public()),
        **extra,
    }


def _post(
    client: TestClient, token: str | None, fields: dict[str, str], origin: str = ORIGIN
) -> httpx.Response:
    return post_form(client, paths.API_CARE_TRANSFER, token, fields, origin)


def _written(engine: Engine) -> tuple[int, int]:
    """(disclosures, release audit rows)."""
    with Session(engine) as session:
        disclosures = len(session.exec(select(Disclosure)).all())
        released = session.exec(
            select(AuditEvent).where(AuditEvent.event_type == transfer.RELEASED)
        ).all()
        return disclosures, len(released)


def test_the_route_is_mounted() -> None:
    assert paths.API_CARE_TRANSFER in {getattr(r, "path", "") for r in all_routes()}


def test_the_doctor_downloads_the_package_encrypted_to_the_recipients_key(
    client: TestClient, engine: Engine, world: World
) -> None:
    response = _post(client, world.doctor_token, _by_key(world))
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["cache-control"] == "no-store"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment; filename*=UTF-8''overdracht-")
    assert disposition.endswith(".zip.age")
    assert response.content.startswith(b"age-encryption.org/v1\n")
    assert b"MEDISCH" not in response.content
    content = pyrage.decrypt(response.content, [IDENTITY])
    manifest = packing.verify(content, signing.public_jwk(PEM))
    assert manifest["recipient"] == "Arbo Oost BV"
    assert response.headers["x-package-sha256"] == hashlib.sha256(content).hexdigest()
    assert _written(engine) == (1, 1)
    with Session(engine) as session:
        (disclosure,) = session.exec(select(Disclosure)).all()
        assert disclosure.disclosed_by_account_id == world.doctor_id
        (event,) = session.exec(
            select(AuditEvent).where(AuditEvent.event_type == transfer.RELEASED)
        ).all()
        assert json.loads(event.details)["request"] == world.request_id
        assert audit.verify_chain(session, secret=TEST_SECRET).ok


def test_the_doctor_downloads_the_package_encrypted_to_a_passphrase(
    client: TestClient, engine: Engine, world: World
) -> None:
    fields = _by_key(world, method="passphrase", passphrase=PHRASE, passphrase_again=PHRASE)
    response = _post(client, world.doctor_token, fields)
    assert response.status_code == 200
    content = passphrase.decrypt(response.content, PHRASE)
    packing.verify(content, signing.public_jwk(PEM))
    assert _written(engine) == (1, 1)
    with Session(engine) as session:
        rows = session.execute(text("SELECT details FROM audit_event")).all()
    assert all(PHRASE not in str(row[0]) for row in rows)


def test_another_origin_is_refused(client: TestClient, engine: Engine, world: World) -> None:
    response = _post(client, world.doctor_token, _by_key(world), origin="https://evil.example")
    assert response.status_code == 403
    assert _written(engine) == (0, 0)


@pytest.mark.parametrize(
    ("role", "path", "key"),
    [
        (None, "/login", "auth.session_expired"),
        (Role.PRIVACY_OFFICER, "/portal", "auth.not_allowed"),
        (Role.ADMIN, "/portal", "auth.not_allowed"),
        (Role.EMPLOYEE, "/portal", "auth.not_allowed"),
        (Role.EMPLOYER_CONTACT, "/portal", "auth.not_allowed"),
        (Role.CARE_TEAM, "/portal", "auth.not_allowed"),
        (Role.CASE_MANAGER, "/portal", "auth.not_allowed"),
    ],
)
def test_only_the_company_doctor(
    client: TestClient, engine: Engine, world: World, role: Role | None, path: str, key: str
) -> None:
    token = signed_in_token(engine, role) if role else None
    response = _post(client, token, _by_key(world))
    assert redirect_target(response) == (path, {"e": [key]})
    assert "MEDISCH" not in response.text
    assert _written(engine) == (0, 0)


def test_a_doctor_of_another_team_gets_no_package(
    client: TestClient, engine: Engine, world: World
) -> None:
    with transaction(engine) as session:
        elsewhere = factories.organisation(session).id
    _id, token = _serving_doctor(engine, elsewhere)
    response = _post(client, token, _by_key(world))
    assert redirect_target(response) == ("/care-transfer", {"e": ["transfer.not_a_transfer"]})
    assert _written(engine) == (0, 0)


def test_a_stale_code_asks_for_step_up_first(
    client: TestClient, engine: Engine, world: World
) -> None:
    with transaction(engine) as session:
        session.execute(
            text("UPDATE login_session SET last_totp_at = :t"),
            {"t": datetime.now(UTC) - timedelta(minutes=10)},
        )
    response = _post(client, world.doctor_token, _by_key(world))
    assert redirect_target(response) == ("/stepup", {"next": ["/care-transfer"]})
    assert _written(engine) == (0, 0)


@pytest.mark.parametrize(
    ("extra", "key"),
    [
        ({"request_id": "abc"}, "transfer.not_a_transfer"),
        ({"request_id": "999999"}, "transfer.not_a_transfer"),
        ({"recipient": "   "}, "transfer.recipient_required"),
        ({"method": ""}, "care_transfer.choose_method"),
        ({"age_key": ""}, "care_transfer.key_required"),
        ({"age_key": "age1notakey"}, "care_transfer.not_an_age_key"),
        ({"age_key": "-----BEGIN PGP PUBLIC KEY BLOCK-----"}, "care_transfer.not_an_age_key"),
        ({"age_key": SECRET_KEY}, "care_transfer.secret_key_given"),
        ({"method": "passphrase"}, "care_transfer.passphrase_required"),
        (
            {"method": "passphrase", "passphrase": "te kort", "passphrase_again": "te kort"},
            "care_transfer.passphrase_too_short",
        ),
        (
            {"method": "passphrase", "passphrase": PHRASE, "passphrase_again": PHRASE + "!"},
            "care_transfer.passphrase_mismatch",
        ),
    ],
)
def test_bad_input_goes_back_with_a_message_and_writes_nothing(
    client: TestClient, engine: Engine, world: World, extra: dict[str, str], key: str
) -> None:
    with Session(engine) as session:
        before = len(session.exec(select(AuditEvent)).all())
    if extra.get("age_key") == SECRET_KEY:
        extra = {**extra, "age_key": str(IDENTITY)}
    response = _post(client, world.doctor_token, _by_key(world, **extra))
    assert redirect_target(response) == ("/care-transfer", {"e": [key]})
    assert "MEDISCH" not in response.text
    assert _written(engine) == (0, 0)
    with Session(engine) as session:
        assert len(session.exec(select(AuditEvent)).all()) == before


def test_the_doctors_page_lists_the_request_and_no_one_else_reads_it(
    engine: Engine, world: World
) -> None:
    url = f"{ORIGIN}{paths.CARE_TRANSFER}?e=care_transfer.not_an_age_key"
    page = page_state(CareTransferState, world.doctor_token, url=url)
    call(page, "load")
    assert page.notice_key == "care_transfer.not_an_age_key"
    (row,) = page.rows
    assert (row.request_id, row.open_cases, row.released_on) == (str(world.request_id), "1", "")
    assert "MEDISCH" not in str(page.dict())
    for role in (Role.PRIVACY_OFFICER, Role.ADMIN, Role.CARE_TEAM, Role.EMPLOYEE):
        other = page_state(CareTransferState, signed_in_token(engine, role), url=url)
        assert call(other, "load") is not None  # sent away (not allowed / no person)
        assert other.rows == [] and other.notice_key == ""
