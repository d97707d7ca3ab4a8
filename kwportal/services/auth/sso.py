"""Sign-in through an organisation's own OpenID Connect provider (issue 19 item 6): the
database side. The network side (discovery, code exchange, ID token checks) is
``services/auth/oidc.py``; the route runs it between these units, outside any transaction.

A sign-in links only to an account that already exists: one of the provider's organisation
(for the arbodienst's own provider: a staff account without organisation), with the ID
token's e-mail address, verified by the provider. Nobody is signed up here. Proof of
multi-factor in the ID token (``amr``/``acr`` as registered) gives a full session; without
it the portal still asks for its own TOTP code (the second step of the password sign-in).

The session a sign-in opens keeps the provider's ID token, sealed and bound to that session
(``SsoSession``), for one purpose: logging out at the provider too (RP-Initiated Logout,
``id_token_hint``). Logout takes it and deletes it (:func:`farewell`).

Starts and answers are limited per client address like the password sign-in: the failed
sign-in steps of an address (``AuthFailure``, shared with the password form) and the starts
of an address within a window."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from kwportal.domain import throttle
from kwportal.domain.roles import STAFF_ROLES, Role
from kwportal.models import Account, AuthFailure, LoginSession, SingleSignOn, SsoAttempt, SsoSession
from kwportal.services.auth import login, secrets_box
from kwportal.services.auth.common import Context, Outcome, keyed_hash, log
from kwportal.services.unit import Ctx

#: how long a sign-in sent to the provider may take to come back
ATTEMPT_VALIDITY = timedelta(minutes=10)
MAX_EMAIL = 254
#: sign-ins sent to a provider from one client address within the window (a whole office
#: behind one address signs in on a Monday morning: generous, but bounded)
STARTS_PER_IP = 60
START_WINDOW = timedelta(minutes=15)
#: the kind of an ``AuthFailure`` row of a refused single sign-on step
FAILURE_KIND = "sso"
#: refusals that are not the client's doing (the provider down or misconfigured, switched
#: off by the administrator; its logout unreachable): not counted against the address
NOT_COUNTED = ("discovery_", "issuer_mismatch", "jwks_failed", "token_unreachable", "logout_")
NOT_COUNTED_EXACT = frozenset({"provider_disabled"})
#: a longer ID token is not kept (the logout then names the client alone)
MAX_ID_TOKEN = 8000


@dataclass(frozen=True, slots=True)
class Target:
    """What the route needs to send a person to the provider (no secret)."""

    sso_id: int
    issuer: str
    client_id: str


@dataclass(frozen=True, slots=True)
class Claimed:
    """An answered sign-in: the provider's client, its secret opened for the exchange."""

    sso_id: int
    issuer: str
    client_id: str
    client_secret: str


@dataclass(frozen=True, slots=True)
class Throttled:
    """Too many sign-ins or failures from this address: try again after ``retry_after``."""

    retry_after: int


@dataclass(frozen=True, slots=True)
class Farewell:
    """What logging out at the provider needs; the ID token opened (never logged)."""

    sso_id: int
    issuer: str
    client_id: str
    id_token: str
    language: str


def set_client_secret(row: SingleSignOn, plain: str) -> None:
    row.client_secret = secrets_box.keyring().seal(plain, aad=secrets_box.sso_client_aad(row.id))


def client_secret(row: SingleSignOn) -> str:
    return secrets_box.keyring().open(row.client_secret, aad=secrets_box.sso_client_aad(row.id))


def email_domain(email: str) -> str:
    local, _, domain = email.strip().lower()[:MAX_EMAIL].rpartition("@")
    return domain if local and "." in domain else ""


def values(text: str) -> frozenset[str]:
    return frozenset(v.strip() for v in text.split(",") if v.strip())


def proves_mfa(claims: dict[str, Any], row: SingleSignOn) -> bool:
    """Any registered ``amr`` value among the token's ``amr`` (RFC 8176), or its ``acr``
    among the registered ``acr`` values."""
    amr = claims.get("amr")
    listed = {str(v) for v in amr} if isinstance(amr, list) else set()
    acr = str(claims.get("acr") or "")
    return bool(listed & values(row.amr_values)) or (bool(acr) and acr in values(row.acr_values))


#: binds a sealed ID token to its own portal session (in secrets_box, which reseals them
#: on ``kwportal rotate-key``)
id_token_aad = secrets_box.id_token_aad


def _ip_key(ctx: Context) -> str:
    return keyed_hash(ctx.secret, "sso-ip:" + ctx.access.ip)


def counted(reason: str) -> bool:
    return reason not in NOT_COUNTED_EXACT and not reason.startswith(NOT_COUNTED)


def _refuse(session: Session, ctx: Context, reason: str, sso_id: int | None) -> None:
    log(session, ctx, "sso_refused", None, details={"reason": reason[:60], "sso": sso_id})
    if counted(reason):  # a failed sign-in step of this address, as a wrong password is
        session.add(
            AuthFailure(
                username_key=_ip_key(ctx), ip=ctx.access.ip, kind=FAILURE_KIND, occurred_at=ctx.now
            )
        )


def failures_decision(session: Session, ctx: Context) -> throttle.Decision:
    """The per-address limit of the password sign-in (``throttle.ip_decision``) over the
    failed sign-in steps of this address, SSO and password alike."""
    times = session.exec(
        select(AuthFailure.occurred_at).where(
            AuthFailure.ip == ctx.access.ip,
            col(AuthFailure.occurred_at) > ctx.now - throttle.IP_WINDOW,
        )
    )
    return throttle.ip_decision(list(times), ctx.now)


def start_decision(session: Session, ctx: Context) -> throttle.Decision:
    """The failures limit, then at most :data:`STARTS_PER_IP` starts per window."""
    by_failures = failures_decision(session, ctx)
    if not by_failures.allowed:
        return by_failures
    times = session.exec(
        select(SsoAttempt.created_at).where(
            SsoAttempt.ip_key == _ip_key(ctx),
            col(SsoAttempt.created_at) > ctx.now - START_WINDOW,
        )
    )
    return throttle.window_decision(list(times), ctx.now, limit=STARTS_PER_IP, window=START_WINDOW)


def _throttled(session: Session, ctx: Context, step: str, decision: throttle.Decision) -> Throttled:
    log(session, ctx, "sso_throttled", None, details={"step": step})
    return Throttled(max(decision.retry_after_seconds, 1))


def find_provider(session: Session, ctx: Context, email: str) -> Target | Throttled | None:
    decision = start_decision(session, ctx)
    if not decision.allowed:
        return _throttled(session, ctx, "start", decision)
    domain = email_domain(email)
    row = (
        session.exec(
            select(SingleSignOn).where(SingleSignOn.email_domain == domain, SingleSignOn.enabled)
        ).first()
        if domain
        else None
    )
    if row is None or row.id is None:
        _refuse(session, ctx, "no_provider", None)
        return None
    return Target(row.id, row.issuer, row.client_id)


def open_attempt(session: Session, ctx: Context, sso_id: int) -> str:
    state = secrets.token_urlsafe(32)
    session.add(
        SsoAttempt(
            state_hash=keyed_hash(ctx.secret, state),
            sso_id=sso_id,
            ip_key=_ip_key(ctx),
            created_at=ctx.now,
        )
    )
    log(session, ctx, "sso_started", None, details={"sso": sso_id})
    return state


def claim_attempt(session: Session, ctx: Context, state: str) -> Claimed | Throttled | None:
    """The sign-in of ``state``, marked answered: a state is answered once, within
    :data:`ATTEMPT_VALIDITY`, by a provider that is still enabled; not at all from an
    address with too many failed sign-in steps."""
    decision = failures_decision(session, ctx)
    if not decision.allowed:
        return _throttled(session, ctx, "callback", decision)
    attempt = (
        session.exec(
            select(SsoAttempt).where(SsoAttempt.state_hash == keyed_hash(ctx.secret, state))
        ).first()
        if state
        else None
    )
    if attempt is None:
        _refuse(session, ctx, "state_unknown", None)
        return None
    if attempt.used_at is not None or ctx.now - attempt.created_at > ATTEMPT_VALIDITY:
        _refuse(
            session, ctx, "state_reused" if attempt.used_at else "state_expired", attempt.sso_id
        )
        return None
    attempt.used_at = ctx.now
    session.add(attempt)
    row = session.get(SingleSignOn, attempt.sso_id)
    if row is None or row.id is None or not row.enabled:
        _refuse(session, ctx, "provider_disabled", attempt.sso_id)
        return None
    return Claimed(row.id, row.issuer, row.client_id, client_secret(row))


def _linked(session: Session, row: SingleSignOn, email: str) -> Account | None:
    """The one invited account of the provider's organisation with this address."""
    query = select(Account).where(
        func.lower(Account.email) == email.strip().lower(), col(Account.is_active)
    )
    if row.organisation_id is None:
        query = query.where(col(Account.organisation_id).is_(None))
    else:
        query = query.where(Account.organisation_id == row.organisation_id)
    found = [
        a
        for a in session.exec(query).all()
        if row.organisation_id is not None or Role(a.role) in STAFF_ROLES
    ]
    return found[0] if len(found) == 1 else None


def _keep_for_logout(
    session: Session, ctx: Context, account: Account, row: SingleSignOn, token: str, id_token: str
) -> None:
    """Remember the provider and its ID token (sealed) with the session just opened; the
    rows of this account's sessions that ended meanwhile go."""
    opened = session.exec(
        select(LoginSession).where(LoginSession.token_hash == keyed_hash(ctx.secret, token))
    ).one()
    ended = select(LoginSession.id).where(
        LoginSession.account_id == account.id, col(LoginSession.ended_at).is_not(None)
    )
    session.execute(delete(SsoSession).where(col(SsoSession.login_session_id).in_(ended)))
    assert row.id is not None and opened.id is not None
    kept = (
        secrets_box.keyring().seal(id_token, aad=id_token_aad(opened.id))
        if 0 < len(id_token) <= MAX_ID_TOKEN
        else ""
    )
    session.add(
        SsoSession(login_session_id=opened.id, sso_id=row.id, id_token=kept, created_at=ctx.now)
    )


def sign_in(
    session: Session, ctx: Context, sso_id: int, claims: dict[str, Any], id_token: str = ""
) -> Outcome:
    row = session.get(SingleSignOn, sso_id)
    email = str(claims.get("email") or "")
    if row is None or not row.enabled:
        _refuse(session, ctx, "provider_disabled", sso_id)
        return Outcome(error="auth.sso_refused")
    if not email or claims.get("email_verified") is not True:
        _refuse(session, ctx, "email_unverified", sso_id)
        return Outcome(error="auth.sso_not_invited")
    account = _linked(session, row, email)
    if account is None or account.locked_at is not None:
        _refuse(session, ctx, "not_invited" if account is None else "locked", sso_id)
        return Outcome(error="auth.sso_not_invited" if account is None else "auth.locked")
    mfa = proves_mfa(claims, row)
    details: dict[str, object] = {"sso": sso_id, "mfa": mfa}
    if mfa:
        token = login._open_session(session, ctx, account, login.STAGE_CODE)
        pending = login.pending(session, ctx, token, login.STAGE_CODE)
        assert pending is not None
        log(session, ctx, "sso_login", account, details=details)
        outcome = login.activate(session, ctx, pending, account)
    else:
        stage = login.STAGE_CODE if account.totp_confirmed_at else login.STAGE_ENROL
        log(session, ctx, "sso_login_code_owed", account, details=details)
        outcome = Outcome(token=login._open_session(session, ctx, account, stage), stage=stage)
    _keep_for_logout(session, ctx, account, row, outcome.token, id_token)
    return outcome


def farewell(session: Session, ctx: Context, token: str, *, everywhere: bool) -> Farewell | None:
    """At logout: what the provider's logout needs for the session of ``token`` (ended or
    not), taken from the database; ``everywhere`` also drops that of every other session of
    the account. None for a session that no single sign-on opened, or whose provider is
    gone or switched off: the logout stays the portal's own."""
    login_row = (
        session.exec(
            select(LoginSession).where(LoginSession.token_hash == keyed_hash(ctx.secret, token))
        ).first()
        if token
        else None
    )
    if login_row is None or login_row.id is None:
        return None
    kept = session.exec(
        select(SsoSession).where(SsoSession.login_session_id == login_row.id)
    ).first()
    if everywhere:
        theirs = select(LoginSession.id).where(LoginSession.account_id == login_row.account_id)
        session.execute(delete(SsoSession).where(col(SsoSession.login_session_id).in_(theirs)))
    elif kept is not None:
        session.delete(kept)
    if kept is None:
        return None
    row = session.get(SingleSignOn, kept.sso_id)
    id_token = ""
    if kept.id_token:
        try:
            id_token = secrets_box.keyring().open(kept.id_token, aad=id_token_aad(login_row.id))
        except secrets_box.SecretBoxError:  # sealed under a key since retired: no hint
            id_token = ""
    account = session.get(Account, login_row.account_id)
    enabled = row is not None and row.id is not None and row.enabled
    details: dict[str, object] = {"sso": kept.sso_id, "at_provider": enabled}
    details["hint"] = bool(id_token)
    log(session, ctx, "sso_logout", account, details=details)
    if not enabled or row is None:
        return None
    language = account.language if account is not None else ""
    return Farewell(kept.sso_id, row.issuer, row.client_id, id_token, language)


# --- use cases, each one unit without a session (``runner.run_public``) ---


def do_find_provider(email: str, *, ctx: Ctx) -> Target | Throttled | None:
    return find_provider(ctx.session, ctx, email)


def do_open_attempt(sso_id: int, *, ctx: Ctx) -> str:
    return open_attempt(ctx.session, ctx, sso_id)


def do_claim_attempt(state: str, *, ctx: Ctx) -> Claimed | Throttled | None:
    return claim_attempt(ctx.session, ctx, state)


def do_refuse(reason: str, sso_id: int | None, *, ctx: Ctx) -> None:
    _refuse(ctx.session, ctx, reason, sso_id)


def do_sign_in(sso_id: int, claims: dict[str, Any], id_token: str = "", *, ctx: Ctx) -> Outcome:
    return sign_in(ctx.session, ctx, sso_id, claims, id_token)


def do_farewell(token: str, *, everywhere: bool = False, ctx: Ctx) -> Farewell | None:
    return farewell(ctx.session, ctx, token, everywhere=everywhere)
