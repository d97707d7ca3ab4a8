"""Failure records and the throttle decisions over them (rules in domain/throttle.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, col, select

from kwportal.domain import throttle
from kwportal.models import Account, AuthFailure, ResetRequest
from kwportal.services.auth.common import Context, keyed_hash

#: an AuthFailure row of this kind marks a name that reached the lockout
LOCK_MARKER = "locked"
#: a wrong TOTP or recovery code on the password-reset form
RESET_CODE = "reset_code"


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
            AuthFailure.kind != LOCK_MARKER,
            col(AuthFailure.occurred_at) > _since(account, now),
        )
    )
    return list(rows)


def _name_locked(session: Session, key: str) -> bool:
    """An unknown name stays locked like a real account does (no enumeration by waiting)."""
    marker = session.exec(
        select(AuthFailure.id).where(
            AuthFailure.username_key == key, AuthFailure.kind == LOCK_MARKER
        )
    )
    return marker.first() is not None


def _ip_decision(session: Session, ctx: Context) -> throttle.Decision:
    ip_rows = session.exec(
        select(AuthFailure.occurred_at).where(
            AuthFailure.ip == ctx.access.ip,
            col(AuthFailure.occurred_at) > ctx.now - throttle.IP_WINDOW,
        )
    )
    return throttle.ip_decision(list(ip_rows), ctx.now)


def decide(session: Session, ctx: Context, key: str, account: Account | None) -> throttle.Decision:
    """IP limit first, then the account (or unknown name) limit and lockout."""
    by_ip = _ip_decision(session, ctx)
    if not by_ip.allowed:
        return by_ip
    if account is not None and account.locked_at is not None:
        return throttle.Decision(allowed=False, locked=True)
    if account is None and _name_locked(session, key):
        return throttle.Decision(allowed=False, locked=True)
    return throttle.account_decision(failures_for(session, key, account, ctx.now), ctx.now)


def add_failure(
    session: Session, ctx: Context, key: str, account: Account | None, kind: str
) -> int:
    row = AuthFailure(
        username_key=key,
        account_id=account.id if account else None,
        ip=ctx.access.ip,
        kind=kind,
        occurred_at=ctx.now,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    return row.id


def withdraw(session: Session, failure_id: int) -> None:
    """Take back a failure recorded before the outcome was known (it succeeded)."""
    session.execute(delete(AuthFailure).where(col(AuthFailure.id) == failure_id))


def apply_lockout(session: Session, ctx: Context, key: str, account: Account | None) -> bool:
    """Lock the account (or mark the unknown name) once the failures reach the lockout
    count. Returns True when a real account became locked now."""
    count = len(failures_for(session, key, account, ctx.now))
    if count < throttle.LOCKOUT_FAILURES:
        return False
    if account is None:
        if not _name_locked(session, key):
            session.add(
                AuthFailure(
                    username_key=key, ip=ctx.access.ip, kind=LOCK_MARKER, occurred_at=ctx.now
                )
            )
        return False
    if account.locked_at is None:
        account.locked_at = ctx.now
        session.add(account)
        return True
    return False


def record_failure(
    session: Session, ctx: Context, key: str, account: Account | None, kind: str
) -> bool:
    """Store one failure and apply the lockout; True when the account became locked now."""
    add_failure(session, ctx, key, account, kind)
    return apply_lockout(session, ctx, key, account)


# --- account recovery (issue 16, item 6): it may lift a lockout, never outrun it ---------


def recovery_decision(
    session: Session, ctx: Context, key: str, account: Account
) -> throttle.Decision:
    """The reset form's throttle: the IP limit, then the account's growing delay, which
    holds on a locked account too (a locked account is otherwise refused before the delay
    is even computed, and the reset form skipped it)."""
    by_ip = _ip_decision(session, ctx)
    if not by_ip.allowed:
        return by_ip
    return throttle.delay_decision(failures_for(session, key, account, ctx.now), ctx.now)


def reset_code_failures(session: Session, key: str, account: Account, now: datetime) -> int:
    """Wrong codes on the reset form since the failures last counted (lockout window,
    sign-in, unlock or reset): at :data:`throttle.RESET_CODE_FAILURES` no link works."""
    rows = session.exec(
        select(AuthFailure.id).where(
            AuthFailure.username_key == key,
            AuthFailure.kind == RESET_CODE,
            col(AuthFailure.occurred_at) > _since(account, now),
        )
    )
    return len(list(rows))


def reset_request_decision(session: Session, ctx: Context, address: str) -> throttle.Decision:
    """Whether one more "forgot password" request for ``address`` (as typed, normalised)
    from this IP may go out; a granted one is counted here."""
    address_key = keyed_hash(ctx.secret, "reset-address:" + address)
    ip_key = keyed_hash(ctx.secret, "reset-ip:" + ctx.access.ip)
    since = ctx.now - throttle.RESET_REQUEST_WINDOW
    for column, value, limit in (
        (ResetRequest.ip_key, ip_key, throttle.RESET_REQUESTS_PER_IP),
        (ResetRequest.address_key, address_key, throttle.RESET_REQUESTS_PER_ADDRESS),
    ):
        times = session.exec(
            select(ResetRequest.occurred_at).where(
                col(column) == value, col(ResetRequest.occurred_at) > since
            )
        )
        decision = throttle.window_decision(
            list(times), ctx.now, limit=limit, window=throttle.RESET_REQUEST_WINDOW
        )
        if not decision.allowed:
            return decision
    session.add(ResetRequest(address_key=address_key, ip_key=ip_key, occurred_at=ctx.now))
    return throttle.Decision(allowed=True)
