"""Forgotten password by e-mail link, which still asks for the TOTP code or a recovery
code; password change from the security page. Recovery is held to the sign-in throttle
(issue 16, item 6): requests are rate-limited per address and per IP, the reset form waits
the account's delay, and a few wrong codes void the links."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, col, or_, select

from kwportal.domain import throttle, totp
from kwportal.domain.policy import Actor
from kwportal.models import Account, OneTimeToken
from kwportal.services import audit
from kwportal.services.auth import enrolment, login, secrets_box, throttling
from kwportal.services.auth.common import MAX_CODE_INPUT, Context, Outcome, log, username_key
from kwportal.services.auth.notices import notice
from kwportal.services.auth.passwords import hash_password, verify_password
from kwportal.services.auth.sessions import SignedIn, end_all
from kwportal.services.unit import Ctx, use_case


def request_reset(session: Session, ctx: Context, *, identifier: str) -> Outcome:
    """Always the same answer, whether or not the account exists; limited per address as
    typed and per IP, for known and unknown addresses alike."""
    value = identifier.replace("\x00", "").strip().lower()[:254]
    limit = throttling.reset_request_decision(session, ctx, value)
    if not limit.allowed:
        log(session, ctx, "password_reset_request_limited", None)
        minutes = -(-limit.retry_after_seconds // 60)
        return Outcome(error="auth.reset_requests_limited", retry_after=minutes)
    account = None
    if value:
        account = session.exec(
            select(Account).where(
                or_(col(Account.username) == value, func.lower(col(Account.email)) == value)
            )
        ).first()
    if account is None or not account.is_active or not account.totp_confirmed_at:
        log(session, ctx, "password_reset_requested_unknown", None)
        return Outcome()
    if _codes_spent(session, ctx, account):
        log(session, ctx, "password_reset_refused", account, details={"reason": "reset_codes"})
        return Outcome()
    token = enrolment._one_time(session, ctx, account, enrolment.PURPOSE_RESET, None)
    log(session, ctx, "password_reset_requested", account)
    mail = notice(account, "reset", ctx.origin, link=f"{ctx.origin}/reset-password?token={token}")
    return Outcome(mails=[mail] if mail else [])


def _second_factor(session: Session, ctx: Context, account: Account, code: str) -> bool:
    secret = secrets_box.account_secret(account)
    if secret:
        step = totp.accept(secret, code[:MAX_CODE_INPUT], ctx.now, account.totp_last_step)
        if step is not None and login.claim_step(session, account, step):
            return True
    return login.use_recovery_code(session, ctx, account, code)


def _codes_spent(session: Session, ctx: Context, account: Account) -> bool:
    key = username_key(ctx.secret, account.username)
    spent = throttling.reset_code_failures(session, key, account, ctx.now)
    return spent >= throttle.RESET_CODE_FAILURES


def _void_links(session: Session, ctx: Context, account: Account) -> Outcome:
    """Too many wrong codes: every open reset link of the account stops working."""
    links = session.exec(
        select(OneTimeToken).where(
            OneTimeToken.account_id == account.id,
            OneTimeToken.purpose == enrolment.PURPOSE_RESET,
            col(OneTimeToken.used_at).is_(None),
        )
    ).all()
    for link in links:
        link.used_at = ctx.now
        session.add(link)
    log(session, ctx, "password_reset_links_voided", account, details={"links": len(links)})
    return Outcome(error="auth.reset_link_voided")


def reset_password(
    session: Session, ctx: Context, *, token: str, password: str, repeated: str, code: str
) -> Outcome:
    """A new password by e-mail link and a second factor. It lifts a lockout, but waits
    the account's growing delay like a sign-in (a locked account too), and a few wrong
    codes void the account's links: recovery never outruns the lockout."""
    row = enrolment.redeem(session, ctx, token, enrolment.PURPOSE_RESET)
    account = session.get(Account, row.account_id) if row else None
    if row is None or account is None:
        return Outcome(error="auth.link_invalid")
    key = username_key(ctx.secret, account.username)
    decision = throttling.recovery_decision(session, ctx, key, account)
    if not decision.allowed:
        log(session, ctx, "password_reset_throttled", account)
        return Outcome(error="auth.throttled", retry_after=decision.retry_after_seconds)
    if _codes_spent(session, ctx, account):
        return _void_links(session, ctx, account)
    problem = enrolment.check_new_password(account, password, repeated)
    if problem:
        return Outcome(error=f"auth.{problem}")  # checked first: no code is spent on it
    if not _second_factor(session, ctx, account, code):
        throttling.record_failure(session, ctx, key, account, throttling.RESET_CODE)
        log(session, ctx, "password_reset_failed", account)
        if _codes_spent(session, ctx, account):
            return _void_links(session, ctx, account)
        return Outcome(error="auth.invalid_code")
    account.password_hash = hash_password(password)
    account.password_changed_at = account.failures_reset_at = row.used_at = ctx.now
    account.locked_at = None
    session.add_all([account, row])
    assert account.id is not None
    end_all(session, ctx, account.id, "password_reset")
    log(session, ctx, "password_reset", account)
    mail = notice(account, "password_changed", ctx.origin)
    return Outcome(mails=[mail] if mail else [])


def change_password(
    session: Session,
    ctx: Context,
    signed_in: SignedIn,
    *,
    current: str,
    password: str,
    repeated: str,
) -> Outcome:
    account = session.get(Account, signed_in.account_id)
    if account is None or not account.password_hash:
        return Outcome(error="auth.session_expired")
    if not verify_password(account.password_hash, current[:300]):
        key = username_key(ctx.secret, account.username)
        throttling.record_failure(session, ctx, key, account, "password_change")
        log(session, ctx, "password_change_failed", account)
        return Outcome(error="auth.invalid")
    problem = enrolment.check_new_password(account, password, repeated)
    if problem:
        return Outcome(error=f"auth.{problem}")
    account.password_hash = hash_password(password)
    account.password_changed_at = ctx.now
    session.add(account)
    end_all(session, ctx, signed_in.account_id, "password_changed", keep=signed_in.session_id)
    log(session, ctx, "password_changed", account, action=audit.Action.UPDATE)
    mail = notice(account, "password_changed", ctx.origin)
    return Outcome(mails=[mail] if mail else [])


# --- use cases: one unit each. The mail stays in the Outcome: the route sends it after the
# answer, so the answer to "forgot password" takes as long for an unknown account. ---


def do_request_reset(identifier: str, *, ctx: Ctx) -> Outcome:
    return request_reset(ctx.session, ctx, identifier=identifier)


def do_reset_password(token: str, password: str, repeated: str, code: str, *, ctx: Ctx) -> Outcome:
    return reset_password(
        ctx.session, ctx, token=token, password=password, repeated=repeated, code=code
    )


@use_case(step_up=True)
def do_change_password(
    actor: Actor, current: str, password: str, repeated: str, *, ctx: Ctx
) -> Outcome:
    """The security page's password change, after a fresh code."""
    assert ctx.signed_in is not None
    return change_password(
        ctx.session, ctx, ctx.signed_in, current=current, password=password, repeated=repeated
    )
