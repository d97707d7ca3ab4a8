"""Short retention of sign-in records (issue 8: "Accounts, sessions and invitations of
people who left follow a short, documented term of our choosing").

The terms: ended sessions 90 days (the "my sessions" history and incident follow-up), used
or expired links 30 days, failures 90 days (throttling needs 12 hours), used recovery codes
90 days, lock markers of unknown names one year, "forgot password" request counters one day
(their limit looks back an hour), single sign-on attempts one day (they are answered within
ten minutes); the sealed ID token of a single sign-on session as soon as the session has
ended or timed out (it serves only the logout at the provider). Accounts go with the file
they belong to.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, or_
from sqlmodel import Session, col, select

from kwportal.domain.sessions import ABSOLUTE_TIMEOUT
from kwportal.models import (
    AuthFailure,
    LoginSession,
    OneTimeToken,
    RecoveryCode,
    ResetRequest,
    SsoAttempt,
    SsoSession,
)
from kwportal.services.auth.throttling import LOCK_MARKER

ENDED_SESSION_DAYS = 90
SPENT_LINK_DAYS = 30
FAILURE_DAYS = 90
USED_RECOVERY_CODE_DAYS = 90
LOCK_MARKER_DAYS = 365
RESET_REQUEST_DAYS = 1
SSO_ATTEMPT_DAYS = 1


def purge(session: Session, *, now: datetime) -> dict[str, int]:
    """Delete what is past its term; returns the rows removed per table."""

    def before(days: int) -> datetime:
        return now - timedelta(days=days)

    statements = {
        # the sealed ID tokens of ended or timed-out sessions at once, before the sessions
        # they refer to (single sign-on: kept only for the logout at the provider)
        "sso_session": delete(SsoSession).where(
            col(SsoSession.login_session_id).in_(
                select(LoginSession.id).where(
                    or_(
                        col(LoginSession.ended_at).is_not(None),
                        col(LoginSession.created_at) < now - ABSOLUTE_TIMEOUT,
                    )
                )
            )
        ),
        "login_session": delete(LoginSession).where(
            col(LoginSession.ended_at).is_not(None),
            col(LoginSession.ended_at) < before(ENDED_SESSION_DAYS),
        ),
        "login_session_stale": delete(LoginSession).where(
            col(LoginSession.ended_at).is_(None),
            col(LoginSession.last_seen_at) < before(ENDED_SESSION_DAYS),
        ),
        "one_time_token": delete(OneTimeToken).where(
            col(OneTimeToken.expires_at) < before(SPENT_LINK_DAYS)
        ),
        "auth_failure": delete(AuthFailure).where(
            col(AuthFailure.kind) != LOCK_MARKER,
            col(AuthFailure.occurred_at) < before(FAILURE_DAYS),
        ),
        "auth_failure_lock_marker": delete(AuthFailure).where(
            col(AuthFailure.kind) == LOCK_MARKER,
            col(AuthFailure.occurred_at) < before(LOCK_MARKER_DAYS),
        ),
        "recovery_code": delete(RecoveryCode).where(
            col(RecoveryCode.used_at).is_not(None),
            col(RecoveryCode.used_at) < before(USED_RECOVERY_CODE_DAYS),
        ),
        "reset_request": delete(ResetRequest).where(
            col(ResetRequest.occurred_at) < before(RESET_REQUEST_DAYS)
        ),
        "sso_attempt": delete(SsoAttempt).where(
            col(SsoAttempt.created_at) < before(SSO_ATTEMPT_DAYS)
        ),
    }
    return {name: int(session.execute(stmt).rowcount) for name, stmt in statements.items()}  # type: ignore[attr-defined]
