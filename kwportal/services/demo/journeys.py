"""The demo's running cases, made the way the pages make them (issue 15 item 9): after the
employers, their cases and every account exist, each employer's own demo employee lives
through his case in the portal — he fills the intake questionnaire, the doctor records his
exposures and writes the problem analysis, the employer writes the plan of action and he
answers it, messages go both ways, files are attached — and every open case gets its
consults: slots opened, booked by the case manager, attended or confirmed or asked to move.
One employer lets its employees report themselves; another records an end of employment.

Every record goes through the pages' own use cases (``services/demo/acting.act``), at the
moment it would have happened, so the demo proves the write paths; the medical texts carry
the ``MEDISCH-`` canaries the leak tests look for."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, col, select

from kwportal.domain.roles import Role
from kwportal.models import Account, Employee, Organisation, SickLeaveCase
from kwportal.services.admin.organisations import do_set_self_report
from kwportal.services.demo.acting import act
from kwportal.services.demo.case_consults import seed_consults
from kwportal.services.demo.case_documents import seed_case_documents
from kwportal.services.demo.case_messages import seed_case_messages
from kwportal.services.demo.case_questionnaire import seed_case_questionnaire
from kwportal.services.demo.case_recovery import seed_partial_recovery
from kwportal.services.demo.case_uploads import seed_case_uploads
from kwportal.services.demo.rectifications import seed_rectifications
from kwportal.services.employer import person

#: the employer (by its place in DEMO_ORGS) that lets its employees report themselves
SELF_REPORTING = 1
#: the employer that records an end of employment for one of its recovered employees
RECORDS_A_LEAVER = 0


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def _open_cases(session: Session, organisation_id: int) -> list[SickLeaveCase]:
    return list(
        session.exec(
            select(SickLeaveCase)
            .where(
                SickLeaveCase.organisation_id == organisation_id,
                col(SickLeaveCase.recovery_date).is_(None),
            )
            .order_by(col(SickLeaveCase.id))
        )
    )


def _own_case(session: Session, employee: Account) -> SickLeaveCase | None:
    return session.exec(
        select(SickLeaveCase)
        .where(
            SickLeaveCase.employee_id == employee.employee_id,
            col(SickLeaveCase.recovery_date).is_(None),
        )
        .order_by(col(SickLeaveCase.sick_report_date).desc())
    ).first()


def live_cases(
    session: Session,
    org: Organisation,
    accounts: dict[Role, Account],
    *,
    today: date,
    secret: str,
) -> Counter[str]:
    """The employee's own case in the portal, then every open case's consults."""
    counts: Counter[str] = Counter()
    employee, doctor = accounts[Role.EMPLOYEE], accounts[Role.COMPANY_DOCTOR]
    employer, manager = accounts[Role.EMPLOYER_CONTACT], accounts[Role.CASE_MANAGER]
    own = _own_case(session, employee)
    if own is not None and own.id is not None:
        first_day = own.sick_report_date
        seeded = seed_case_questionnaire(
            session,
            case_id=own.id,
            employee=employee,
            doctor=doctor,
            answered_at=_at(first_day + timedelta(days=1), 9),
            secret=secret,
            exposure_kinds=("hazardous_substance", "ionising_radiation"),
        )
        counts["questionnaire_answer"] += seeded.answers
        counts["exposure_record"] += seeded.exposures
        seed_case_documents(
            session,
            doctor=doctor,
            employer=employer,
            employee=employee,
            case_id=own.id,
            first_day=first_day,
            today=today,
            secret=secret,
        )
        counts["case_message"] += seed_case_messages(
            session,
            case_id=own.id,
            employee=employee,
            doctor=doctor,
            case_manager=manager,
            employer_contact=employer,
            start=_at(first_day + timedelta(days=1), 12),
            secret=secret,
        )
        seed_case_uploads(
            session,
            employee=employee,
            employer=employer,
            case_id=own.id,
            now=_at(first_day + timedelta(days=2), 10),
            secret=secret,
        )
        counts["case_upload"] += 2
        counts["rectification_item"] += seed_rectifications(  # issue 17 item 2
            session,
            employee=employee,
            doctor=doctor,
            case_id=own.id,
            first_day=first_day,
            secret=secret,
        )
    open_cases = _open_cases(session, org.id or 0)
    counts["recovery_step"] += seed_partial_recovery(  # issue 18 item 7
        session,
        employer=employer,
        cases=[c for c in open_cases if own is None or c.id != own.id],
        today=today,
        secret=secret,
    )
    open_ids = [c.id for c in open_cases if c.id is not None]
    counts.update(
        seed_consults(
            session,
            doctor=doctor,
            case_manager=manager,
            case_ids=open_ids,
            today=today,
            secret=secret,
        )
    )
    return counts


def employer_settings(
    session: Session,
    index: int,
    org: Organisation,
    accounts: dict[Role, Account],
    admin: Account,
    *,
    today: date,
    secret: str,
) -> None:
    """The admin lets one employer's employees report themselves; another employer
    records the end of employment of one of its recovered employees."""
    if index == SELF_REPORTING:
        at = _at(today - timedelta(days=30), 8)
        act(session, admin, do_set_self_report, str(org.id), "on", now=at, secret=secret)
    if index == RECORDS_A_LEAVER:
        leaver = session.exec(
            select(SickLeaveCase.id)
            .join(Employee, col(Employee.id) == col(SickLeaveCase.employee_id))
            .where(
                SickLeaveCase.organisation_id == org.id,
                col(SickLeaveCase.recovery_date).is_not(None),
                col(Employee.employment_end).is_(None),
            )
            .order_by(col(SickLeaveCase.id))
        ).first()
        if leaver is not None:
            end = (today - timedelta(days=7)).isoformat()
            at = _at(today - timedelta(days=6), 10)
            act(
                session,
                accounts[Role.EMPLOYER_CONTACT],
                person.do_record,
                leaver,
                end,
                "",
                now=at,
                secret=secret,
            )
