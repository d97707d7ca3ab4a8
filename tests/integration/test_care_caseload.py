"""Caseloads by scope (issue 7, item 1): nobody crosses team or organisation, and the
case manager never gets the medical file."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent
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
