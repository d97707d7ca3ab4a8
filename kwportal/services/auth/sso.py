"""Sign-in through an organisation's own OpenID Connect provider (issue 19 item 6): the
database side. The network side (discovery, code exchange, ID token checks) is
``services/auth/oidc.py``; the route runs it between these units, outside any transaction.

A sign-in links only to an account that already exists: one of the provider's organisation
(for the arbodienst's own provider: a staff account without organisation), with the ID
token's e-mail address, verified by the provider. Nobody is signed up here. Proof of
multi-factor in the ID token (``amr``/``acr`` as registered) gives a full session; without
it the portal still asks for its own TOTP code (the second step of the password sign-in)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from kwportal.domain.roles import STAFF_ROLES, Role
from kwportal.models import Account, SingleSignOn, SsoAttempt
from kwportal.services.auth import login, secrets_box
from kwportal.services.auth.common import Context, Outcome, keyed_hash, log
from kwportal.services.unit import Ctx

#: how long a sign-in sent to the provider may take to come back
ATTEMPT_VALIDITY = timedelta(minutes=10)
MAX_EMAIL = 254


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


def _refuse(session: Session, ctx: Context, reason: str, sso_id: int | None) -> None:
    log(session, ctx, "sso_refused", None, details={"reason": reason[:60], "sso": sso_id})


def find_provider(session: Session, ctx: Context, email: str) -> Target | None:
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
        SsoAttempt(state_hash=keyed_hash(ctx.secret, state), sso_id=sso_id, created_at=ctx.now)
    )
    log(session, ctx, "sso_started", None, details={"sso": sso_id})
    return state


def claim_attempt(session: Session, ctx: Context, state: str) -> Claimed | None:
    """The sign-in of ``state``, marked answered: a state is answered once, within
    :data:`ATTEMPT_VALIDITY`, by a provider that is still enabled."""
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


def sign_in(session: Session, ctx: Context, sso_id: int, claims: dict[str, Any]) -> Outcome:
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
        return login.activate(session, ctx, pending, account)
    stage = login.STAGE_CODE if account.totp_confirmed_at else login.STAGE_ENROL
    log(session, ctx, "sso_login_code_owed", account, details=details)
    return Outcome(token=login._open_session(session, ctx, account, stage), stage=stage)


# --- use cases, each one unit without a session (``runner.run_public``) ---


def do_find_provider(email: str, *, ctx: Ctx) -> Target | None:
    return find_provider(ctx.session, ctx, email)


def do_open_attempt(sso_id: int, *, ctx: Ctx) -> str:
    return open_attempt(ctx.session, ctx, sso_id)


def do_claim_attempt(state: str, *, ctx: Ctx) -> Claimed | None:
    return claim_attempt(ctx.session, ctx, state)


def do_refuse(reason: str, sso_id: int | None, *, ctx: Ctx) -> None:
    _refuse(ctx.session, ctx, reason, sso_id)


def do_sign_in(sso_id: int, claims: dict[str, Any], *, ctx: Ctx) -> Outcome:
    return sign_in(ctx.session, ctx, sso_id, claims)
