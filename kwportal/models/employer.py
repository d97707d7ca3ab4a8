"""What the employer records beside a case: Poortwachter steps taken, staged roster uploads."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import LargeBinary, UniqueConstraint
from sqlmodel import Column, Field, SQLModel

from kwportal.models.base import utcnow


class StepCompletion(SQLModel, table=True):
    """A Poortwachter step taken (problem analysis made, plan of action agreed, UWV report
    sent, ...): dates only, never a reason. ``due`` tells the six-weekly evaluations apart."""

    __tablename__ = "step_completion"
    __table_args__ = (UniqueConstraint("case_id", "step", "due", name="uq_step_completion"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="sick_leave_case.id", index=True)
    step: str = Field(max_length=40)
    due: date
    done_on: date
    recorded_by_account_id: int | None = Field(default=None, foreign_key="account.id")
    recorded_at: datetime = Field(default_factory=utcnow)


class RosterUpload(SQLModel, table=True):
    """A roster file between upload and confirmation: nothing reaches ``employee`` before the
    employer saw the preview. Deleted once applied, or a day after the upload."""

    __tablename__ = "roster_upload"

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    filename: str = Field(default="", max_length=200)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    uploaded_at: datetime = Field(default_factory=utcnow)
