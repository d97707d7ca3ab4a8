"""What a running case is made of beyond the sick report (issue 15): consult slots, the
Poortwachter documents the employer and employee write, files attached to a case, the two
message threads, and the step notices the task queue has sent."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from kwportal.models.base import utcnow


class ConsultSlot(SQLModel, table=True):
    """A bookable time of a doctor or team member (spreekuur). A slot is free while no
    appointment points at it (``appointment.slot_id`` is unique)."""

    __tablename__ = "consult_slot"
    __table_args__ = (UniqueConstraint("account_id", "starts_at", name="uq_consult_slot_time"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    starts_at: datetime = Field(index=True)
    minutes: int = Field(default=30)
    #: location | phone | video
    place_kind: str = Field(default="location", max_length=10)
    place: str = Field(default="", max_length=200)
    created_by_account_id: int | None = Field(default=None, foreign_key="account.id")
    created_at: datetime = Field(default_factory=utcnow)


class CasePlan(SQLModel, table=True):
    """A plan of action (week 8), one of its evaluations (at least every six weeks) or the
    first-year evaluation (week 52): written by the employer, with the employee's own view
    and whether he agrees (both views belong in it since 1 July 2023). Submitting it and
    the employee's response make the Poortwachter step done."""

    __tablename__ = "case_plan"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="sick_leave_case.id", index=True)
    #: plan_of_action | evaluation | first_year_evaluation
    kind: str = Field(max_length=30)
    #: the step's due date this document answers (tells evaluations apart)
    due: date | None = None
    goals: str = Field(default="", max_length=5000)
    employer_view: str = Field(default="", max_length=5000)
    employee_view: str = Field(default="", max_length=5000)
    #: None until the employee responds
    employee_agrees: bool | None = None
    employee_reason: str = Field(default="", max_length=2000)
    #: draft → submitted (to the employee) → agreed | disagreed
    status: str = Field(default="draft", max_length=20)
    written_by_account_id: int | None = Field(default=None, foreign_key="account.id")
    submitted_at: datetime | None = None
    employee_responded_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime | None = None
    #: optimistic lock, as on employer_feedback
    version: int = Field(default=0)


class PlanAction(SQLModel, table=True):
    """An agreed action of a plan of action: what, who, by when."""

    __tablename__ = "plan_action"

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="case_plan.id", index=True)
    description: str = Field(max_length=500)
    owner: str = Field(max_length=200)
    due_on: date
    done_on: date | None = None


class CaseUpload(SQLModel, table=True):
    """A file attached to a case (PDF, JPEG, PNG; type from the bytes; image metadata
    stripped). ``audience`` decides who reads it (domain.policy): ``care`` — sent to the
    care team, medical, read by the team and the employee only; ``case`` — shared between
    employer, case manager, care team and employee."""

    __tablename__ = "case_upload"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="sick_leave_case.id", index=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    uploaded_by_account_id: int | None = Field(default=None, foreign_key="account.id")
    uploader_role: str = Field(default="", max_length=30)
    audience: str = Field(default="care", max_length=10)
    filename: str = Field(max_length=200)
    content_type: str = Field(max_length=40)
    size: int
    sha256: str = Field(max_length=64)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class CaseMessage(SQLModel, table=True):
    """A message in one of a case's two threads: ``care`` (employee ↔ care team,
    medical) or ``employer`` (employer ↔ case manager; its text passed the medical-term
    check; the employee reads it in "what my employer sees")."""

    __tablename__ = "case_message"
    __table_args__ = (Index("ix_case_message_thread", "case_id", "thread", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="sick_leave_case.id", index=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    #: care | employer
    thread: str = Field(max_length=10)
    author_account_id: int | None = Field(default=None, foreign_key="account.id")
    author_role: str = Field(default="", max_length=30)
    body: str = Field(max_length=5000)
    created_at: datetime = Field(default_factory=utcnow)


class MessageRead(SQLModel, table=True):
    """How far an account has read a thread (for the unread counts on /portal)."""

    __tablename__ = "message_read"
    __table_args__ = (UniqueConstraint("account_id", "case_id", "thread", name="uq_message_read"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    case_id: int = Field(foreign_key="sick_leave_case.id", index=True)
    thread: str = Field(max_length=10)
    last_read_message_id: int = Field(default=0)
    read_at: datetime = Field(default_factory=utcnow)


class StepNotice(SQLModel, table=True):
    """An overdue-step notice the task queue sent: the unique key makes it go out once,
    however many workers race for it."""

    __tablename__ = "step_notice"
    __table_args__ = (UniqueConstraint("case_id", "step", "due", name="uq_step_notice"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="sick_leave_case.id", index=True)
    step: str = Field(max_length=40)
    due: date
    sent_at: datetime = Field(default_factory=utcnow)
