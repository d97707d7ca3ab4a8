"""Retention records: legal holds, runs, job locks and the tombstones of destroyed files."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from kwportal.models.base import utcnow


class LegalHold(SQLModel, table=True):
    """Nothing of this employee's file is destroyed while a hold is active."""

    __tablename__ = "legal_hold"

    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    reason: str = Field(max_length=1000)
    set_by_account_id: int | None = Field(default=None, foreign_key="account.id")
    set_at: datetime = Field(default_factory=utcnow)
    lifted_at: datetime | None = None
    lifted_by_account_id: int | None = Field(default=None, foreign_key="account.id")
    lift_reason: str = Field(default="", max_length=1000)


class RetentionRun(SQLModel, table=True):
    __tablename__ = "retention_run"

    id: int | None = Field(default=None, primary_key=True)
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    run_by: str = Field(max_length=150)
    reference_date: date
    destroyed: int = 0
    status: str = Field(default="running", max_length=20)


class RetentionTombstone(SQLModel, table=True):
    """What remains of a destroyed file: a pseudonym, the date, the rule and the run. No
    personal data."""

    __tablename__ = "retention_tombstone"

    id: int | None = Field(default=None, primary_key=True)
    pseudonym: str = Field(max_length=64, unique=True)
    destroyed_at: datetime = Field(default_factory=utcnow)
    rule: str = Field(max_length=40)
    run_id: int | None = Field(default=None, foreign_key="retention_run.id")
    run_by: str = Field(max_length=150)


class JobLock(SQLModel, table=True):
    """One holder at a time for a named job (e.g. a retention run across workers)."""

    __tablename__ = "job_lock"

    name: str = Field(primary_key=True, max_length=50)
    holder: str = Field(max_length=200)
    acquired_at: datetime = Field(default_factory=utcnow)
