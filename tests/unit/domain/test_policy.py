"""The role × category matrix: property-based over every classified column.

The forbidden sets are spelled out here, apart from ``kwportal.domain.categories``, so a
change to the module's own constants cannot quietly widen what a role sees.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kwportal.domain.categories import COLUMN_CATEGORIES, Category
from kwportal.domain.policy import Actor, Subject, visible
from kwportal.domain.roles import Role

HEALTH = frozenset({Category.MEDICAL, Category.ABSENCE_HEALTH, Category.CARE_ADDRESS})
EMPLOYER_NAME_COLUMNS = frozenset(
    {"employee.first_name", "employee.last_name", "employee.personnel_number"}
)
NO_HEALTH_ROLES = frozenset({Role.CASE_MANAGER, Role.PRIVACY_OFFICER, Role.ADMIN})
TEAM_SCOPED_ROLES = frozenset({Role.COMPANY_DOCTOR, Role.CARE_TEAM, Role.CASE_MANAGER})

#: small ids so that actor and subject often coincide
ids = st.integers(min_value=1, max_value=3)
columns = st.sampled_from(sorted(COLUMN_CATEGORIES))
roles = st.sampled_from(list(Role))


def actors(role: st.SearchStrategy[Role] = roles) -> st.SearchStrategy[Actor]:
    return st.builds(
        Actor,
        account_id=st.none() | ids,
        role=role,
        organisation_id=st.none() | ids,
        employee_id=st.none() | ids,
        employer_ids=st.frozensets(ids, max_size=3),
    )


subjects = st.builds(Subject, employee_id=ids, organisation_id=ids)
PROPERTY = settings(max_examples=400, database=None, deadline=None)


def _category(column: str) -> Category:
    return COLUMN_CATEGORIES[column]


@PROPERTY
@given(actors(st.just(Role.EMPLOYER_CONTACT)), columns, subjects, st.booleans())
def test_employer_never_sees_health_data(actor, column, subject, released):
    if _category(column) in HEALTH:
        assert not visible(actor, column, subject, released=released), column


@PROPERTY
@given(actors(st.just(Role.EMPLOYER_CONTACT)), columns, subjects)
def test_employer_never_sees_unreleased_feedback(actor, column, subject):
    if _category(column) is Category.EMPLOYER_FEEDBACK:
        assert not visible(actor, column, subject, released=False), column


@PROPERTY
@given(actors(st.just(Role.EMPLOYER_CONTACT)), columns, subjects, st.booleans())
def test_employer_sees_of_identity_only_name_and_personnel_number(actor, column, subject, released):
    if _category(column) is Category.IDENTITY and column not in EMPLOYER_NAME_COLUMNS:
        assert not visible(actor, column, subject, released=released), column


def _within_scope(actor: Actor, subject: Subject) -> bool:
    """The scope of each role, written out independently of the policy module."""
    if actor.role is Role.EMPLOYEE:
        return actor.employee_id == subject.employee_id
    if actor.role is Role.EMPLOYER_CONTACT:
        return actor.organisation_id == subject.organisation_id
    if actor.role in TEAM_SCOPED_ROLES:
        return subject.organisation_id in actor.employer_ids
    return actor.role in {Role.PRIVACY_OFFICER, Role.ADMIN, Role.SYSTEM}


@PROPERTY
@given(actors(), columns, subjects, st.booleans())
def test_no_role_sees_a_subject_outside_its_scope(actor, column, subject, released):
    if visible(actor, column, subject, released=released):
        assert _within_scope(actor, subject), (actor, subject, column)


@PROPERTY
@given(actors(st.sampled_from(sorted(NO_HEALTH_ROLES))), columns, subjects, st.booleans())
def test_staff_without_medical_role_never_see_health_data(actor, column, subject, released):
    if _category(column) in HEALTH:
        assert not visible(actor, column, subject, released=released), (actor.role, column)


@PROPERTY
@given(actors(), columns, subjects, st.booleans())
def test_nobody_sees_credentials(actor, column, subject, released):
    if _category(column) is Category.CREDENTIAL:
        assert not visible(actor, column, subject, released=released), (actor.role, column)


@PROPERTY
@given(actors(st.just(Role.SYSTEM)), columns, subjects, st.booleans())
def test_system_role_sees_nothing(actor, column, subject, released):
    assert not visible(actor, column, subject, released=released), column


@PROPERTY
@given(actors(st.just(Role.EMPLOYEE)), columns, subjects, st.booleans())
def test_employee_sees_all_his_own_health_data(actor, column, subject, released):
    own = Subject(employee_id=actor.employee_id or 1, organisation_id=subject.organisation_id)
    me = Actor(account_id=actor.account_id, role=Role.EMPLOYEE, employee_id=own.employee_id)
    if _category(column) in HEALTH:
        assert visible(me, column, own, released=released), column


@pytest.mark.parametrize("released", [True, False])
def test_employee_sees_at_least_what_his_employer_sees_about_him(released):
    me = Subject(employee_id=1, organisation_id=1)
    employee = Actor(account_id=1, role=Role.EMPLOYEE, organisation_id=1, employee_id=1)
    employer = Actor(account_id=2, role=Role.EMPLOYER_CONTACT, organisation_id=1)
    hidden_from_employee = sorted(
        column
        for column in COLUMN_CATEGORIES
        if visible(employer, column, me, released=released)
        and not visible(employee, column, me, released=released)
    )
    assert not hidden_from_employee, hidden_from_employee


# --- worked examples -------------------------------------------------------------------

ORG_A, ORG_B = 1, 2
ANNA = Subject(employee_id=10, organisation_id=ORG_A)
BART = Subject(employee_id=20, organisation_id=ORG_B)
EMPLOYER_A = Actor(account_id=1, role=Role.EMPLOYER_CONTACT, organisation_id=ORG_A)
DOCTOR_A = Actor(account_id=2, role=Role.COMPANY_DOCTOR, employer_ids=frozenset({ORG_A}))
TEAM_A = Actor(account_id=3, role=Role.CARE_TEAM, employer_ids=frozenset({ORG_A}))
CASE_MANAGER_A = Actor(account_id=4, role=Role.CASE_MANAGER, employer_ids=frozenset({ORG_A}))
PRIVACY = Actor(account_id=5, role=Role.PRIVACY_OFFICER)
ADMIN = Actor(account_id=6, role=Role.ADMIN)
ANNA_HERSELF = Actor(
    account_id=7, role=Role.EMPLOYEE, organisation_id=ORG_A, employee_id=ANNA.employee_id
)


def test_employer_sees_name_and_absence_of_own_employee():
    assert visible(EMPLOYER_A, "employee.last_name", ANNA)
    assert visible(EMPLOYER_A, "employee.personnel_number", ANNA)
    assert visible(EMPLOYER_A, "employee.job_title", ANNA)
    assert visible(EMPLOYER_A, "sick_leave_case.sick_report_date", ANNA)
    assert visible(EMPLOYER_A, "sick_leave_case.recovery_date", ANNA)


def test_employer_does_not_see_contact_details_or_health_of_own_employee():
    assert not visible(EMPLOYER_A, "employee.email", ANNA)
    assert not visible(EMPLOYER_A, "employee.date_of_birth", ANNA)
    assert not visible(EMPLOYER_A, "medical_note.body", ANNA)
    assert not visible(EMPLOYER_A, "sick_leave_case.care_address", ANNA)
    assert not visible(EMPLOYER_A, "sick_leave_case.wia", ANNA)
    assert not visible(EMPLOYER_A, "appointment.subject", ANNA)


def test_employer_sees_feedback_only_once_released():
    assert visible(EMPLOYER_A, "employer_feedback.advice", ANNA, released=True)
    assert not visible(EMPLOYER_A, "employer_feedback.advice", ANNA, released=False)


def test_employer_sees_nothing_of_another_employers_employee():
    assert not visible(EMPLOYER_A, "employee.last_name", BART)
    assert not visible(EMPLOYER_A, "sick_leave_case.sick_report_date", BART)


def test_employer_without_organisation_sees_nobody():
    unbound = Actor(account_id=8, role=Role.EMPLOYER_CONTACT)
    assert not visible(unbound, "employee.last_name", ANNA)


def test_doctor_and_team_see_medical_data_of_assigned_employers_only():
    for actor in (DOCTOR_A, TEAM_A):
        assert visible(actor, "medical_note.body", ANNA)
        assert visible(actor, "sick_leave_case.care_address", ANNA)
        assert not visible(actor, "medical_note.body", BART)


def test_case_manager_sees_drafts_but_no_medical_data():
    assert visible(CASE_MANAGER_A, "employer_feedback.advice", ANNA, released=False)
    assert visible(CASE_MANAGER_A, "sick_leave_case.sick_report_date", ANNA)
    assert not visible(CASE_MANAGER_A, "medical_note.body", ANNA)
    assert not visible(CASE_MANAGER_A, "sick_leave_case.estimated_duration_days", ANNA)


def test_employee_sees_own_file_and_nobody_elses():
    assert visible(ANNA_HERSELF, "medical_note.body", ANNA)
    assert visible(ANNA_HERSELF, "audit_event.access_ip", ANNA)
    assert not visible(ANNA_HERSELF, "medical_note.body", BART)
    assert not visible(ANNA_HERSELF, "employee.last_name", BART)
    assert not visible(ANNA_HERSELF, "employer_feedback.advice", ANNA, released=False)


def test_employee_without_employee_link_sees_nobody():
    unlinked = Actor(account_id=9, role=Role.EMPLOYEE)
    assert not visible(unlinked, "employee.last_name", ANNA)


def test_privacy_officer_reads_access_log_and_requests_but_no_medical_content():
    assert visible(PRIVACY, "audit_event.access_ip", BART)
    assert visible(PRIVACY, "rights_request.text", BART)
    assert not visible(PRIVACY, "medical_note.body", BART)
    assert not visible(PRIVACY, "questionnaire_answer.answer", BART)


def test_admin_manages_organisations_but_sees_no_secrets_or_health():
    assert visible(ADMIN, "organisation.name", ANNA)
    assert not visible(ADMIN, "account.password_hash", ANNA)
    assert not visible(ADMIN, "account.totp_secret", ANNA)
    assert not visible(ADMIN, "medical_note.body", ANNA)
