"""The demo's self report and end of employment go through the pages' own use cases
(issue 15 item 9): the setting switched on, a case opened and closed by the employee, an
end of employment recorded by the employer that moves the leaver's retention term."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.domain.retention import add_years
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent, Employee, Organisation, SickLeaveCase, SickReport
from kwportal.services.demo.case_facts import seed_case_facts
from tests import factories
from tests.conftest import TEST_SECRET
from tests.dutch_time import dutch_today


def test_the_demo_reports_itself_and_records_an_end_of_employment(engine: Engine) -> None:
    today = dutch_today()
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org = factories.organisation(session, contract_end=date(2024, 12, 31))
        me = factories.employee(session, org)
        leaver = factories.employee(session, org, employment_start=date(2015, 1, 1))
        closed = factories.sick_case(
            session, leaver, sick_report_date=date(2024, 1, 8), recovery_date=date(2024, 2, 1)
        )
        admin = factories.account(session, Role.ADMIN)
        employee = factories.account(
            session, Role.EMPLOYEE, employee_id=me.id, organisation_id=org.id
        )
        employer = factories.account(session, Role.EMPLOYER_CONTACT, organisation_id=org.id)
        end = today - timedelta(days=5)
        seeded = seed_case_facts(
            session,
            admin=admin,
            employee=employee,
            employer=employer,
            reported_on=today - timedelta(days=30),
            recovered_on=today - timedelta(days=2),
            employment_end=end,
            secret=TEST_SECRET,
        )
        mine = session.exec(select(SickLeaveCase).where(SickLeaveCase.employee_id == me.id)).one()
        report = session.exec(select(SickReport).where(SickReport.case_id == mine.id)).one()
        switched = session.get(Organisation, org.id)
        left = session.get(Employee, leaver.id)
        kinds = session.exec(
            select(AuditEvent.event_type).where(
                col(AuditEvent.event_type).in_(
                    [
                        "organisation_self_report_set",
                        "sick_report",
                        "recovery_report",
                        "employment_end_set",
                    ]
                )
            )
        ).all()
    assert switched is not None and switched.employee_self_report
    assert mine.sick_report_date == today - timedelta(days=30)
    assert mine.recovery_date == today - timedelta(days=2)
    assert report.reported_by_account_id == employee.id
    assert left is not None and left.employment_end == end
    assert seeded.leaver_case_id == closed.id
    assert seeded.kept_until == add_years(end, 20) + timedelta(days=1)
    assert sorted(kinds) == sorted(
        ["organisation_self_report_set", "sick_report", "recovery_report", "employment_end_set"]
    )
