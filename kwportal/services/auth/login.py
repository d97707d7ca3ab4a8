"""The two sign-in steps: password, then TOTP code (or a recovery code when the phone is
lost). The same error and similar timing for an unknown user, a wrong password and a wrong
code, so nobody learns which accounts exist."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sqlmodel import Session, col, select, update

from kwportal.domain import sessions as rules
from kwportal.domain import totp
from kwportal.domain.passwords import MAX_LENGTH
from kwportal.models import Account, LoginSession, RecoveryCode
from kwportal.services.auth import secrets_box, throttling
from kwportal.services.auth.common import (
    MAX_CODE_INPUT,
    MAX_USERNAME,
    Context,
    Outcome,
    keyed_hash,
    log,
    new_token,
    username_key,
)
from kwportal.services.auth.notices import notice
from kwportal.services.auth.passwords import hash_password, needs_rehash, verify_password
from kwportal.services.unit import Ctx


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Verified for unknown or unusable accounts, so timing does not tell them apart."""
    return hash_password("kwportal-dummy-password-for-timing")


STAGE_CODE = "password_ok"
STAGE_ENROL = "enrol"
STAGE_ACTIVE = "active"


def find_account(session: Session, username: str) -> Account | None:
    name = username.replace("\x00", "").strip().lower()
    return session.exec(select(Account).where(Account.username == name)).first()


def _refusal(decision_locked: bool, retry_after: int) -> Outcome:
    if decision_locked:
        return Outcome(error="auth.locked")
    return Outcome(error="auth.throttled", retry_after=retry_after)


@dataclass(frozen=True, slots=True)
class PasswordCheck:
    """What step 1 needs to verify a password outside any transaction: the hash is checked
    without holding a database lock (argon2 takes ~150 ms on purpose)."""

    key: str
    account_id: int | None
    stored_hash: str
    refusal: Outcome | None = None
    #: the failure recorded up front (taken back on success), so that a burst of
    #: parallel attempts sees every one of them and the delay holds
    attempt_id: int | None = None


def prepare(session: Session, ctx: Context, *, username: str) -> PasswordCheck:
    """Step 1a: throttle decision and the hash to verify against (a dummy for unknown or
    unusable accounts, so timing does not tell them apart)."""
    username = username[: MAX_USERNAME + 1]
    key = username_key(ctx.secret, username)
    account = find_account(session, username) if len(username) <= MAX_USERNAME else None
    decision = throttling.decide(session, ctx, key, account)
    if not decision.allowed:
        log(session, ctx, "login_refused", account, details={"locked": decision.locked})
        refusal = _refusal(decision.locked, decision.retry_after_seconds)
        return PasswordCheck(key, None, _dummy_hash(), refusal)
    attempt = throttling.add_failure(session, ctx, key, account, "password")
    usable = account is not None and account.is_active and bool(account.password_hash)
    if not usable or account is None or account.password_hash is None:
        return PasswordCheck(key, None, _dummy_hash(), attempt_id=attempt)
    return PasswordCheck(key, account.id, account.password_hash, attempt_id=attempt)


def verify(check: PasswordCheck, password: str) -> bool:
    """Step 1b, outside any transaction."""
    if len(password) > MAX_LENGTH:
        verify_password(_dummy_hash(), "x")
        return False
    return verify_password(check.stored_hash, password) and check.account_id is not None


def conclude(
    session: Session, ctx: Context, check: PasswordCheck, *, matched: bool, password: str
) -> Outcome:
    """Step 1c: record the failure, or open a pending session owing the code."""
    account = session.get(Account, check.account_id) if check.account_id else None
    if account is not None and account.locked_at is not None:
        return Outcome(error="auth.locked")
    if not matched or account is None or account.password_hash != check.stored_hash:
        return _failed(session, ctx, check.key, account, "password", recorded=True)
    if check.attempt_id is not None:
        throttling.withdraw(session, check.attempt_id)
    if needs_rehash(check.stored_hash):
        account.password_hash = hash_password(password)
    stage = STAGE_CODE if account.totp_confirmed_at else STAGE_ENROL
    token = _open_session(session, ctx, account, stage)
    log(session, ctx, "login_password_ok", account)
    return Outcome(token=token, stage=stage)


def begin(session: Session, ctx: Context, *, username: str, password: str) -> Outcome:
    """Step 1 in one go (command line and tests); the HTTP route runs the three parts
    separately so that no lock is held while the hash is computed."""
    check = prepare(session, ctx, username=username)
    if check.refusal is not None:
        return check.refusal
    matched = verify(check, password)
    return conclude(session, ctx, check, matched=matched, password=password)


def _failed(
    session: Session,
    ctx: Context,
    key: str,
    account: Account | None,
    kind: str,
    *,
    recorded: bool = False,
) -> Outcome:
    if not recorded:
        throttling.add_failure(session, ctx, key, account, kind)
    locked_now = throttling.apply_lockout(session, ctx, key, account)
    log(session, ctx, f"login_failed_{kind}", account)
    outcome = Outcome(error="auth.invalid")
    if locked_now and account is not None:
        log(session, ctx, "account_locked", account)
        mail = notice(account, "locked", ctx.origin)
        outcome.mails += [mail] if mail else []
    return outcome


def _open_session(session: Session, ctx: Context, account: Account, stage: str) -> str:
    token = new_token()
    assert account.id is not None
    session.add(
        LoginSession(
            token_hash=keyed_hash(ctx.secret, token),
            account_id=account.id,
            stage=stage,
            created_at=ctx.now,
            last_seen_at=ctx.now,
            ip=ctx.access.ip,
            user_agent=ctx.access.agent[:300],
        )
    )
    session.flush()
    return token


def pending(session: Session, ctx: Context, token: str, stage: str) -> LoginSession | None:
    """A not-yet-active session in ``stage``, still within its short pending window."""
    if not token:
        return None
    row = session.exec(
        select(LoginSession).where(LoginSession.token_hash == keyed_hash(ctx.secret, token))
    ).first()
    if row is None or row.ended_at is not None or row.stage != stage:
        return None
    if ctx.now - row.last_seen_at > rules.PENDING_TIMEOUT:  # set when the stage began
        return None
    return row


def complete(session: Session, ctx: Context, *, token: str, code: str) -> Outcome:
    """Step 2: the TOTP code. Each time step is accepted once per account."""
    row = pending(session, ctx, token, STAGE_CODE)
    account = session.get(Account, row.account_id) if row else None
    secret = secrets_box.account_secret(account) if account else None
    if row is None or account is None or not secret:
        return Outcome(error="auth.session_expired")
    key = username_key(ctx.secret, account.username)
    decision = throttling.decide(session, ctx, key, account)
    if not decision.allowed:
        return _refusal(decision.locked, decision.retry_after_seconds)
    code = code[:MAX_CODE_INPUT]
    step = totp.accept(secret, code, ctx.now, account.totp_last_step)
    if step is None or not claim_step(session, account, step):
        if totp.is_replay(secret, code, ctx.now, account.totp_last_step):
            return _replayed(session, ctx, key, account)
        return _failed(session, ctx, key, account, "code")
    return activate(session, ctx, row, account)


def claim_step(session: Session, account: Account, step: int) -> bool:
    """Record ``step`` as used unless a concurrent request used it (or a later one) first."""
    claimed = session.execute(
        update(Account)
        .where(
            col(Account.id) == account.id,
            (col(Account.totp_last_step).is_(None)) | (col(Account.totp_last_step) < step),
        )
        .values(totp_last_step=step)
    )
    session.refresh(account)
    return bool(claimed.rowcount == 1)  # type: ignore[attr-defined]


def _replayed(session: Session, ctx: Context, key: str, account: Account) -> Outcome:
    outcome = _failed(session, ctx, key, account, "replay")
    log(session, ctx, "totp_replay_refused", account)
    mail = notice(account, "replay", ctx.origin)
    outcome.mails += [mail] if mail else []
    return outcome


def activate(session: Session, ctx: Context, row: LoginSession, account: Account) -> Outcome:
    """Promote a pending session: a fresh token (no fixation), stage active, code time."""
    token = new_token()
    row.token_hash = keyed_hash(ctx.secret, token)
    row.stage = STAGE_ACTIVE
    row.last_totp_at = row.last_seen_at = ctx.now
    account.last_login_at = ctx.now
    session.add_all([row, account])
    log(session, ctx, "login_success", account)
    return Outcome(token=token, stage=STAGE_ACTIVE)


def recovery(session: Session, ctx: Context, *, token: str, code: str) -> Outcome:
    """Lost phone: a recovery code instead of the TOTP code; TOTP must then be set up anew."""
    row = pending(session, ctx, token, STAGE_CODE)
    account = session.get(Account, row.account_id) if row else None
    if row is None or account is None:
        return Outcome(error="auth.session_expired")
    key = username_key(ctx.secret, account.username)
    decision = throttling.decide(session, ctx, key, account)
    if not decision.allowed:
        return _refusal(decision.locked, decision.retry_after_seconds)
    if not use_recovery_code(session, ctx, account, code):
        return _failed(session, ctx, key, account, "recovery")
    new = new_token()
    row.token_hash, row.stage, row.last_seen_at = keyed_hash(ctx.secret, new), STAGE_ENROL, ctx.now
    session.add(row)
    log(session, ctx, "recovery_code_used", account)
    mail = notice(account, "recovery_used", ctx.origin)
    return Outcome(token=new, stage=STAGE_ENROL, mails=[mail] if mail else [])


def normalise_recovery_code(raw: str) -> str:
    return "".join(ch for ch in raw.upper()[:MAX_CODE_INPUT] if ch.isalnum())


def use_recovery_code(session: Session, ctx: Context, account: Account, raw: str) -> bool:
    digest = keyed_hash(ctx.secret, "recovery:" + normalise_recovery_code(raw))
    found = session.exec(
        select(RecoveryCode).where(
            RecoveryCode.account_id == account.id,
            RecoveryCode.code_hash == digest,
            col(RecoveryCode.used_at).is_(None),
        )
    ).first()
    if found is None:
        return False
    found.used_at = ctx.now
    session.add(found)
    return True


# --- use cases: each step one unit, run without a session (``runner.run_public``). Their
# mail stays in the Outcome: the route sends it after the answer, so how long the answer
# takes never tells whether an account exists or was just locked. ---


def do_prepare(username: str, *, ctx: Ctx) -> PasswordCheck:
    """Step 1a in its own unit; the hash is then checked outside any transaction."""
    return prepare(ctx.session, ctx, username=username)


def do_conclude(check: PasswordCheck, password: str, *, matched: bool, ctx: Ctx) -> Outcome:
    return conclude(ctx.session, ctx, check, matched=matched, password=password)


def do_complete(token: str, code: str, *, ctx: Ctx) -> Outcome:
    return complete(ctx.session, ctx, token=token, code=code)


def do_recovery(token: str, code: str, *, ctx: Ctx) -> Outcome:
    return recovery(ctx.session, ctx, token=token, code=code)
