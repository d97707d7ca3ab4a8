"""The download route of "Download my data": signed-in employees only, a fresh code first,
the ZIP streamed as an attachment, and a second export of the same person while one runs
sent back with a message."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlalchemy.engine import Engine
from starlette.applications import Starlette
from starlette.testclient import TestClient

from kwportal.db import transaction
from kwportal.models import LoginSession
from kwportal.services.employee import export
from kwportal.ui.api import downloads
from kwportal.ui.api.http import SESSION_COOKIE
from tests import factories
from tests.integration.auth_helpers import (  # noqa: F401 (cheap_argon2 is a fixture)
    CHEAP_HASH,
    ORIGIN,
    cheap_argon2,
    new_enrolled,
    sign_in,
)
from tests.integration.served import portal_database

pytestmark = pytest.mark.usefixtures("cheap_argon2")


@pytest.fixture
def portal_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


def _signed_in_employee(engine: Engine) -> tuple[int, str]:
    with transaction(engine) as session:
        org = factories.organisation(session)
        person = factories.employee(session, org)
        factories.sick_case(session, person)
        employee_id = person.id
    assert employee_id is not None
    _, username, secret = new_enrolled(engine, CHEAP_HASH, employee_id=employee_id)
    return employee_id, sign_in(engine, username, secret, datetime.now(UTC))


def _post(client: TestClient, token: str) -> object:
    return client.post(
        downloads.EXPORT_PATH,
        data={"lang": "en"},
        headers={"Origin": ORIGIN, "Cookie": f"{SESSION_COOKIE}={token}"},
    )


def test_the_route_streams_the_zip_and_refuses_a_second_at_once(portal_db: Engine) -> None:
    employee_id, token = _signed_in_employee(portal_db)
    app = Starlette(routes=downloads.routes())
    with TestClient(app, base_url=ORIGIN, follow_redirects=False) as client:
        reply = _post(client, token)
        assert reply.status_code == 200, reply.text[:200]  # type: ignore[attr-defined]
        assert reply.headers["content-type"] == "application/zip"  # type: ignore[attr-defined]
        names = zipfile.ZipFile(io.BytesIO(reply.content)).namelist()  # type: ignore[attr-defined]
        assert "manifest.jws" in names
        with export.export_lock(employee_id, portal_db):
            busy = _post(client, token)
        assert busy.status_code == 303  # type: ignore[attr-defined]
        assert busy.headers["location"] == "/my-export?e=export.busy"  # type: ignore[attr-defined]
        foreign = client.post(
            downloads.EXPORT_PATH,
            headers={"Origin": "https://evil.example", "Cookie": f"{SESSION_COOKIE}={token}"},
        )
        assert foreign.status_code == 403


def test_the_route_asks_for_a_fresh_code_and_a_session(portal_db: Engine) -> None:
    _, token = _signed_in_employee(portal_db)
    with transaction(portal_db) as session:
        session.execute(
            update(LoginSession).values(last_totp_at=datetime.now(UTC) - timedelta(minutes=10))
        )
    app = Starlette(routes=downloads.routes())
    with TestClient(app, base_url=ORIGIN, follow_redirects=False) as client:
        stale = _post(client, token)
        assert stale.headers["location"] == "/stepup?next=%2Fmy-export"  # type: ignore[attr-defined]
        nobody = _post(client, "")
        assert nobody.headers["location"].startswith("/login")  # type: ignore[attr-defined]
