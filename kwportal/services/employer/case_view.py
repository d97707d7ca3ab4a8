"""The employer's view of a case: the one view both the employer's case page and the
employee's "what my employer sees" page render (seed ch. 1, "Aan werkgever")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from kwportal.domain import capacity, partial_absence
from kwportal.domain.categories import Category
from kwportal.domain.policy import CONSENT_GRANTED, Actor, Subject, consent_active, in_scope
from kwportal.i18n.fmt import local_date
from kwportal.models import (
    Appointment,
    ConsentRecord,
    Employee,
    EmployerFeedback,
    RecoveryStep,
    SickLeaveCase,
)
from kwportal.models.base import utcnow
from kwportal.services import audit
from kwportal.services.views import PolicyDeniedError, project, project_rows

CASE_COLUMNS = {
    "sick_report_date": "sick_leave_case.sick_report_date",
    "recovery_date": "sick_leave_case.recovery_date",
}
EMPLOYEE_COLUMNS = {
    "first_name": "employee.first_name",
    "last_name": "employee.last_name",
    "personnel_number": "employee.personnel_number",
}
FEEDBACK_COLUMNS = {
    "functional_capacity": "employer_feedback.functional_capacity",
    "capacity_notes": "employer_feedback.capacity_notes",
    "expected_period": "employer_feedback.expected_period",
    "incapacity_degree": "employer_feedback.incapacity_degree",
    "advice": "employer_feedback.advice",
    "released_at": "employer_feedback.released_at",
}
#: a consult as the employer sees it: when, and whether the employee attended — not the
#: place, the status, the subject or a reason to move it (BRIEF.md, employer_contact row)
APPOINTMENT_COLUMNS = {
    "starts_at": "appointment.starts_at",
    "attendance": "appointment.attendance",
}
#: partial recovery (issue 18 item 7): from when, and the percentage back at work (the
#: employer's recovery page reads the same columns, services/employer/partial_recovery.py)
STEP_COLUMNS = {
    "from_date": "recovery_step.from_date",
    "percent_working": "recovery_step.percent_working",
}
#: the one named datum the employee consented to share (issue 7 item 6)
CONSENTED_COLUMNS = {
    "label": "consent_record.datum_label",
    "value": "consent_record.datum_value",
}


@dataclass(frozen=True, slots=True)
class FeedbackView:
    functional_capacity: tuple[tuple[str, str], ...]
    expected_period: str
    incapacity_degree: str
    advice: str
    released_at: datetime | None
    #: the care team's short note per FML area, ``(area, note)``: part of what the employee
    #: can and cannot do, so released with the levels (and checked for medical terms first)
    capacity_notes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class ConsentedItem:
    """A datum shared by the employee's own choice, shown while his consent is active."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class AppointmentSeen:
    """A consult: its start (UTC) and "attended" / "not_attended" / "" (not recorded)."""

    starts_at: datetime
    attendance: str


@dataclass(frozen=True, slots=True)
class EmployerCaseView:
    case_id: int
    first_name: str
    last_name: str
    personnel_number: str
    sick_report_date: date
    recovery_date: date | None
    feedback: tuple[FeedbackView, ...]
    consented: tuple[ConsentedItem, ...] = ()
    #: the consults, oldest first; a cancelled one is no consult and is left out
    appointments: tuple[AppointmentSeen, ...] = ()
    #: partly back at work today (1–99 %), and since when; None when not partly working
    percent_working: int | None = None
    working_since: date | None = None


def employer_case_view(
    actor: Actor,
    case_id: int,
    *,
    session: Session,
    access: audit.AccessPoint,
    secret: str,
    today: date | None = None,
) -> EmployerCaseView:
    """What the employer may see of one case; the read is audited in this transaction.
    A consented datum is in it only while the policy finds its consent active on ``today``
    (default: the current UTC date), so a withdrawal counts from the next request."""
    case = session.get(SickLeaveCase, case_id)
    employee = session.get(Employee, case.employee_id) if case else None
    if case is None or employee is None or employee.id is None:
        raise PolicyDeniedError("no such case")
    subject = Subject(employee_id=employee.id, organisation_id=case.organisation_id)
    if not in_scope(actor, subject):
        raise PolicyDeniedError("case outside the actor's scope")
    released = session.exec(
        select(EmployerFeedback)
        .where(EmployerFeedback.case_id == case_id, EmployerFeedback.status == "released")
        .order_by(col(EmployerFeedback.released_at).desc())
    ).all()
    feedback = tuple(feedback_view(actor, subject, row) for row in released)
    consents = _active_consents(session, case_id, today or local_date(utcnow()))
    appointments = _appointments(session, case_id)
    day = today or local_date(utcnow())
    steps = _recovery_steps(session, actor, subject, case_id)
    percent, since = _working_now(day, case.sick_report_date, case.recovery_date, steps)
    view = EmployerCaseView(
        case_id=case_id,
        **project(actor, subject, employee, EMPLOYEE_COLUMNS),
        **project(actor, subject, case, CASE_COLUMNS),
        feedback=feedback,
        consented=tuple(
            ConsentedItem(**project(actor, subject, row, CONSENTED_COLUMNS, consent_is_active=True))
            for row in consents
        ),
        appointments=tuple(
            AppointmentSeen(**project(actor, subject, row, APPOINTMENT_COLUMNS))
            for row in appointments
        ),
        percent_working=percent,
        working_since=since,
    )
    _audit_read(session, actor, access, subject, case_id, released, secret, consents, appointments)
    return view


def _recovery_steps(
    session: Session, actor: Actor, subject: Subject, case_id: int
) -> list[partial_absence.WorkingStep]:
    rows = session.exec(
        select(RecoveryStep)
        .where(col(RecoveryStep.case_id) == case_id)
        .order_by(col(RecoveryStep.from_date))
    ).all()
    return [
        partial_absence.WorkingStep(**row)
        for row in project_rows(actor, subject, rows, STEP_COLUMNS)
    ]


def _working_now(
    day: date,
    first_sick_day: date,
    recovery_date: date | None,
    steps: Sequence[partial_absence.WorkingStep],
) -> tuple[int | None, date | None]:
    """The percentage worked on ``day`` and the step it comes from, while partly working."""
    percent = partial_absence.percent_working_on(day, first_sick_day, recovery_date, steps)
    if not partial_absence.FULLY_SICK < percent < partial_absence.FULLY_FIT:
        return None, None
    since = max(step.from_date for step in steps if step.from_date <= day)
    return percent, since


def _appointments(session: Session, case_id: int) -> list[Appointment]:
    return list(
        session.exec(
            select(Appointment)
            .where(Appointment.case_id == case_id, Appointment.status != "cancelled")
            .order_by(col(Appointment.starts_at), col(Appointment.id))
        ).all()
    )


def _active_consents(session: Session, case_id: int, today: date) -> list[ConsentRecord]:
    rows = session.exec(
        select(ConsentRecord)
        .where(
            ConsentRecord.case_id == case_id,
            ConsentRecord.status == CONSENT_GRANTED,
            col(ConsentRecord.withdrawn_at).is_(None),
        )
        .order_by(col(ConsentRecord.granted_at))
    ).all()
    return [
        row
        for row in rows
        if consent_active(
            row.status, row.withdrawn_at, row.valid_until, datum_kind=row.datum_kind, today=today
        )
    ]


def feedback_view(
    actor: Actor, subject: Subject, row: EmployerFeedback, *, shared: bool = False
) -> FeedbackView:
    """One feedback as the employer sees it once released (the care team's preview shows a
    draft so; with ``shared`` the employee reads the draft shared with him so)."""
    released = not shared
    values = project(actor, subject, row, FEEDBACK_COLUMNS, released=released, shared=shared)
    stored = capacity.read(values.pop("functional_capacity"), values.pop("capacity_notes"))
    return FeedbackView(
        functional_capacity=tuple(sorted(stored.levels)),
        capacity_notes=tuple(sorted(stored.notes)),
        **values,
    )


def _audit_read(
    session: Session,
    actor: Actor,
    access: audit.AccessPoint,
    subject: Subject,
    case_id: int,
    released: Sequence[EmployerFeedback],
    secret: str,
    consents: Sequence[ConsentRecord] = (),
    appointments: Sequence[Appointment] = (),
) -> None:
    if actor.employee_id == subject.employee_id:
        return  # reading one's own file is not an access by another person
    objects = [audit.ObjectRef(str(Category.ABSENCE), "sick_leave_case", case_id)]
    objects += [
        audit.ObjectRef(str(Category.EMPLOYER_FEEDBACK), "employer_feedback", f.id)
        for f in released
    ]
    objects += [
        audit.ObjectRef(str(Category.CONSENTED_DATUM), "consent_record", c.id) for c in consents
    ]
    objects += [audit.ObjectRef(str(Category.ABSENCE), "appointment", a.id) for a in appointments]
    audit.record(
        session,
        actor=actor,
        access=access,
        event_type="employer_case_view",
        action=audit.Action.READ,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=subject.employee_id,
        objects=objects,
        secret=secret,
    )
