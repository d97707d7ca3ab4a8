"""The employee's start page as a dashboard (issue 18 item 4): how his case stands, his next
appointment, and what he is asked to do — open consent requests, the intake questionnaire
before his first consult, a plan of action or evaluation waiting for his view — before the
rest of his links.

Counts and dates only, of his own latest case: what each item says stays on its own page.
His own data, so the read is not audited as someone else's (as on his other pages); it is
built inside the start page's one unit (``services/auth/portal.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from kwportal.domain.policy import (
    PLAN_SUBMITTED,
    Actor,
    Subject,
    intake_open,
    may_answer_intake,
    may_respond_to_plan,
    require,
)
from kwportal.domain.roles import Role
from kwportal.i18n.fmt import to_local
from kwportal.models import (
    Account,
    Appointment,
    CasePlan,
    ConsentRecord,
    Employee,
    QuestionnaireAnswer,
    SickLeaveCase,
)
from kwportal.services.case.consult_mail import as_utc
from kwportal.services.employee.consents import REQUESTED
from kwportal.services.employee.my_case import CANCELLED, latest_case
from kwportal.services.employee.questionnaire import consult_held, intake
from kwportal.services.views import PolicyDeniedError

#: the greeting by the hour in Amsterdam: from 6 "morning", from 12 "afternoon", from 18
#: "evening"; at night simply "hello"
GREETING_HOURS = ((18, "evening"), (12, "afternoon"), (6, "morning"), (0, "hello"))
#: his case in plain words: none, open (sick since), recovered, handed to a new arbodienst
CASE_NONE, CASE_OPEN, CASE_RECOVERED, CASE_TRANSFERRED = "none", "open", "recovered", "transferred"


@dataclass(frozen=True, slots=True)
class NextConsult:
    """His next appointment that is not called off: when, how long, where or how, and with
    whom by function (care staff by function, never by name: seed ch. 1)."""

    starts_at: datetime
    minutes: int
    place_kind: str
    location: str
    with_role: str
    #: booked | confirmed | move_requested
    status: str


@dataclass(frozen=True, slots=True)
class Dashboard:
    first_name: str
    #: morning | afternoon | evening | hello (Europe/Amsterdam)
    greeting: str
    case_state: str = CASE_NONE
    sick_since: date | None = None
    recovered_on: date | None = None
    next_consult: NextConsult | None = None
    #: consents a company doctor or case manager asked and he has not answered yet
    consent_requests: int = 0
    #: the intake questionnaire is open and he has not answered it yet
    intake_to_fill: bool = False
    #: plans of action and evaluations his employer sent that wait for his view
    plans_to_answer: int = 0

    @property
    def to_do(self) -> int:
        return self.consent_requests + int(self.intake_to_fill) + self.plans_to_answer


def greeting_for(now: datetime) -> str:
    hour = to_local(now).hour
    return next(word for start, word in GREETING_HOURS if hour >= start)


def _case_state(case: SickLeaveCase | None) -> str:
    if case is None:
        return CASE_NONE
    if case.transferred_at is not None:
        return CASE_TRANSFERRED
    return CASE_RECOVERED if case.recovery_date is not None else CASE_OPEN


def _next_consult(session: Session, case_id: int, now: datetime) -> NextConsult | None:
    row = session.exec(
        select(Appointment, Account.role)
        .join(Account, col(Account.id) == col(Appointment.with_account_id), isouter=True)
        .where(
            Appointment.case_id == case_id,
            col(Appointment.status) != CANCELLED,
            col(Appointment.starts_at) > now,
        )
        .order_by(col(Appointment.starts_at), col(Appointment.id))
        .limit(1)
    ).first()
    if row is None:
        return None
    a, role = row
    return NextConsult(
        as_utc(a.starts_at),
        a.minutes,
        a.place_kind,
        a.location,
        str(role or ""),
        a.status,
    )


def _count(session: Session, statement: object) -> int:
    return int(session.exec(statement).one())  # type: ignore[call-overload]


def _intake_to_fill(session: Session, actor: Actor, case: SickLeaveCase, now: datetime) -> bool:
    if case.id is None or not may_answer_intake(actor, case.employee_id):
        return False
    if not intake_open(
        case_open=case.recovery_date is None, consult_held=consult_held(session, case.id, now)
    ):
        return False
    answered = _count(
        session,
        select(func.count())
        .select_from(QuestionnaireAnswer)
        .where(
            QuestionnaireAnswer.case_id == case.id,
            QuestionnaireAnswer.questionnaire == intake().name,
        ),
    )
    return answered == 0


def _plans_to_answer(session: Session, actor: Actor, case: SickLeaveCase) -> int:
    subject = Subject(case.employee_id, case.organisation_id)
    if not may_respond_to_plan(actor, subject, PLAN_SUBMITTED):
        return 0
    return _count(
        session,
        select(func.count())
        .select_from(CasePlan)
        .where(CasePlan.case_id == case.id, CasePlan.status == PLAN_SUBMITTED),
    )


def dashboard(session: Session, actor: Actor, *, now: datetime) -> Dashboard:
    """His own start page: the employee is the actor's own person, nobody else's."""
    employee_id = require(actor, Role.EMPLOYEE, has="employee_id", error=PolicyDeniedError)
    person = session.get(Employee, employee_id)
    first_name = person.first_name if person is not None else ""
    requests = _count(
        session,
        select(func.count())
        .select_from(ConsentRecord)
        .where(ConsentRecord.employee_id == employee_id, ConsentRecord.status == REQUESTED),
    )
    case = latest_case(session, employee_id)
    if case is None or case.id is None:
        return Dashboard(first_name, greeting_for(now), consent_requests=requests)
    return Dashboard(
        first_name,
        greeting_for(now),
        case_state=_case_state(case),
        sick_since=case.sick_report_date,
        recovered_on=case.recovery_date,
        next_consult=_next_consult(session, case.id, now),
        consent_requests=requests,
        intake_to_fill=_intake_to_fill(session, actor, case, now),
        plans_to_answer=_plans_to_answer(session, actor, case),
    )
