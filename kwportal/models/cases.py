"""A sick-leave case and everything recorded in it."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from kwportal.models.base import utcnow


class SickLeaveCase(SQLModel, table=True):
    """One absence of one employee, from the sick report to the recovery report."""

    __tablename__ = "sick_leave_case"
    #: the employer's overview: its open cases in sick-report order, read straight from the
    #: index (a page of 20 costs 20 rows however many cases and employees there are)
    __table_args__ = (
        Index(
            "ix_sick_leave_case_org_open",
            "organisation_id",
            "recovery_date",
            "sick_report_date",
            "id",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    sick_report_date: date = Field(index=True)
    recovery_date: date | None = None
    care_address: str = Field(default="", max_length=300)
    estimated_duration_days: int | None = None
    safety_net: bool | None = None
    wia: bool | None = None
    traffic_accident: bool | None = None
    pregnancy_related: bool | None = None
    created_at: datetime = Field(default_factory=utcnow)
    #: the transfer package went to a new arbodienst (seed ch. 1, Bewaartermijn)
    transferred_at: datetime | None = None
    #: the new arbodienst confirmed receipt: from then on we no longer keep the case
    transfer_confirmed_on: date | None = None
    #: the employer's hand-over to a new arbodienst this case is part of (issue 17 item 6)
    handover_id: int | None = Field(default=None, foreign_key="organisation_handover.id")


class SickReport(SQLModel, table=True):
    """What the employer recorded at the sick report: only what the Dutch DPA allows."""

    __tablename__ = "sick_report"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="sick_leave_case.id", unique=True)
    reported_by_account_id: int | None = Field(default=None, foreign_key="account.id")
    reported_at: datetime = Field(default_factory=utcnow)
    contact_phone: str = Field(default="", max_length=30)
    contact_email: str = Field(default="", max_length=254)
    expected_duration: str = Field(default="", max_length=30)
    handover_work: str = Field(default="", max_length=1000)
    safety_net: bool | None = None
    work_accident: bool | None = None
    traffic_accident_third_party: bool | None = None
    care_address: str = Field(default="", max_length=300)


class MedicalNote(SQLModel, table=True):
    """A note in the medical file; corrections are new versions (WGBO files are kept
    whole), pointing at what they supersede."""

    __tablename__ = "medical_note"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = Field(default=None, foreign_key="sick_leave_case.id", index=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    author_account_id: int | None = Field(default=None, foreign_key="account.id")
    kind: str = Field(default="consult", max_length=30)
    body: str = Field(max_length=20000)
    supersedes_id: int | None = Field(default=None, foreign_key="medical_note.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)


class WorkNote(SQLModel, table=True):
    """The company doctor's personal work note on a case (WGBO art. 7:456; BRIEF.md): an
    aide-memoire kept apart from the medical file, read only by its author, and not part
    of an access request, a download or a transfer. Destroyed with the file."""

    __tablename__ = "work_note"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="sick_leave_case.id", index=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    author_account_id: int = Field(foreign_key="account.id", index=True)
    body: str = Field(max_length=10000)
    created_at: datetime = Field(default_factory=utcnow)


class QuestionnaireAnswer(SQLModel, table=True):
    """Health data gathered by questionnaires (seed ch. 1, Bijzondere persoonsgegevens)."""

    __tablename__ = "questionnaire_answer"

    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    case_id: int | None = Field(default=None, foreign_key="sick_leave_case.id", index=True)
    questionnaire: str = Field(max_length=100)
    question: str = Field(max_length=500)
    answer: str = Field(max_length=5000)
    answered_at: datetime = Field(default_factory=utcnow)
    #: the question's key and the questionnaire's version it answers (issue 15 item 2:
    #: questions are data, versioned; ``question`` keeps the text as asked)
    question_key: str = Field(default="", max_length=60)
    version: int = Field(default=0)


class EmployerFeedback(SQLModel, table=True):
    """The four items the employer may hear (seed ch. 1, "Aan werkgever"); draft until
    released by the doctor."""

    __tablename__ = "employer_feedback"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="sick_leave_case.id", index=True)
    functional_capacity: str = Field(default="{}", max_length=5000)
    expected_period: str = Field(default="", max_length=200)
    incapacity_degree: str = Field(default="", max_length=100)
    advice: str = Field(default="", max_length=5000)
    status: str = Field(default="draft", max_length=20)
    author_account_id: int | None = Field(default=None, foreign_key="account.id")
    shared_with_employee_at: datetime | None = None
    employee_reaction: str = Field(default="", max_length=5000)
    released_by_account_id: int | None = Field(default=None, foreign_key="account.id")
    released_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    #: optimistic lock: every save bumps it; a save from an older version is refused
    version: int = Field(default=0)
    #: a short note per FML area, ``{area: note}`` (the levels stay in functional_capacity)
    capacity_notes: str = Field(default="{}", max_length=3000)
    #: the version whose flagged medical terms the releaser confirmed, and why
    terms_confirmed_version: int | None = None
    terms_confirmed_reason: str = Field(default="", max_length=500)


class Appointment(SQLModel, table=True):
    """A consult (spreekuur) with the doctor or a team member, booked in one of his
    slots (issue 15 item 1). The employer sees its date, time and attendance only.

    ``slot_id`` is unique: a slot holds one booking, whatever the number of workers
    racing for it; a cancelled or moved appointment lets go of its slot (NULL)."""

    __table_args__ = (UniqueConstraint("slot_id", name="uq_appointment_slot"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="sick_leave_case.id", index=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    with_account_id: int | None = Field(default=None, foreign_key="account.id")
    starts_at: datetime
    location: str = Field(default="", max_length=200)
    subject: str = Field(default="", max_length=500)
    created_at: datetime = Field(default_factory=utcnow)
    slot_id: int | None = Field(default=None, foreign_key="consult_slot.id")
    minutes: int = Field(default=30)
    #: location | phone | video
    place_kind: str = Field(default="location", max_length=10)
    #: booked → confirmed | move_requested; cancelled (slot let go)
    status: str = Field(default="booked", max_length=20)
    #: "" until the doctor records it: attended | not_attended
    attendance: str = Field(default="", max_length=20)
    move_reason: str = Field(default="", max_length=500)
    booked_by_account_id: int | None = Field(default=None, foreign_key="account.id")
    confirmed_at: datetime | None = None
    attendance_recorded_at: datetime | None = None
    reminder_sent_at: datetime | None = None


class CaseHelper(SQLModel, table=True):
    """A person helping with reintegration (e.g. a re-integration coach)."""

    __tablename__ = "case_helper"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="sick_leave_case.id", index=True)
    name: str = Field(max_length=200)
    helper_role: str = Field(max_length=100)
    organisation: str = Field(default="", max_length=200)
    phone: str = Field(default="", max_length=30)
    email: str = Field(default="", max_length=254)
    created_at: datetime = Field(default_factory=utcnow)


class CaseDocument(SQLModel, table=True):
    """A document of the case the employee is entitled to (problem analysis, plan of
    action). Its content is classified medical until a view says otherwise."""

    __tablename__ = "case_document"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="sick_leave_case.id", index=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    kind: str = Field(max_length=40)
    title: str = Field(max_length=200)
    content: str = Field(default="", max_length=100000)
    author_account_id: int | None = Field(default=None, foreign_key="account.id")
    created_at: datetime = Field(default_factory=utcnow)
    #: a problem analysis's employer part: the four items, released through the feedback
    #: release flow (issue 15 item 3); the ``content`` stays in the medical file
    feedback_id: int | None = Field(default=None, foreign_key="employer_feedback.id")
    updated_at: datetime | None = None


class RecoveryStep(SQLModel, table=True):
    """A partial recovery (issue 18 item 7): from ``from_date`` on the employee works
    ``percent_working`` % of his hours (1–99; 0 = fully sick again). The case itself keeps
    its first sick day (0 % working from then) and its recovery date (100 % from then), so
    a case without steps reads as before. Absence data: the employer sees the percentage
    and the dates, never a reason."""

    __tablename__ = "recovery_step"
    __table_args__ = (UniqueConstraint("case_id", "from_date", name="uq_recovery_step_day"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="sick_leave_case.id", index=True)
    from_date: date
    percent_working: int
    reported_by_account_id: int | None = Field(default=None, foreign_key="account.id")
    created_at: datetime = Field(default_factory=utcnow)
