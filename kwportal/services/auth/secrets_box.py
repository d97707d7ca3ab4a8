"""TOTP secrets sealed at rest (issue 16, item 3): a database dump alone yields no working
second factor.

AES-256-GCM under a key from the environment (``KWPORTAL_TOTP_KEY``; generated into
``data/`` in demo mode), never stored in the database. A sealed value reads
``v1.<key id>.<base64url(nonce || ciphertext)>``: the key id (a fingerprint of the key, not
the key) says which key opens it, so ``kwportal rotate-key`` can move every secret from
``KWPORTAL_TOTP_KEY_OLD`` to the new key, and the portal reads both while it runs. The
associated data binds each value to its account (and to its use, active or pending): a
sealed secret copied onto another account's row does not open.

This module is the only reader and writer of ``Account.totp_secret`` and
``LoginSession.pending_totp_secret``; it also reseals the organisations' sign-in client
secrets (``SingleSignOn.client_secret``) and the providers' ID tokens kept for the logout
(``SsoSession.id_token``), both sealed by services/auth/sso.py, on rotation.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlmodel import Session, col, select

from kwportal.models import Account, LoginSession, SingleSignOn, SsoSession
from kwportal.settings import Settings, decode_key, get_settings

VERSION = "v1"
NONCE_BYTES = 12
KEY_ID_CHARS = 8


class SecretBoxError(RuntimeError):
    """A sealed secret that the configured keys cannot open; the message says what to do."""


def key_id(key: bytes) -> str:
    """A short fingerprint naming the key in each sealed value (it does not reveal it)."""
    return hashlib.sha256(b"kwportal-totp-key-id:" + key).hexdigest()[:KEY_ID_CHARS]


def is_sealed(value: str | None) -> bool:
    """A base32 TOTP secret never contains a dot: anything else is a legacy plain secret."""
    return bool(value) and str(value).startswith(VERSION + ".")


def sealed_key_id(value: str) -> str:
    parts = value.split(".")
    return parts[1] if len(parts) == 3 and parts[0] == VERSION else ""


@dataclass(frozen=True, slots=True)
class Keyring:
    """The key that seals (``current``) and every key that may still open (``old``)."""

    current: bytes
    old: tuple[bytes, ...] = ()

    @property
    def current_id(self) -> str:
        return key_id(self.current)

    def _key(self, kid: str) -> bytes | None:
        for key in (self.current, *self.old):
            if key_id(key) == kid:
                return key
        return None

    def seal(self, plain: str, *, aad: str) -> str:
        nonce = os.urandom(NONCE_BYTES)
        box = AESGCM(self.current).encrypt(nonce, plain.encode(), aad.encode())
        body = base64.urlsafe_b64encode(nonce + box).decode().rstrip("=")
        return f"{VERSION}.{self.current_id}.{body}"

    def open(self, sealed: str, *, aad: str) -> str:
        kid = sealed_key_id(sealed)
        if not kid:
            raise SecretBoxError(
                "a TOTP secret in the database is not sealed: run `kwportal migrate`"
            )
        key = self._key(kid)
        if key is None:
            raise SecretBoxError(
                f"a TOTP secret is sealed with key {kid}, but KWPORTAL_TOTP_KEY is key "
                f"{self.current_id}: set KWPORTAL_TOTP_KEY_OLD to the previous key and run "
                "`kwportal rotate-key`"
            )
        try:
            raw = base64.urlsafe_b64decode(sealed.split(".")[2] + "==")
            plain = AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], aad.encode())
        except (InvalidTag, binascii.Error, ValueError) as error:
            raise SecretBoxError(
                f"a TOTP secret sealed with key {kid} does not open: it was altered or "
                "copied from another account"
            ) from error
        return plain.decode()


def keyring(settings: Settings | None = None) -> Keyring:
    """The keys from the settings (``KWPORTAL_TOTP_KEY`` and ``KWPORTAL_TOTP_KEY_OLD``)."""
    settings = settings or get_settings()
    settings.require_secrets(("totp_key",))
    current = decode_key(settings.totp_key)
    assert current is not None  # require_secrets refused a missing or malformed key
    old = decode_key(settings.totp_key_old) if settings.totp_key_old else None
    return Keyring(current, (old,) if old and old != current else ())


def account_aad(account_id: int | None) -> str:
    if account_id is None:
        raise ValueError("an account is flushed (has its id) before its secret is sealed")
    return f"kwportal:totp:account:{account_id}"


def pending_aad(account_id: int) -> str:
    return f"kwportal:totp:pending:{account_id}"


def sso_client_aad(sso_id: int | None) -> str:
    """An organisation's sign-in client secret (issue 19 item 6), sealed the same way."""
    if sso_id is None:
        raise ValueError("a provider is flushed (has its id) before its secret is sealed")
    return f"kwportal:sso:client:{sso_id}"


def id_token_aad(login_session_id: int | None) -> str:
    """Binds a provider's sealed ID token (kept for the logout, services/auth/sso.py) to its
    own portal session: moved to another row, it does not open."""
    if login_session_id is None:
        raise ValueError("a session is flushed (has its id) before its ID token is sealed")
    return f"kwportal:sso:id_token:{login_session_id}"


def account_secret(account: Account, ring: Keyring | None = None) -> str | None:
    """The account's confirmed TOTP secret in the clear, or None when it has none."""
    if not account.totp_secret:
        return None
    return (ring or keyring()).open(account.totp_secret, aad=account_aad(account.id))


def set_account_secret(account: Account, plain: str | None, ring: Keyring | None = None) -> None:
    sealed = (ring or keyring()).seal(plain, aad=account_aad(account.id)) if plain else None
    account.totp_secret = sealed


def pending_secret(row: LoginSession, ring: Keyring | None = None) -> str | None:
    if not row.pending_totp_secret:
        return None
    return (ring or keyring()).open(row.pending_totp_secret, aad=pending_aad(row.account_id))


def set_pending_secret(row: LoginSession, plain: str | None, ring: Keyring | None = None) -> None:
    sealed = (ring or keyring()).seal(plain, aad=pending_aad(row.account_id)) if plain else None
    row.pending_totp_secret = sealed


@dataclass(frozen=True, slots=True)
class Rotation:
    resealed: int
    already_current: int
    from_keys: tuple[str, ...]
    to_key: str
    #: ID tokens kept for the logout that no configured key opened: forgotten (that logout
    #: then goes to the provider without ``id_token_hint``)
    forgotten: int = 0


def _open_id_token(row: SsoSession, ring: Keyring) -> str | None:
    try:
        return ring.open(row.id_token, aad=id_token_aad(row.login_session_id))
    except SecretBoxError:
        return None


def rotate(session: Session, ring: Keyring) -> Rotation:
    """Reseal every secret under the current key, in the caller's transaction. Opens all of
    them first: one that no configured key opens aborts the whole rotation. Except the ID
    tokens kept for the logout (at most a working day old, only a convenience): one that
    does not open is forgotten, so a lost key never blocks a rotation."""
    accounts = session.exec(select(Account).where(col(Account.totp_secret).is_not(None))).all()
    pending = session.exec(
        select(LoginSession).where(col(LoginSession.pending_totp_secret).is_not(None))
    ).all()
    providers = session.exec(select(SingleSignOn).where(SingleSignOn.client_secret != "")).all()
    plain_accounts = [(a, account_secret(a, ring)) for a in accounts]
    plain_pending = [(r, pending_secret(r, ring)) for r in pending]
    plain_providers = [(p, ring.open(p.client_secret, aad=sso_client_aad(p.id))) for p in providers]
    kept = session.exec(select(SsoSession).where(SsoSession.id_token != "")).all()
    plain_kept = [(k, _open_id_token(k, ring)) for k in kept]
    stored = [a.totp_secret for a in accounts] + [r.pending_totp_secret for r in pending]
    stored += [p.client_secret for p in providers]
    stored += [k.id_token for k, token in plain_kept if token is not None]
    old = sorted({sealed_key_id(v) for v in stored if v} - {ring.current_id})
    moved = 0
    for account, secret in plain_accounts:
        if sealed_key_id(account.totp_secret or "") != ring.current_id:
            set_account_secret(account, secret, ring)
            session.add(account)
            moved += 1
    for row, secret in plain_pending:
        if sealed_key_id(row.pending_totp_secret or "") != ring.current_id:
            set_pending_secret(row, secret, ring)
            session.add(row)
            moved += 1
    for provider, secret in plain_providers:
        if sealed_key_id(provider.client_secret) != ring.current_id:
            provider.client_secret = ring.seal(secret, aad=sso_client_aad(provider.id))
            session.add(provider)
            moved += 1
    forgotten = 0
    for kept_row, token in plain_kept:
        if token is None:
            kept_row.id_token = ""
            forgotten += 1
        elif sealed_key_id(kept_row.id_token) != ring.current_id:
            kept_row.id_token = ring.seal(token, aad=id_token_aad(kept_row.login_session_id))
            moved += 1
        else:
            continue
        session.add(kept_row)
    return Rotation(moved, len(stored) - moved, tuple(old), ring.current_id, forgotten)


def refuse_unknown_keys(session: Session, ring: Keyring | None = None) -> None:
    """At start-up: stop, saying what to do, when stored secrets were sealed with a key
    that is not configured (rather than refusing every sign-in one by one)."""
    ring = ring or keyring()
    stored = session.exec(select(Account.totp_secret).where(col(Account.totp_secret).is_not(None)))
    known = {key_id(k) for k in (ring.current, *ring.old)}
    unknown = {sealed_key_id(v) or "unsealed" for v in stored if v} - known
    if "unsealed" in unknown:
        raise SecretBoxError("TOTP secrets are stored in the clear: run `kwportal migrate`")
    if unknown:
        raise SecretBoxError(
            f"TOTP secrets are sealed with key(s) {', '.join(sorted(unknown))}, but "
            f"KWPORTAL_TOTP_KEY is key {ring.current_id}: set KWPORTAL_TOTP_KEY_OLD to the "
            "previous key and run `kwportal rotate-key`"
        )
