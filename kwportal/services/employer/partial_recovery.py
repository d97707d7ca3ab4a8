"""Partial recovery reports (issue 18 item 7): the employer (or the employee himself, where
his employer allows it) records that from a date the employee works a percentage of his
hours again. 1–99 % is a partial recovery, 100 % the recovery report itself (the clock
stops: :func:`kwportal.services.employer.absence.close_case`), 0 % fully sick again after a
partial step. A partial recovery leaves the Poortwachter clock running
(:mod:`kwportal.domain.partial_absence`).

What anyone sees of it is the percentage and its dates, projected through the policy
(``recovery_step`` is absence data, BRIEF.md "Data categories"): no reason, nothing medical.
Every report is audited in its transaction; the care team hears of it after the commit,
without a name or health data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, col, select

from kwportal.domain import partial_absence
from kwportal.domain.categories import Category
from kwportal.domain.policy import Actor, Subject, in_scope, require
from kwportal.domain.roles import Role
from kwportal.models import Employee, RecoveryStep, SickLeaveCase
from kwportal.services import audit
from kwportal.services.employer.absence import (
    FieldError,
    ReportError,
    care_team_mails,
    clean,
    close_case,
    parse_day,
    refuse,
)
from kwportal.services.employer.case_view import STEP_COLUMNS
from kwportal.services.unit import Ctx, use_case
from kwportal.services.views import PolicyDeniedError, project, project_rows

__all__ = [
    "FIELDS",
    "FieldError",
    "RecoveryScreen",
    "ReportError",
    "add_step",
    "do_report",
    "do_show",
    "parse_percent",
    "record_step",
    "recovery_screen",
    "steps_of",
    "working_periods",
]

FIELDS = ("from_date", "percent_working")
MAX_AHEAD_DAYS = 14
"""A partial return is often agreed a few days ahead (from next Monday); further ahead is
a typing error."""
CASE_COLUMNS = {
    "first_sick_day": "sick_leave_case.sick_report_date",
    "recovery_date": "sick_leave_case.recovery_date",
}
NAME_COLUMNS = {
    "first_name": "employee.first_name",
    "last_name": "employee.last_name",
    "personnel_number": "employee.personnel_number",
}
_PERCENT = re.compile(r"^\d{1,3}$")


@dataclass(frozen=True, slots=True)
class RecoveryScreen:
    """One case's percentages for the page: who, since when, the periods, the current
    percentage, and the form's date limits. Dates and percentages only."""

    case_id: int
    first_name: str
    last_name: str
    personnel_number: str
    first_sick_day: date
    recovery_date: date | None
    periods: tuple[partial_absence.WorkingPeriod, ...]
    percent_now: int
    today: date
    latest_day: date

    @property
    def is_open(self) -> bool:
        return self.recovery_date is None


def parse_percent(raw: Any) -> int | None:
    """A whole number 0–100 as typed ("50", " 50 ", "50%"), or None."""
    text = clean(raw, 5).rstrip("%").strip()
    return int(text) if _PERCENT.match(text) and int(text) <= 100 else None


def steps_of(session: Session, case_id: int) -> list[partial_absence.WorkingStep]:
    rows = session.exec(
        select(RecoveryStep)
        .where(col(RecoveryStep.case_id) == case_id)
        .order_by(col(RecoveryStep.from_date))
    ).all()
    return [partial_absence.WorkingStep(r.from_date, r.percent_working) for r in rows]


def working_periods(
    actor: Actor, case: SickLeaveCase, *, session: Session
) -> tuple[partial_absence.WorkingPeriod, ...]:
    """The case's periods of equal percentage, through the policy (the employer's case page
    may call this to show them; the caller audits the read of the case)."""
    assert case.id is not None
    subject = Subject(case.employee_id, case.organisation_id)
    dates = project(actor, subject, case, CASE_COLUMNS)
    rows = session.exec(select(RecoveryStep).where(col(RecoveryStep.case_id) == case.id)).all()
    steps = [
        partial_absence.WorkingStep(**row)
        for row in project_rows(actor, subject, rows, STEP_COLUMNS)
    ]
    return partial_absence.periods(dates["first_sick_day"], dates["recovery_date"], steps)


def _check(
    case: SickLeaveCase, day: date | None, percent: int | None, today: date, session: Session
) -> list[FieldError]:
    errors: list[FieldError] = []
    steps = steps_of(session, case.id or 0)
    if day is None:
        errors.append(FieldError("from_date", "sick.error.date"))
    elif day < case.sick_report_date:
        errors.append(FieldError("from_date", "partial_recovery.error.before_start"))
    elif day > today + timedelta(days=MAX_AHEAD_DAYS):
        errors.append(FieldError("from_date", "partial_recovery.error.too_far"))
    elif steps and day <= steps[-1].from_date:
        errors.append(FieldError("from_date", "partial_recovery.error.not_after_last"))
    if percent is None:
        errors.append(FieldError("percent_working", "partial_recovery.error.percent"))
    elif percent == partial_absence.FULLY_SICK and (
        not steps or steps[-1].percent_working == partial_absence.FULLY_SICK
    ):
        errors.append(FieldError("percent_working", "partial_recovery.error.already_sick"))
    elif steps and steps[-1].percent_working == percent:
        errors.append(FieldError("percent_working", "partial_recovery.error.same"))
    return errors


def record_step(
    actor: Actor,
    case: SickLeaveCase,
    raw_date: Any,
    raw_percent: Any,
    *,
    session: Session,
    today: date,
    access: audit.AccessPoint,
    secret: str,
) -> int:
    """Record from ``raw_date`` on ``raw_percent`` % working on ``case`` (locked by the
    caller, within the actor's reach); the percentage recorded. 100 is the recovery report."""
    if case.recovery_date is not None:
        raise refuse("from_date", "recovery.error.already")
    day, percent = parse_day(raw_date), parse_percent(raw_percent)
    if percent == partial_absence.FULLY_FIT:
        try:
            close_case(
                actor,
                case,
                str(raw_date),
                session=session,
                today=today,
                access=access,
                secret=secret,
            )
        except ReportError as error:
            raise ReportError([FieldError("from_date", e.code) for e in error.errors]) from None
        return percent
    errors = _check(case, day, percent, today, session)
    if errors or day is None or percent is None:
        raise ReportError(errors)
    add_step(actor, case, day, percent, session=session, access=access, secret=secret)
    return percent


def add_step(
    actor: Actor,
    case: SickLeaveCase,
    day: date,
    percent: int,
    *,
    session: Session,
    access: audit.AccessPoint,
    secret: str,
) -> None:
    """Write one checked step and its audit row (the sick report's "partly sick from the
    first day" comes here too)."""
    step = RecoveryStep(
        case_id=case.id or 0,
        from_date=day,
        percent_working=percent,
        reported_by_account_id=actor.account_id,
    )
    session.add(step)
    session.flush()
    audit.record(
        session,
        actor=actor,
        access=access,
        event_type="partial_recovery_report",
        action=audit.Action.CREATE,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=case.employee_id,
        objects=[
            audit.ObjectRef(str(Category.ABSENCE), "sick_leave_case", case.id),
            audit.ObjectRef(str(Category.ABSENCE), "recovery_step", step.id),
        ],
        details={"from_date": day, "percent_working": percent},
        secret=secret,
    )


def _employer_case(actor: Actor, case_id: int, session: Session, *, lock: bool) -> SickLeaveCase:
    organisation_id = require(
        actor, Role.EMPLOYER_CONTACT, has="organisation_id", error=PolicyDeniedError
    )
    query = select(SickLeaveCase).where(col(SickLeaveCase.id) == case_id)
    case = session.exec(query.with_for_update() if lock else query).first()
    if case is None or case.organisation_id != organisation_id:
        raise PolicyDeniedError("no such case")
    return case


def recovery_screen(
    actor: Actor, case: SickLeaveCase, *, session: Session, today: date
) -> RecoveryScreen:
    """The page's view of ``case``; the caller audits the read."""
    assert case.id is not None
    person = session.get(Employee, case.employee_id)
    if person is None or not in_scope(actor, Subject(case.employee_id, case.organisation_id)):
        raise PolicyDeniedError("no such case")
    names = project(actor, Subject(case.employee_id, case.organisation_id), person, NAME_COLUMNS)
    periods = working_periods(actor, case, session=session)
    now = partial_absence.percent_working_on(
        today, case.sick_report_date, case.recovery_date, steps_of(session, case.id)
    )
    return RecoveryScreen(
        case_id=case.id,
        **names,
        first_sick_day=case.sick_report_date,
        recovery_date=case.recovery_date,
        periods=periods,
        percent_now=now,
        today=today,
        latest_day=today + timedelta(days=MAX_AHEAD_DAYS),
    )


def _audit_read(actor: Actor, case: SickLeaveCase, ctx: Ctx) -> None:
    audit.record(
        ctx.session,
        actor=actor,
        access=ctx.access,
        event_type="partial_recovery_view",
        action=audit.Action.READ,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=case.employee_id,
        objects=[audit.ObjectRef(str(Category.ABSENCE), "sick_leave_case", case.id)],
        secret=ctx.secret,
    )


# --- use cases: one click each (the page hands them to the runner) ---


@use_case(Role.EMPLOYER_CONTACT)
def do_show(actor: Actor, case_id: int, *, ctx: Ctx) -> RecoveryScreen:
    """A case of the own organisation (another's reads as missing); the read is audited."""
    case = _employer_case(actor, case_id, ctx.session, lock=False)
    _audit_read(actor, case, ctx)
    return recovery_screen(actor, case, session=ctx.session, today=ctx.today)


@use_case(Role.EMPLOYER_CONTACT)
def do_report(
    actor: Actor, case_id: int, raw_date: str, raw_percent: str, *, ctx: Ctx
) -> RecoveryScreen:
    """Record the percentage working from a date, tell the care team after the commit
    (a recovery report at 100 %), then the page again."""
    case = _employer_case(actor, case_id, ctx.session, lock=True)
    percent = record_step(
        actor,
        case,
        raw_date,
        raw_percent,
        session=ctx.session,
        today=ctx.today,
        access=ctx.access,
        secret=ctx.secret,
    )
    kind = "recovery" if percent == partial_absence.FULLY_FIT else "partial_recovery"
    ctx.send(*care_team_mails(ctx.session, case.organisation_id, kind, ctx.origin))
    return recovery_screen(actor, case, session=ctx.session, today=ctx.today)
