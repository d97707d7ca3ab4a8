"""Invitation → password → TOTP (QR) → recovery codes. Nobody reaches a portal page before
the TOTP secret is confirmed with a code."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, col, select

from kwportal.domain import totp
from kwportal.domain.passwords import password_problems
from kwportal.domain.policy import Actor
from kwportal.domain.roles import STAFF_ROLES, Role
from kwportal.models import Account, Employee, LoginSession, OneTimeToken, RecoveryCode
from kwportal.services.auth import login, secrets_box
from kwportal.services.auth.common import Context, Outcome, keyed_hash, log, new_token
from kwportal.services.auth.notices import notice
from kwportal.services.auth.passwords import hash_password
from kwportal.services.auth.sessions import end_all
from kwportal.services.unit import Ctx, use_case
from kwportal.settings import get_settings

INVITATION_VALIDITY = timedelta(hours=72)
RESET_VALIDITY = timedelta(hours=1)
RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PURPOSE_INVITATION = "invitation"
PURPOSE_RESET = "password_reset"


@dataclass(frozen=True, slots=True)
class NewAccount:
    username: str
    display_name: str
    email: str
    role: Role
    organisation_id: int | None = None
    employee_id: int | None = None
    language: str = "nl"


def may_invite(actor: Actor, new: NewAccount) -> bool:
    """Admins create any account; the care team creates employee accounts for employees of
    the employers it serves; the command line (system) bootstraps."""
    if actor.role in (Role.ADMIN, Role.SYSTEM):
        return True
    if actor.role in (Role.COMPANY_DOCTOR, Role.CARE_TEAM) and new.role is Role.EMPLOYEE:
        return new.organisation_id in actor.employer_ids
    return False


def _employee_matches(session: Session, new: NewAccount) -> bool:
    """An account bound to an employee must name that employee's own employer."""
    if new.employee_id is None:
        return True
    person = session.get(Employee, new.employee_id)
    return person is not None and person.organisation_id == new.organisation_id


def invite(session: Session, ctx: Context, actor: Actor, new: NewAccount) -> Outcome:
    allowed = may_invite(actor, new) and new.role is not Role.SYSTEM
    if not allowed or not _employee_matches(session, new):
        return Outcome(error="auth.not_allowed")
    username = new.username.strip().lower()
    if not username or len(username) > 150 or login.find_account(session, username):
        return Outcome(error="auth.username_taken")
    account = Account(
        username=username,
        display_name=new.display_name.strip()[:200],
        email=new.email.strip()[:254],
        role=str(new.role),
        organisation_id=new.organisation_id,
        employee_id=new.employee_id,
        language=new.language if new.language in ("nl", "en") else "nl",
    )
    session.add(account)
    session.flush()
    token = _one_time(session, ctx, account, PURPOSE_INVITATION, actor.account_id)
    log(
        session,
        ctx,
        "account_invited",
        account,
        details={"by": actor.account_id, "staff": new.role in STAFF_ROLES},
    )
    mail = notice(account, "invitation", ctx.origin, link=f"{ctx.origin}/invite?token={token}")
    return Outcome(token=token, mails=[mail] if mail else [])


def _one_time(
    session: Session, ctx: Context, account: Account, purpose: str, by: int | None
) -> str:
    token = new_token()
    validity = INVITATION_VALIDITY if purpose == PURPOSE_INVITATION else RESET_VALIDITY
    assert account.id is not None
    session.add(
        OneTimeToken(
            token_hash=keyed_hash(ctx.secret, token),
            account_id=account.id,
            purpose=purpose,
            created_at=ctx.now,
            expires_at=ctx.now + validity,
            created_by_account_id=by,
        )
    )
    return token


def redeem(session: Session, ctx: Context, token: str, purpose: str) -> OneTimeToken | None:
    """A valid, unused, unexpired token of ``purpose`` (not yet marked used)."""
    if not token or len(token) > 100:
        return None
    row = session.exec(
        select(OneTimeToken).where(OneTimeToken.token_hash == keyed_hash(ctx.secret, token))
    ).first()
    if row is None or row.purpose != purpose or row.used_at is not None:
        return None
    return row if row.expires_at > ctx.now else None


def check_new_password(account: Account, password: str, repeated: str) -> str:
    if password != repeated:
        return "password_mismatch"
    attributes = (account.username, account.display_name, account.email)
    problems = password_problems(password, user_attributes=attributes)
    return problems[0] if problems else ""


def accept_invitation(
    session: Session, ctx: Context, *, token: str, password: str, repeated: str
) -> Outcome:
    row = redeem(session, ctx, token, PURPOSE_INVITATION)
    account = session.get(Account, row.account_id) if row else None
    if row is None or account is None or account.password_hash:
        return Outcome(error="auth.link_invalid")
    problem = check_new_password(account, password, repeated)
    if problem:
        return Outcome(error=f"auth.{problem}")
    account.password_hash = hash_password(password)
    account.password_changed_at = row.used_at = ctx.now
    session.add_all([account, row])
    log(session, ctx, "invitation_accepted", account)
    return Outcome(
        token=login._open_session(session, ctx, account, login.STAGE_ENROL), stage=login.STAGE_ENROL
    )


def enrolment_secret(session: Session, ctx: Context, token: str) -> tuple[str, str] | None:
    """(secret, otpauth URI) for the pending enrolment; the same until confirmed."""
    row = login.pending(session, ctx, token, login.STAGE_ENROL)
    account = session.get(Account, row.account_id) if row else None
    if row is None or account is None:
        return None
    secret = secrets_box.pending_secret(row)
    if not secret:
        secret = totp.new_secret()
        secrets_box.set_pending_secret(row, secret)
        session.add(row)
    uri = totp.provisioning_uri(
        secret, username=account.username, issuer=get_settings().totp_issuer
    )
    return secret, uri


def confirm_enrolment(session: Session, ctx: Context, *, token: str, code: str) -> Outcome:
    row = login.pending(session, ctx, token, login.STAGE_ENROL)
    account = session.get(Account, row.account_id) if row else None
    secret = secrets_box.pending_secret(row) if row else None
    if row is None or account is None or not secret:
        return Outcome(error="auth.session_expired")
    step = totp.accept(secret, code, ctx.now, None)
    if step is None:
        log(session, ctx, "totp_enrol_failed", account)
        return Outcome(error="auth.invalid_code")
    secrets_box.set_account_secret(account, secret)
    secrets_box.set_pending_secret(row, None)
    account.totp_confirmed_at, account.totp_last_step = ctx.now, step
    assert account.id is not None
    end_all(session, ctx, account.id, "totp_changed", keep=row.id)
    log(session, ctx, "totp_enrolled", account)
    outcome = login.activate(session, ctx, row, account)
    outcome.data = new_recovery_codes(session, ctx, account)
    return outcome


def new_recovery_codes(session: Session, ctx: Context, account: Account) -> list[str]:
    """Ten fresh single-use codes (old ones void); shown once, stored as keyed hashes."""
    old = session.exec(
        select(RecoveryCode).where(
            RecoveryCode.account_id == account.id, col(RecoveryCode.used_at).is_(None)
        )
    ).all()
    for code_row in old:
        code_row.used_at = ctx.now
        session.add(code_row)
    codes = [
        "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
        for _ in range(RECOVERY_CODE_COUNT)
    ]
    assert account.id is not None
    for code in codes:
        digest = keyed_hash(ctx.secret, "recovery:" + code)
        session.add(RecoveryCode(account_id=account.id, code_hash=digest, created_at=ctx.now))
    log(session, ctx, "recovery_codes_issued", account)
    return [f"{c[:5]}-{c[5:]}" for c in codes]


def recovery_codes_left(session: Session, account_id: int) -> int:
    rows = session.exec(
        select(RecoveryCode.id).where(
            RecoveryCode.account_id == account_id, col(RecoveryCode.used_at).is_(None)
        )
    )
    return len(list(rows))


def begin_totp_change(session: Session, ctx: Context, signed_in_session_id: int) -> Outcome:
    """A new authenticator app from the security page (after step-up): the current session
    becomes an enrolment; the old secret stays valid until the new one is confirmed."""
    row = session.get(LoginSession, signed_in_session_id)
    account = session.get(Account, row.account_id) if row else None
    if row is None or account is None or row.ended_at is not None:
        return Outcome(error="auth.session_expired")
    token = new_token()
    row.token_hash, row.stage, row.last_seen_at = keyed_hash(ctx.secret, token), "enrol", ctx.now
    secrets_box.set_pending_secret(row, None)
    session.add(row)
    log(session, ctx, "totp_change_started", account)
    return Outcome(token=token, stage=login.STAGE_ENROL)


def pending_enrolment(session: Session, ctx: Context, token: str) -> LoginSession | None:
    return login.pending(session, ctx, token, login.STAGE_ENROL)


# --- use cases: one unit each. Enrolment runs without an active session
# (``runner.run_public``); a new set of codes or a new authenticator app is a signed-in act
# that needs a fresh code (``step_up``), which the runner checks. ---


def do_accept_invitation(token: str, password: str, repeated: str, *, ctx: Ctx) -> Outcome:
    return accept_invitation(ctx.session, ctx, token=token, password=password, repeated=repeated)


def do_enrolment_secret(token: str, *, ctx: Ctx) -> tuple[str, str] | None:
    return enrolment_secret(ctx.session, ctx, token)


def do_confirm_enrolment(token: str, code: str, *, ctx: Ctx) -> Outcome:
    return confirm_enrolment(ctx.session, ctx, token=token, code=code)


@use_case(step_up=True)
def do_new_recovery_codes(actor: Actor, *, ctx: Ctx) -> list[str]:
    """Ten fresh codes for the signed-in account, shown once by the route."""
    account = ctx.session.get(Account, actor.account_id)
    assert account is not None  # the runner built the actor from it in this unit
    return new_recovery_codes(ctx.session, ctx, account)


@use_case(step_up=True)
def do_begin_totp_change(actor: Actor, *, ctx: Ctx) -> Outcome:
    """The current session becomes an enrolment for a new authenticator app."""
    assert ctx.signed_in is not None
    return begin_totp_change(ctx.session, ctx, ctx.signed_in.session_id)
