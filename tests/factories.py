"""Test data builders: small, explicit, one row each."""

from __future__ import annotations

from datetime import date
from itertools import count

from sqlmodel import Session

from kwportal.domain.roles import Role
from kwportal.models import Account, Employee, Organisation, SickLeaveCase
from kwportal.services.auth import secrets_box

_seq = count(1)


def organisation(session: Session, **overrides: object) -> Organisation:
    n = next(_seq)
    org = Organisation(
        name=f"Werkgever {n}",
        kvk_number=f"{n:08d}",
        contract_start=date(2020, 1, 1),
    )
    for key, value in overrides.items():
        setattr(org, key, value)
    session.add(org)
    session.flush()
    return org


def employee(session: Session, org: Organisation, **overrides: object) -> Employee:
    n = next(_seq)
    person = Employee(
        organisation_id=org.id,
        personnel_number=f"P{n:05d}",
        first_name="Test",
        last_name=f"Persoon {n}",
        email=f"p{n}@example.test",
    )
    for key, value in overrides.items():
        setattr(person, key, value)
    session.add(person)
    session.flush()
    return person


def account(session: Session, role: Role, **overrides: object) -> Account:
    """``totp_secret`` is given in the clear and stored sealed, as the portal stores it."""
    n = next(_seq)
    acc = Account(username=f"user{n}", display_name=f"User {n}", role=str(role))
    secret = overrides.pop("totp_secret", None)
    for key, value in overrides.items():
        setattr(acc, key, value)
    session.add(acc)
    session.flush()
    if secret is not None:
        assert isinstance(secret, str)
        secrets_box.set_account_secret(acc, secret)
        session.flush()
    return acc


def sick_case(session: Session, person: Employee, **overrides: object) -> SickLeaveCase:
    case = SickLeaveCase(
        employee_id=person.id,
        organisation_id=person.organisation_id,
        sick_report_date=date(2026, 10, 1),
    )
    for key, value in overrides.items():
        setattr(case, key, value)
    session.add(case)
    session.flush()
    return case
