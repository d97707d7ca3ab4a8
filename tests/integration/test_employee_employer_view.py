""" "What my employer sees" (issue 5, item 1): the employee's latest case through the very
view the employer's case page gets, plus who released each item (by function), when, and
on which ground."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent, Disclosure, EmployerFeedback, MedicalNote
from kwportal.services import audit
from kwportal.services.employee.employer_view import my_employer_view
from kwportal.services.employer import dashboard as employer_dashboard
from kwportal.services.views import PolicyDeniedError
from tests import factories
from tests.conftest import TEST_SECRET

WEB = audit.AccessPoint(ip="127.0.0.1", agent="pytest")
TODAY = date(2026, 3, 10)


def _setup(session: Session):
    org = factories.organisation(session)
    person = factories.employee(session, org, first_name="Ann", last_name="Open")
    doctor = factories.account(session, Role.COMPANY_DOCTOR)
    factories.sick_case(
        session, person, sick_report_date=date(2025, 1, 6), recovery_date=date(2025, 2, 1)
    )
    case = factories.sick_case(session, person, sick_report_date=date(2026, 2, 20))
    session.add(MedicalNote(case_id=case.id, employee_id=person.id, body="MEDISCH-1"))
    first = EmployerFeedback(
        case_id=case.id,
        advice="Eerst rust",
        status="released",
        released_by_account_id=doctor.id,
        released_at=datetime(2026, 2, 27, tzinfo=UTC),
    )
    second = EmployerFeedback(
        case_id=case.id,
        advice="Aangepast werk",
        status="released",
        released_by_account_id=doctor.id,
        released_at=datetime(2026, 3, 6, tzinfo=UTC),
    )
    session.add_all([first, second])
    session.add(EmployerFeedback(case_id=case.id, advice="CONCEPT-1", status="draft"))
    session.flush()
    session.add(
        Disclosure(
            employee_id=person.id,
            case_id=case.id,
            recipient_kind="employer",
            feedback_id=first.id,
            ground="consent",
        )
    )
    session.flush()
    return org, person, case


def test_employee_sees_exactly_the_employers_view_of_his_latest_case(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org, person, case = _setup(session)
        employee = Actor(11, Role.EMPLOYEE, org.id, person.id)
        employer = Actor(12, Role.EMPLOYER_CONTACT, org.id)
        mine = my_employer_view(employee, session=session, access=WEB, secret=TEST_SECRET)
        theirs = employer_dashboard.case_page(
            employer,
            case.id,
            session=session,
            today=date(2026, 3, 10),
            access=WEB,
            secret=TEST_SECRET,
        )
        own_reads = session.exec(select(AuditEvent).where(AuditEvent.actor_account_id == 11)).all()
    assert mine is not None
    assert mine.view == theirs.view  # the same view object, field for field
    assert [f.advice for f in mine.view.feedback] == ["Aangepast werk", "Eerst rust"]
    assert [(r.released_by_role, r.ground) for r in mine.releases] == [
        ("company_doctor", "legal_duty"),
        ("company_doctor", "consent"),
    ]
    assert [r.released_at.date() for r in mine.releases if r.released_at] == [
        date(2026, 3, 6),
        date(2026, 2, 27),
    ]
    assert "CONCEPT-" not in repr(mine) and "MEDISCH-" not in repr(mine)
    assert own_reads == []  # reading one's own file is not someone else's access


def test_employee_without_a_case_gets_nothing(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        org = factories.organisation(session)
        person = factories.employee(session, org)
        actor = Actor(11, Role.EMPLOYEE, org.id, person.id)
        assert my_employer_view(actor, session=session, access=WEB, secret=TEST_SECRET) is None


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.EMPLOYEE], ids=str)
def test_only_an_employee_has_an_own_employer_view(engine: Engine, role: Role) -> None:
    with Session(engine) as session, session.begin():
        org, person, _case = _setup(session)
        actor = Actor(11, role, org.id, person.id, frozenset({org.id}))
        with pytest.raises(PolicyDeniedError):
            my_employer_view(actor, session=session, access=WEB, secret=TEST_SECRET)
