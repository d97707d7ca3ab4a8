"""Failure records and the throttle decisions over them (rules in domain/throttle.py)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from kwportal.domain import throttle
from kwportal.models import Account, AuthFailure
from kwportal.services.auth.common import Context


def _since(account: Account | None, now: datetime) -> datetime:
    since = now - throttle.LOCKOUT_WINDOW
    if account is not None:
        for reset in (account.failures_reset_at, account.last_login_at):
            if reset is not None and reset > since:
                since = reset
    return since


def failures_for(
    session: Session, key: str, account: Account | None, now: datetime
) -> list[datetime]:
    rows = session.exec(
        select(AuthFailure.occurred_at).where(
            AuthFailure.username_key == key,
            col(AuthFailure.occurred_at) > _since(account, now),
        )
    )
    return list(rows)


def decide(session: Session, ctx: Context, key: str, account: Account | None) -> throttle.Decision:
    """IP limit first, then the account (or unknown name) limit and lockout."""
    ip_rows = session.exec(
        select(AuthFailure.occurred_at).where(
            AuthFailure.ip == ctx.access.ip,
            col(AuthFailure.occurred_at) > ctx.now - throttle.IP_WINDOW,
        )
    )
    by_ip = throttle.ip_decision(list(ip_rows), ctx.now)
    if not by_ip.allowed:
        return by_ip
    if account is not None and account.locked_at is not None:
        return throttle.Decision(allowed=False, locked=True)
    return throttle.account_decision(failures_for(session, key, account, ctx.now), ctx.now)


def record_failure(
    session: Session, ctx: Context, key: str, account: Account | None, kind: str
) -> bool:
    """Store one failure; lock the account when this one reaches the lockout count.
    Returns True when the account became locked now."""
    session.add(
        AuthFailure(
            username_key=key,
            account_id=account.id if account else None,
            ip=ctx.access.ip,
            kind=kind,
            occurred_at=ctx.now,
        )
    )
    session.flush()
    count = len(failures_for(session, key, account, ctx.now))
    if account is not None and account.locked_at is None and count >= throttle.LOCKOUT_FAILURES:
        account.locked_at = ctx.now
        session.add(account)
        return True
    return False
