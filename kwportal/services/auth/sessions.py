"""Server-side sessions: resolve a cookie token, end sessions, list them, step-up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from kwportal.domain import sessions as rules
from kwportal.domain import totp
from kwportal.domain.roles import Role
from kwportal.models import Account, LoginSession
from kwportal.services.auth import secrets_box, throttling
from kwportal.services.auth.common import Context, Outcome, keyed_hash, log, username_key
from kwportal.services.auth.login import STAGE_ACTIVE, claim_step
from kwportal.services.auth.notices import notice
from kwportal.services.unit import Ctx


@dataclass(frozen=True, slots=True)
class SignedIn:
    """Who is signed in: no secret, nothing medical; safe to keep server-side in a state."""

    session_id: int
    account_id: int
    role: Role
    display_name: str
    language: str
    organisation_id: int | None
    employee_id: int | None
    last_totp_at: datetime | None
    last_seen_at: datetime


@dataclass(frozen=True, slots=True)
class SessionLine:
    session_id: int
    current: bool
    ip: str
    user_agent: str
    created_at: datetime
    last_seen_at: datetime


def _row(session: Session, ctx: Context, token: str) -> LoginSession | None:
    if not token:
        return None
    digest = keyed_hash(ctx.secret, token)
    return session.exec(select(LoginSession).where(LoginSession.token_hash == digest)).first()


def resolve(session: Session, ctx: Context, token: str, *, touch: bool = True) -> SignedIn | None:
    """The signed-in account for a cookie token, or None. An idle or expired session is
    ended here (and logged) the first time it is presented."""
    row = _row(session, ctx, token)
    if row is None or row.stage != STAGE_ACTIVE or row.ended_at is not None:
        return None
    status = rules.status(
        created_at=row.created_at, last_seen_at=row.last_seen_at, ended=False, now=ctx.now
    )
    account = session.get(Account, row.account_id)
    if account is None or not account.is_active:
        _end(session, ctx, row, account, "account_inactive" if account else "account_gone")
        return None
    if status is not rules.SessionStatus.ACTIVE:
        _end(session, ctx, row, account, str(status))
        return None
    if touch and rules.needs_touch(row.last_seen_at, ctx.now):
        row.last_seen_at = ctx.now
        session.add(row)
    assert row.id is not None and account.id is not None
    return SignedIn(
        session_id=row.id,
        account_id=account.id,
        role=Role(account.role),
        display_name=account.display_name,
        language=account.language,
        organisation_id=account.organisation_id,
        employee_id=account.employee_id,
        last_totp_at=row.last_totp_at,
        last_seen_at=row.last_seen_at,
    )


def _end(
    session: Session, ctx: Context, row: LoginSession, account: Account | None, reason: str
) -> None:
    row.ended_at, row.end_reason = ctx.now, reason[:30]
    session.add(row)
    log(session, ctx, "session_end", account, details={"reason": reason, "session": row.id})


def logout(session: Session, ctx: Context, token: str) -> None:
    row = _row(session, ctx, token)
    if row is not None and row.ended_at is None:
        _end(session, ctx, row, session.get(Account, row.account_id), "logout")


def end_all(
    session: Session, ctx: Context, account_id: int, reason: str, *, keep: int | None = None
) -> int:
    """End every open session of the account except ``keep``; returns how many ended."""
    rows = session.exec(
        select(LoginSession).where(
            LoginSession.account_id == account_id, col(LoginSession.ended_at).is_(None)
        )
    ).all()
    account = session.get(Account, account_id)
    ended = 0
    for row in rows:
        if row.id != keep:
            _end(session, ctx, row, account, reason)
            ended += 1
    return ended


def list_sessions(session: Session, ctx: Context, signed_in: SignedIn) -> list[SessionLine]:
    rows = session.exec(
        select(LoginSession)
        .where(
            LoginSession.account_id == signed_in.account_id,
            LoginSession.stage == STAGE_ACTIVE,
            col(LoginSession.ended_at).is_(None),
            col(LoginSession.created_at) > ctx.now - rules.ABSOLUTE_TIMEOUT,
        )
        .order_by(col(LoginSession.last_seen_at).desc())
    ).all()
    return [
        SessionLine(
            r.id or 0,
            r.id == signed_in.session_id,
            r.ip,
            r.user_agent,
            r.created_at,
            r.last_seen_at,
        )
        for r in rows
        if ctx.now - r.last_seen_at < rules.IDLE_TIMEOUT
    ]


def step_up(session: Session, ctx: Context, token: str, code: str) -> Outcome:
    """A fresh TOTP code for a sensitive act (download, consent, credentials, release)."""
    row = _row(session, ctx, token)
    signed_in = resolve(session, ctx, token)
    account = session.get(Account, signed_in.account_id) if signed_in else None
    secret = secrets_box.account_secret(account) if account else None
    if row is None or account is None or not secret:
        return Outcome(error="auth.session_expired")
    key = username_key(ctx.secret, account.username)
    decision = throttling.decide(session, ctx, key, account)
    if not decision.allowed:
        return Outcome(error="auth.throttled", retry_after=decision.retry_after_seconds)
    step = totp.accept(secret, code, ctx.now, account.totp_last_step)
    if step is None or not claim_step(session, account, step):
        replay = totp.is_replay(secret, code, ctx.now, account.totp_last_step)
        throttling.record_failure(session, ctx, key, account, "replay" if replay else "step_up")
        log(session, ctx, "totp_replay_refused" if replay else "step_up_failed", account)
        mail = notice(account, "replay", ctx.origin) if replay else None
        return Outcome(error="auth.invalid_code", mails=[mail] if mail else [])
    row.last_totp_at = ctx.now
    session.add(row)
    log(session, ctx, "step_up", account)
    return Outcome()


def needs_step_up(signed_in: SignedIn, now: datetime) -> bool:
    return rules.step_up_needed(signed_in.last_totp_at, now)


# --- use cases: one unit each, run without a signed-in gate (``runner.run_public``): each
# resolves the cookie's session itself, since an ended or missing one has its own answer. ---


def do_step_up(token: str, code: str, *, ctx: Ctx) -> Outcome:
    return step_up(ctx.session, ctx, token, code)


def do_logout(token: str, *, ctx: Ctx) -> None:
    logout(ctx.session, ctx, token)


def do_end_everywhere(token: str, *, ctx: Ctx) -> None:
    """Sign out on every device; without a live session there is nothing to end."""
    signed_in = resolve(ctx.session, ctx, token, touch=False)
    if signed_in is not None:
        end_all(ctx.session, ctx, signed_in.account_id, "logout_everywhere")
