"""Behind a reverse proxy (issue 16, item 9): the sign-in route's audit row and throttling
record the client's forwarded address only when the proxy hop is configured as trusted;
otherwise the socket peer, whatever the request claims."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal import settings
from kwportal.models import AuditEvent, AuthFailure
from kwportal.ui.api import auth
from tests.integration.auth_helpers import (
    CHEAP_HASH,
    ORIGIN,
    cheap_argon2,  # noqa: F401 - fixture
    new_enrolled,
)
from tests.integration.served import portal_database, route_client

pytestmark = pytest.mark.usefixtures("cheap_argon2")
#: what Starlette's test client gives as the socket peer
PEER = "testclient"
CLIENT = "203.0.113.7"
SPOOFED = "6.6.6.6"


@pytest.fixture
def engine(tmp_path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:  # type: ignore[no-untyped-def]
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


@pytest.mark.parametrize(("trusted", "recorded"), [(0, PEER), (1, CLIENT), (2, SPOOFED)])
def test_the_audit_row_records_the_forwarded_address_only_when_trusted(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, trusted: int, recorded: str
) -> None:
    monkeypatch.setenv("KWPORTAL_TRUSTED_PROXIES", str(trusted))
    settings.get_settings.cache_clear()
    _, username, _ = new_enrolled(engine, CHEAP_HASH)
    with route_client(auth.routes()) as client:
        response = client.post(
            "/api/auth/login",
            data={"username": username, "password": "not the password"},
            headers={"Origin": ORIGIN, "X-Forwarded-For": f"{SPOOFED}, {CLIENT}"},
        )
    assert response.status_code == 303
    with Session(engine) as session:
        failed = session.exec(
            select(AuditEvent).where(col(AuditEvent.event_type).startswith("login_failed"))
        ).all()
        failures = session.exec(select(AuthFailure)).all()
    assert [row.access_ip for row in failed] == [recorded]
    assert [row.ip for row in failures] == [recorded]  # what throttling per address counts


def test_without_a_forwarded_header_the_peer_counts_even_when_trusted(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KWPORTAL_TRUSTED_PROXIES", "1")
    settings.get_settings.cache_clear()
    _, username, _ = new_enrolled(engine, CHEAP_HASH)
    with route_client(auth.routes()) as client:
        client.post(
            "/api/auth/login",
            data={"username": username, "password": "not the password"},
            headers={"Origin": ORIGIN},
        )
    with Session(engine) as session:
        failures = session.exec(select(AuthFailure)).all()
    assert [row.ip for row in failures] == [PEER]
