"""Accounts, care teams and which employers a team serves."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from kwportal.models.base import utcnow


class Account(SQLModel, table=True):
    """A login. ``organisation_id`` binds an employer contact; ``employee_id`` an
    employee. Credentials are hashed; they never leave the service layer."""

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=150, unique=True)
    display_name: str = Field(max_length=200)
    email: str = Field(default="", max_length=254)
    role: str = Field(max_length=30, index=True)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    employee_id: int | None = Field(default=None, foreign_key="employee.id", index=True)
    language: str = Field(default="nl", max_length=5)
    password_hash: str | None = Field(default=None, max_length=255)
    #: sealed (AES-GCM, services/auth/secrets_box.py): a dump alone yields no second factor
    totp_secret: str | None = Field(default=None, max_length=255)
    totp_confirmed_at: datetime | None = None
    #: the last TOTP time step accepted: each step is accepted once (replay refusal)
    totp_last_step: int | None = None
    password_changed_at: datetime | None = None
    locked_at: datetime | None = None
    #: failures before this moment no longer count (set by unlock and password reset)
    failures_reset_at: datetime | None = None
    last_login_at: datetime | None = None
    is_active: bool = True
    is_demo: bool = False
    created_at: datetime = Field(default_factory=utcnow)


class CareTeam(SQLModel, table=True):
    """A company doctor (bedrijfsarts) and the members of his team."""

    __tablename__ = "care_team"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=150)
    doctor_account_id: int = Field(foreign_key="account.id", unique=True)
    created_at: datetime = Field(default_factory=utcnow)


class TeamMember(SQLModel, table=True):
    __tablename__ = "team_member"

    id: int | None = Field(default=None, primary_key=True)
    care_team_id: int = Field(foreign_key="care_team.id", index=True)
    account_id: int = Field(foreign_key="account.id", unique=True)
    created_at: datetime = Field(default_factory=utcnow)
    #: the doctor lets this care-team member release employer feedback in his name
    may_release: bool = Field(default=False)


class TeamAssignment(SQLModel, table=True):
    """Which employers a care team serves; this is the scope of doctor and team."""

    __tablename__ = "team_assignment"

    id: int | None = Field(default=None, primary_key=True)
    care_team_id: int = Field(foreign_key="care_team.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id", unique=True)
    created_at: datetime = Field(default_factory=utcnow)
