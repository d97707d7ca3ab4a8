"""Demo self report and life events (issue 15 items 6, 7 and 9), made through the very use
cases the pages call: the administrator switches the employees' own sick report on for one
employer (``do_set_self_report``), an employee of it reports himself sick and, later,
recovered (``do_report_sick``, ``do_report_recovered``: the clock of the employer's report),
and the employer records the end of employment of another employee of one of its recovered
cases (``person.do_record``), which moves that file's retention term."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlmodel import Session, col, select

from kwportal.models import Account, Employee, SickLeaveCase
from kwportal.services.admin.organisations import do_set_self_report
from kwportal.services.demo.acting import act
from kwportal.services.employee.self_report import do_report_recovered, do_report_sick
from kwportal.services.employer import person

#: what the demo employee tells when he reports himself (no word about his illness)
SELF_REPORT = {
    "contact_phone": "06 1234 5678",
    "contact_email": "",
    "care_address": "",
    "expected_duration": "weeks_1_2",
}


@dataclass(frozen=True, slots=True)
class FactsSeeded:
    #: the case the employer recorded the end of employment on (None: none was found)
    leaver_case_id: int | None
    #: the retention term that end of employment gives the leaver's file
    kept_until: date | None


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=UTC)


def seed_case_facts(
    session: Session,
    *,
    admin: Account,
    employee: Account,
    employer: Account,
    reported_on: date,
    recovered_on: date,
    employment_end: date,
    secret: str,
    leaver_case_id: int | None = None,
) -> FactsSeeded:
    """``employee`` (linked to a person of ``employer``'s organisation, without an open case
    or a closed one covering ``reported_on``..``recovered_on``) reports himself sick on
    ``reported_on`` and recovered on ``recovered_on`` (each at 08:00 UTC of that day; the
    dates within a year before the seed's today, ``recovered_on`` after ``reported_on``),
    after ``admin`` switched the setting on a day earlier. Then ``employer`` records
    ``employment_end`` for the employee of ``leaver_case_id`` (default: the organisation's
    first recovered case of another employee still employed), on ``recovered_on``."""
    assert employer.organisation_id is not None
    switched = _at(reported_on, 7)
    org = str(employer.organisation_id)
    act(session, admin, do_set_self_report, org, "on", now=switched, secret=secret)
    sick = {**SELF_REPORT, "first_sick_day": reported_on.isoformat()}
    act(session, employee, do_report_sick, sick, now=_at(reported_on, 8), secret=secret)
    back = _at(recovered_on, 8)
    act(session, employee, do_report_recovered, recovered_on.isoformat(), now=back, secret=secret)
    case_id = leaver_case_id or _leaver_case(session, employer.organisation_id, employee)
    if case_id is None:
        return FactsSeeded(None, None)
    end = employment_end.isoformat()
    screen = act(session, employer, person.do_record, case_id, end, "", now=back, secret=secret)
    line = screen.retention
    return FactsSeeded(case_id, line.at_least_until if line else None)


def _leaver_case(session: Session, organisation_id: int, employee: Account) -> int | None:
    return session.exec(
        select(SickLeaveCase.id)
        .join(Employee, col(Employee.id) == col(SickLeaveCase.employee_id))
        .where(
            col(SickLeaveCase.organisation_id) == organisation_id,
            col(SickLeaveCase.recovery_date).is_not(None),
            col(SickLeaveCase.employee_id) != employee.employee_id,
            col(Employee.employment_end).is_(None),
        )
        .order_by(col(SickLeaveCase.id))
        .limit(1)
    ).first()
