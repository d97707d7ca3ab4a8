"""Builders for the sign-in tests: contexts with a chosen clock, enrolled accounts, codes.

Time is always an argument (``Context.now``); nothing here sleeps.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from argon2 import PasswordHasher
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.models import Account, AuditEvent, LoginSession
from kwportal.services import audit
from kwportal.services.auth import login, passwords, secrets_box
from kwportal.services.auth.common import Context
from tests import factories
from tests.conftest import TEST_SECRET

ORIGIN = "http://localhost:3000"
#: five seconds into a 30-second TOTP step
T0 = datetime(2026, 11, 2, 9, 0, 5, tzinfo=UTC)
SECOND = timedelta(seconds=1)
STEP = timedelta(seconds=30)
PASSWORD = "zilveren maan boven het water"
NEW_PASSWORD = "blauwe tram rijdt langs de gracht"
#: argon2id with tiny parameters: verifies in microseconds (and needs a rehash by default)
CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
CHEAP_HASH = CHEAP.hash(PASSWORD)


def ctx(now: datetime = T0, *, ip: str = "192.0.2.10", agent: str = "pytest") -> Context:
    return Context(
        access=audit.AccessPoint(ip=ip, agent=agent), now=now, secret=TEST_SECRET, origin=ORIGIN
    )


def code_at(secret: str, moment: datetime) -> str:
    return pyotp.TOTP(secret).at(moment)


def enrolled(
    session: Session, password_hash: str | None, role: Role = Role.EMPLOYEE, **overrides: object
) -> tuple[Account, str]:
    """An account with password and confirmed TOTP; returns it and its TOTP secret."""
    secret = pyotp.random_base32(length=32)
    values: dict[str, object] = {
        "password_hash": password_hash,
        "totp_secret": secret,
        "totp_confirmed_at": T0 - timedelta(days=30),
        "language": "en",
        **overrides,
    }
    account = factories.account(session, role, **values)
    if "email" not in overrides:
        account.email = f"{account.username}@example.test"
    session.add(account)
    session.flush()
    return account, secret


def new_enrolled(
    engine: Engine, password_hash: str | None, **overrides: object
) -> tuple[int, str, str]:
    """(account id, username, TOTP secret), committed."""
    with transaction(engine) as session:
        account, secret = enrolled(session, password_hash, **overrides)
        assert account.id is not None
        return account.id, account.username, secret


def sign_in(
    engine: Engine,
    username: str,
    secret: str,
    at: datetime,
    *,
    ip: str = "192.0.2.10",
    agent: str = "pytest",
) -> str:
    """Password at ``at``, code two seconds later, each in its own transaction as the HTTP
    routes do; returns the active session's token."""
    with transaction(engine) as session:
        first = login.begin(
            session, ctx(at, ip=ip, agent=agent), username=username, password=PASSWORD
        )
    assert first.ok and first.stage == login.STAGE_CODE, first
    later = at + 2 * SECOND
    with transaction(engine) as session:
        second = login.complete(
            session, ctx(later, ip=ip, agent=agent), token=first.token, code=code_at(secret, later)
        )
    assert second.ok and second.stage == login.STAGE_ACTIVE, second
    return second.token


def account_row(engine: Engine, account_id: int) -> Account:
    with Session(engine, expire_on_commit=False) as session:
        found = session.get(Account, account_id)
        assert found is not None
        return found


def totp_secret_of(engine: Engine, account_id: int) -> str | None:
    """The account's TOTP secret as the portal opens it (the row holds it sealed)."""
    return secrets_box.account_secret(account_row(engine, account_id))


def session_rows(engine: Engine, account_id: int) -> list[LoginSession]:
    with Session(engine, expire_on_commit=False) as session:
        query = select(LoginSession).where(LoginSession.account_id == account_id)
        return list(session.exec(query.order_by(col(LoginSession.id))))


def event_types(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return list(session.exec(select(AuditEvent.event_type).order_by(col(AuditEvent.id))))


def events(engine: Engine, event_type: str) -> list[AuditEvent]:
    with Session(engine, expire_on_commit=False) as session:
        query = select(AuditEvent).where(AuditEvent.event_type == event_type)
        return list(session.exec(query.order_by(col(AuditEvent.id))))


def chain_ok(engine: Engine) -> bool:
    with Session(engine) as session:
        report = audit.verify_chain(session, secret=TEST_SECRET)
    return report.ok and report.rows > 0


def cheap_dummy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unknown names verify against a cheap dummy hash: for loops of failures whose cost
    is not the point (the timing test keeps the real dummy)."""
    dummy = CHEAP.hash("kwportal-dummy")
    monkeypatch.setattr(login, "_dummy_hash", lambda: dummy)


@pytest.fixture
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """For tests about sessions and links, not about hashing cost: argon2id with tiny
    parameters becomes "current" and hashing runs in this process, so nothing is rehashed
    and every hash is instant. Real parameters are tested in tests/unit/services and in
    test_login.py."""
    executor = ThreadPoolExecutor(max_workers=2)
    monkeypatch.setattr(passwords, "_hasher", CHEAP)
    monkeypatch.setattr(passwords, "_pool", lambda: executor)
    cheap_dummy(monkeypatch)
    yield
    executor.shutdown()
