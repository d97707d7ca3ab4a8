"""Single sign-on (issue 19 item 6): an organisation's own OpenID Connect provider, and the
sign-ins started with it (each state answered once), and the sessions it opened (for the
logout at the provider)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from kwportal.models.base import utcnow


class SingleSignOn(SQLModel, table=True):
    """One organisation's provider. ``organisation_id`` None: the arbodienst's own staff.
    People type their e-mail address at sign-in; ``email_domain`` picks the provider.
    ``client_secret`` is sealed like a TOTP secret (services/auth/secrets_box.py)."""

    __tablename__ = "single_sign_on"

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    email_domain: str = Field(max_length=253, unique=True)
    issuer: str = Field(max_length=500)
    client_id: str = Field(max_length=255)
    client_secret: str = Field(max_length=1000)
    #: proof of multi-factor: any of these ``amr`` values, or any of these ``acr`` values
    amr_values: str = Field(default="mfa,otp", max_length=200)
    acr_values: str = Field(default="", max_length=200)
    enabled: bool = True
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by_account_id: int | None = Field(default=None, foreign_key="account.id")


class SsoAttempt(SQLModel, table=True):
    """A sign-in sent to a provider: only the HMAC of its ``state`` is kept (the nonce and
    the PKCE verifier are derived from the state under the server secret), answered once."""

    __tablename__ = "sso_attempt"

    id: int | None = Field(default=None, primary_key=True)
    state_hash: str = Field(max_length=64, unique=True)
    sso_id: int = Field(foreign_key="single_sign_on.id", index=True)
    #: HMAC of the client address that started it: the starts per address are limited
    ip_key: str = Field(default="", max_length=64, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    used_at: datetime | None = None


class SsoSession(SQLModel, table=True):
    """What logging out at the provider needs (OpenID Connect RP-Initiated Logout 1.0): the
    portal session that an SSO sign-in opened, its provider, and the provider's ID token to
    send back as ``id_token_hint``, sealed like a TOTP secret and bound to this session
    (services/auth/secrets_box.py). Deleted when the session is logged out; housekeeping
    deletes those of sessions that ended otherwise."""

    __tablename__ = "sso_session"

    id: int | None = Field(default=None, primary_key=True)
    login_session_id: int = Field(foreign_key="login_session.id", unique=True)
    sso_id: int = Field(foreign_key="single_sign_on.id", index=True)
    #: sealed; empty when the token was too long to keep (logout then names the client)
    id_token: str = Field(default="", max_length=12000)
    created_at: datetime = Field(default_factory=utcnow)
