"""Sign-in records are kept for their short, documented terms and then removed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from kwportal.domain.roles import Role
from kwportal.models import (
    AuthFailure,
    LoginSession,
    OneTimeToken,
    RecoveryCode,
    ResetRequest,
)
from kwportal.services.auth import housekeeping
from tests import factories

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def days_ago(days: int) -> datetime:
    return NOW - timedelta(days=days)


def test_records_past_their_term_are_removed_and_the_rest_kept(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        account = factories.account(session, Role.EMPLOYEE)
        for n, (ended, seen) in enumerate(
            [
                (days_ago(100), days_ago(100)),
                (days_ago(10), days_ago(10)),
                (None, days_ago(120)),
                (None, days_ago(1)),
            ]
        ):
            session.add(
                LoginSession(
                    token_hash=f"t{n}",
                    account_id=account.id,
                    stage="active",
                    created_at=seen,
                    last_seen_at=seen,
                    ended_at=ended,
                )
            )
        for n, expires in enumerate([days_ago(40), days_ago(10), NOW + timedelta(days=2)]):
            session.add(
                OneTimeToken(
                    token_hash=f"o{n}",
                    account_id=account.id,
                    purpose="invitation",
                    expires_at=expires,
                )
            )
        for kind, at in [
            ("password", days_ago(100)),
            ("password", days_ago(1)),
            ("locked", days_ago(100)),
            ("locked", days_ago(400)),
        ]:
            session.add(AuthFailure(username_key="k", kind=kind, occurred_at=at))
        for used in (days_ago(100), days_ago(5), None):
            session.add(RecoveryCode(account_id=account.id, code_hash="h", used_at=used))
        for at in (days_ago(2), NOW - timedelta(minutes=30)):
            session.add(ResetRequest(address_key="a", ip_key="i", occurred_at=at))
    with Session(engine) as session, session.begin():
        removed = housekeeping.purge(session, now=NOW)
    assert removed == {
        "sso_session": 0,  # tests/integration/test_sso.py
        "login_session": 1,
        "login_session_stale": 1,
        "one_time_token": 1,
        "auth_failure": 1,
        "auth_failure_lock_marker": 1,
        "recovery_code": 1,
        "reset_request": 1,
        "sso_attempt": 0,  # tests/integration/test_sso_admin.py
    }
    with Session(engine) as session:
        for model, left in (
            (LoginSession, 2),
            (OneTimeToken, 2),
            (AuthFailure, 2),
            (RecoveryCode, 2),
            (ResetRequest, 1),
        ):
            assert session.exec(select(func.count()).select_from(model)).one() == left
