"""Single sign-on (issue 19 item 6): an organisation's own OpenID Connect provider, and the
sign-ins started with it (each state answered once)."""

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
    created_at: datetime = Field(default_factory=utcnow)
    used_at: datetime | None = None
