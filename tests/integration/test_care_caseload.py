"""Caseloads by scope (issue 7, item 1): nobody crosses team or organisation, and the
case manager never gets the medical file."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, select

from kwportal.db import transaction
from kwportal.domain.caseload_order import Attention
from kwportal.domain.roles import Role
from kwportal.models import (
    Appointment,
    AuditEvent,
    CaseDocument,
    CaseMessage,
    EmployerFeedback,
    Organisation,
    SickLeaveCase,
)
from kwportal.services import audit
from kwportal.services.case.caseload import caseload
from kwportal.services.case.file import open_case_admin, open_case_file
from kwportal.services.views import PolicyDeniedError
from tests import factories
from tests.conftest import TEST_SECRET
from tests.integration.care_world import ACCESS, actor, build


def _caseload(engine, account_id):
    with transaction(engine) as session:
        return caseload(
            actor(engine, account_id), session=session, access=ACCESS, secret=TEST_SECRET
        )


def test_each_care_role_sees_exactly_its_own_teams_cases(engine):
    a, b = build(engine)
    for team, other in ((a, b), (b, a)):
        for account_id in (team.doctor, team.member, team.case_manager):
            lines = _caseload(engine, account_id)
            assert sorted(line.case_id for line in lines) == sorted(team.cases)
            assert not {line.case_id for line in lines} & set(other.cases)
            assert {line.organisation for line in lines} == {
                f"Werkgever {'A' if team is a else 'B'}{n}" for n in range(2)
            }


def test_nobody_opens_a_case_of_another_team_or_organisation(engine):
    a, b = build(engine)
    with transaction(engine) as session:
        stranger_org = factories.organisation(session)
        stranger = factories.sick_case(session, factories.employee(session, stranger_org))
        unassigned = stranger.id
    for account_id in (a.doctor, a.member, a.case_manager):
        someone = actor(engine, account_id)
        for case_id in [*b.cases, unassigned, 999_999]:
            with transaction(engine) as session, pytest.raises(PolicyDeniedError):
                open_case_admin(
                    someone, case_id, session=session, access_point=ACCESS, secret=TEST_SECRET
                )


def test_other_roles_have_no_caseload(engine):
    a, _ = build(engine)
    employee = actor(engine, a.employee_accounts[0])
    with transaction(engine) as session:
        contact = factories.account(session, Role.EMPLOYER_CONTACT, organisation_id=a.employers[0])
        officer = factories.account(session, Role.PRIVACY_OFFICER)
    for someone in (employee, actor(engine, contact.id), actor(engine, officer.id)):
        with transaction(engine) as session, pytest.raises(PolicyDeniedError):
            caseload(someone, session=session, access=ACCESS, secret=TEST_SECRET)


def test_doctor_and_member_read_the_medical_file_audited_with_the_ground(engine):
    a, _ = build(engine)
    for account_id in (a.doctor, a.member):
        with transaction(engine) as session:
            view = open_case_file(
                actor(engine, account_id),
                a.cases[0],
                session=session,
                access_point=ACCESS,
                secret=TEST_SECRET,
                ground=audit.Ground.EMERGENCY,
            )
        assert [n.body for n in view.notes] == ["MEDISCH-A0"]
        assert view.care_address == "ZORGADRES-A0"
    with Session(engine) as session:
        reads = session.exec(
            select(AuditEvent).where(AuditEvent.event_type == "medical_file_view")
        ).all()
    assert [(r.actor_account_id, r.ground) for r in reads] == [
        (a.doctor, "emergency"),
        (a.member, "emergency"),
    ]
    assert all(r.subject_employee_id == a.employees[0] for r in reads)
    assert all("medical" in r.objects for r in reads)


def test_case_manager_gets_the_administration_and_never_the_medical_file(engine):
    a, _ = build(engine)
    manager = actor(engine, a.case_manager)
    with transaction(engine) as session, pytest.raises(PolicyDeniedError):
        open_case_file(
            manager, a.cases[0], session=session, access_point=ACCESS, secret=TEST_SECRET
        )
    with transaction(engine) as session:
        view = open_case_admin(
            manager, a.cases[0], session=session, access_point=ACCESS, secret=TEST_SECRET
        )
    assert "MEDISCH-" not in repr(view) and "ZORGADRES-" not in repr(view)
    assert view.last_name == "Persoon A0"


def test_a_reading_ground_outside_the_care_grounds_is_refused(engine):
    a, _ = build(engine)
    with transaction(engine) as session, pytest.raises(PolicyDeniedError):
        open_case_file(
            actor(engine, a.doctor),
            a.cases[0],
            session=session,
            access_point=ACCESS,
            secret=TEST_SECRET,
            ground=audit.Ground.SECURITY,
        )


def test_caseload_search_and_one_audited_read_per_person(engine):
    a, _ = build(engine)
    with transaction(engine) as session:
        lines = caseload(
            actor(engine, a.doctor),
            session=session,
            access=ACCESS,
            secret=TEST_SECRET,
            search="persoon a1",
        )
    assert [line.case_id for line in lines] == [a.cases[1]]
    with Session(engine) as session:
        shown = session.exec(
            select(AuditEvent.subject_employee_id).where(AuditEvent.event_type == "caseload_view")
        ).all()
    assert shown == [a.employees[1]]


def test_the_caseload_puts_what_needs_the_doctor_first(engine):
    """Issue 18 item 5 (order: domain.caseload_order): something of his late (the problem
    analysis past its date, a consult without its attendance), then a message waiting for
    him, then a new case without a consult, then the rest; longest absent first within."""
    a, _ = build(engine)
    now = datetime(2026, 12, 5, 12, tzinfo=UTC)
    with transaction(engine) as session:
        org = session.get(Organisation, a.employers[0])

        def case(sick: date) -> SickLeaveCase:
            person = factories.employee(session, org)
            return factories.sick_case(session, person, sick_report_date=sick)

        def consult(c: SickLeaveCase, starts: datetime, attendance: str = "") -> None:
            session.add(
                Appointment(
                    case_id=c.id, employee_id=c.employee_id, starts_at=starts, attendance=attendance
                )
            )

        rest = case(date(2026, 1, 5))
        consult(rest, now - timedelta(days=300), "attended")
        part = EmployerFeedback(case_id=rest.id, status="released", released_at=now)
        session.add(part)
        session.flush()
        session.add(
            CaseDocument(
                case_id=rest.id,
                employee_id=rest.employee_id,
                kind="problem_analysis",
                title="PA",
                feedback_id=part.id,
            )
        )
        new = case(date(2026, 11, 20))
        waiting = case(date(2026, 11, 10))
        consult(waiting, now + timedelta(days=3))
        session.add(
            CaseMessage(
                case_id=waiting.id,
                employee_id=waiting.employee_id,
                thread="care",
                author_role="employee",
                body="Vraag",
            )
        )
        unrecorded = case(date(2026, 11, 1))
        consult(unrecorded, now - timedelta(days=2))
        ids = (rest.id, new.id, waiting.id, unrecorded.id)
    with transaction(engine) as session:
        lines = caseload(
            actor(engine, a.doctor), session=session, access=ACCESS, secret=TEST_SECRET, now=now
        )
    # the team's own two cases (sick since 1 October): the problem analysis is late
    rest_id, new_id, waiting_id, unrecorded_id = ids
    assert [line.case_id for line in lines] == [
        *sorted(a.cases),
        unrecorded_id,
        waiting_id,
        new_id,
        rest_id,
    ]
    assert [line.attention for line in lines] == [
        Attention.OVERDUE,
        Attention.OVERDUE,
        Attention.OVERDUE,
        Attention.MESSAGES,
        Attention.NEW,
        Attention.REST,
    ]
    assert lines[0].signals.analysis_late and lines[2].signals.consult_unrecorded
