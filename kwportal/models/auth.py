"""Sign-in records: server-side sessions, one-time tokens, recovery codes, failures.

Only hashes of tokens and codes are stored; the browser holds the session token in an
HttpOnly cookie and nowhere else.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from kwportal.models.base import utcnow


class LoginSession(SQLModel, table=True):
    """``stage``: ``password_ok`` (code still owed), ``enrol`` (TOTP being set up) or
    ``active``. Ended sessions are kept for the "my sessions" history until retention."""

    __tablename__ = "login_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    stage: str = Field(max_length=20)
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow)
    last_totp_at: datetime | None = None
    #: a new TOTP secret during (re-)enrolment, until its first code confirms it; sealed
    pending_totp_secret: str | None = Field(default=None, max_length=255)
    ip: str = Field(default="", max_length=64)
    user_agent: str = Field(default="", max_length=300)
    ended_at: datetime | None = None
    end_reason: str = Field(default="", max_length=30)


class OneTimeToken(SQLModel, table=True):
    """An invitation or password-reset link: random, stored hashed, single use, short-lived."""

    __tablename__ = "one_time_token"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    purpose: str = Field(max_length=20)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_at: datetime | None = None
    created_by_account_id: int | None = Field(default=None, foreign_key="account.id")


class RecoveryCode(SQLModel, table=True):
    __tablename__ = "recovery_code"

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    code_hash: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow)
    used_at: datetime | None = None


class AuthFailure(SQLModel, table=True):
    """One failed sign-in step; counted for throttling and lockout."""

    __tablename__ = "auth_failure"

    id: int | None = Field(default=None, primary_key=True)
    #: HMAC of the lower-cased username as typed: unknown names are throttled alike
    username_key: str = Field(max_length=64, index=True)
    account_id: int | None = Field(default=None, foreign_key="account.id")
    ip: str = Field(default="", max_length=64, index=True)
    kind: str = Field(max_length=20)
    occurred_at: datetime = Field(default_factory=utcnow, index=True)


class ResetRequest(SQLModel, table=True):
    """One "forgot password" request, counted for the limits per address and per IP (the
    counters live here, not in a process: several workers serve one address). Both only as
    keyed hashes, kept one day."""

    __tablename__ = "reset_request"

    id: int | None = Field(default=None, primary_key=True)
    #: HMAC of the address or username as typed: unknown ones are limited alike
    address_key: str = Field(max_length=64, index=True)
    ip_key: str = Field(max_length=64, index=True)
    occurred_at: datetime = Field(default_factory=utcnow, index=True)
