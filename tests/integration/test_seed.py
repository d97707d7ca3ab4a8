"""Demo and scale seeding: the demo set of the brief, deterministic, with canaries.

Demo seeding hashes 17 passwords with argon2, so the demo database is seeded once per
database kind (module-scoped) and the determinism test replaces the hasher.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel
from sqlmodel import select as sm_select

import kwportal.models
from kwportal.db import make_engine
from kwportal.domain.roles import Role
from kwportal.migrate import upgrade
from kwportal.models import (
    Account,
    AuditEvent,
    Breach,
    BreachPerson,
    CareTeam,
    ConsentRecord,
    Employee,
    EmployeeLetter,
    EmployerFeedback,
    MedicalNote,
    Organisation,
    ProcessingRestriction,
    SickLeaveCase,
    SickReport,
    TeamAssignment,
    TeamMember,
    WorkforceFigure,
)
from kwportal.models.base import utcnow
from kwportal.services import audit
from kwportal.services.auth import secrets_box
from kwportal.services.auth.passwords import verify_password
from kwportal.services.demo import stopped_case
from kwportal.services.demo.accounts import (
    DEMO_ORGS,
    GLOBAL_ROLES,
    PER_ORG_ROLES,
    demo_accounts,
)
from kwportal.services.demo.seed import SeedSummary, database_is_empty, seed_demo, seed_scale
from tests.conftest import TEST_SECRET, _fresh_postgres, _fresh_sqlite

TODAY = date(2026, 11, 2)
#: the one person the demo brings in through a sick report of its own (demo/stopped_case.py)
STOPPED = 1


@dataclass(frozen=True)
class SeededDemo:
    engine: Engine
    first: SeedSummary
    again: SeedSummary


@pytest.fixture(
    scope="module",
    params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
)
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SeededDemo]:
    """A demo database, seeded twice (the second run must add nothing); read-only."""
    if request.param == "sqlite":
        fresh = _fresh_sqlite(tmp_path_factory, request.getfixturevalue("_sqlite_template"))
    else:
        fresh = _fresh_postgres(
            request.getfixturevalue("pg_available"), request.getfixturevalue("_pg_template")
        )
    engine = next(fresh)
    with Session(engine) as session, session.begin():
        first = seed_demo(session, today=TODAY, secret=TEST_SECRET)
    with Session(engine) as session, session.begin():
        again = seed_demo(session, today=TODAY, secret=TEST_SECRET)
    yield SeededDemo(engine, first, again)
    next(fresh, None)


def _all(engine: Engine, statement: Any) -> list[Any]:
    with Session(engine) as session:
        return list(session.exec(statement).all())


def _phase(case: SickLeaveCase) -> str | None:
    """Phases by the Poortwachter calendar: the first sick day is day 1."""
    if case.recovery_date is not None:
        return "recovered"
    day = (TODAY - case.sick_report_date).days + 1
    if 1 <= day <= 10:
        return "new"
    if 35 <= day <= 45:
        return "week6"
    if 285 <= day <= 300:
        return "week42"
    if day > 400:
        return "long_term"
    return None


# --- the demo set ------------------------------------------------------------------------


def test_demo_has_three_employers_one_with_over_2000_employees(demo):
    orgs = _all(demo.engine, sm_select(Organisation))
    assert sorted(o.name for o in orgs) == sorted(spec.name for spec in DEMO_ORGS)
    sizes = dict(
        _all(
            demo.engine,
            select(Employee.organisation_id, func.count()).group_by(Employee.organisation_id),
        )
    )
    workforce = dict(
        _all(
            demo.engine,
            select(WorkforceFigure.organisation_id, func.sum(WorkforceFigure.people))
            .where(WorkforceFigure.year == TODAY.year, WorkforceFigure.quarter == 0)
            .group_by(WorkforceFigure.organisation_id),
        )
    )
    without_case = _all(
        demo.engine,
        select(Employee.id).where(
            ~select(SickLeaveCase.id).where(SickLeaveCase.employee_id == Employee.id).exists()
        ),
    )
    assert len(sizes) == 3 and len(workforce) == 3
    # the workforce is counts (issue 17 item 1): only the people in care are stored
    assert max(workforce.values()) >= 2000
    # the built cases plus the stopped person the sick report brings in (demo/stopped_case.py)
    assert sum(sizes.values()) == sum(spec.cases for spec in DEMO_ORGS) + STOPPED
    assert without_case == []
    assert demo.first.organisations == 3
    assert demo.first.employees == sum(sizes.values())


def test_demo_has_at_least_40_cases_in_every_phase(demo):
    cases = _all(demo.engine, sm_select(SickLeaveCase))
    assert len(cases) >= 40
    phases = Counter(_phase(case) for case in cases)
    unplaced = [(c.id, c.sick_report_date, c.recovery_date) for c in cases if _phase(c) is None]
    assert not unplaced, f"cases in no phase: {unplaced}"
    assert set(phases) == {"new", "week6", "week42", "recovered", "long_term"}, phases
    for case in cases:
        if case.recovery_date is not None:
            assert case.sick_report_date <= case.recovery_date <= TODAY


def test_every_case_belongs_to_an_employee_of_its_employer(demo):
    mismatched = _all(
        demo.engine,
        select(SickLeaveCase.id)
        .join(Employee, Employee.id == SickLeaveCase.employee_id)
        .where(Employee.organisation_id != SickLeaveCase.organisation_id),
    )
    assert mismatched == []


def test_demo_medical_texts_and_care_addresses_carry_canaries(demo):
    bodies = _all(demo.engine, sm_select(MedicalNote.body))
    assert bodies
    assert all("MEDISCH-" in body for body in bodies)
    cases = _all(demo.engine, sm_select(SickLeaveCase))
    assert all("ZORGADRES-" in case.care_address for case in cases)
    reports = _all(demo.engine, sm_select(SickReport.care_address))
    assert len(reports) == len(cases)
    assert all("ZORGADRES-" in address for address in reports)


def test_only_released_feedback_is_free_of_the_draft_canary(demo):
    feedback = _all(demo.engine, sm_select(EmployerFeedback))
    drafts = [f for f in feedback if f.status == "draft"]
    released = [f for f in feedback if f.status == "released"]
    assert drafts and released
    assert all("CONCEPT-" in f.advice and f.released_at is None for f in drafts)
    assert all("CONCEPT-" not in f.advice and f.released_at for f in released)


def test_demo_has_one_account_per_role_per_employer(demo):
    with Session(demo.engine) as session:
        for spec in DEMO_ORGS:
            org = session.exec(
                sm_select(Organisation).where(Organisation.kvk_number == spec.kvk)
            ).one()
            team = session.exec(
                sm_select(CareTeam)
                .join(TeamAssignment, TeamAssignment.care_team_id == CareTeam.id)
                .where(TeamAssignment.organisation_id == org.id)
            ).one()
            members = session.exec(
                sm_select(Account)
                .join(TeamMember, TeamMember.account_id == Account.id)
                .where(TeamMember.care_team_id == team.id)
            ).all()
            employee_accounts = session.exec(
                sm_select(Account)
                .join(Employee, Employee.id == Account.employee_id)
                .where(Employee.organisation_id == org.id, Account.role == Role.EMPLOYEE)
            ).all()
            employer_accounts = session.exec(
                sm_select(Account).where(
                    Account.organisation_id == org.id,
                    Account.role == Role.EMPLOYER_CONTACT,
                )
            ).all()
            doctor = session.get(Account, team.doctor_account_id)
            assert len(employee_accounts) == 1, spec.name
            assert employee_accounts[0].organisation_id == org.id
            assert len(employer_accounts) == 1, spec.name
            assert doctor is not None and doctor.role == Role.COMPANY_DOCTOR
            assert sorted(m.role for m in members) == sorted([Role.CARE_TEAM, Role.CASE_MANAGER])


def test_demo_accounts_match_the_published_list(demo):
    published = demo_accounts()
    assert len(published) == len(DEMO_ORGS) * len(PER_ORG_ROLES) + len(GLOBAL_ROLES)
    stored = {a.username: a for a in _all(demo.engine, sm_select(Account))}
    assert set(stored) == {a.username for a in published}
    for account in published:
        row = stored[account.username]
        assert row.role == account.role
        assert secrets_box.account_secret(row) == account.totp_secret != row.totp_secret
        assert row.totp_confirmed_at is not None
        assert row.is_demo and row.is_active
        assert row.password_hash and account.password not in row.password_hash
    sample = published[0]
    assert verify_password(stored[sample.username].password_hash, sample.password)
    assert demo.first.accounts == len(published)


def test_seeding_an_already_seeded_database_adds_nothing(demo):
    assert demo.again.organisations == 0
    assert demo.again.employees == 0
    assert demo.again.cases == 0
    assert demo.again.accounts == 0


def test_demo_acts_out_a_stop_a_breach_and_letters_through_the_use_cases(demo):
    """The privacy duties (services/demo/privacy_duties.py) on one person of their own:
    reported sick by the employer, a GP machtiging asked, stopped by the privacy officer,
    told of a high-risk breach; without an account or address every telling is a letter."""
    with Session(demo.engine) as session:
        [stop] = session.exec(sm_select(ProcessingRestriction)).all()
        person = session.get(Employee, stop.employee_id)
        assert person is not None and person.personnel_number == stopped_case.NUMBER
        assert stop.lifted_at is None and not person.email
        assert not session.exec(sm_select(Account).where(Account.employee_id == person.id)).all()
        [case] = session.exec(
            sm_select(SickLeaveCase).where(SickLeaveCase.employee_id == person.id)
        ).all()
        [asked] = session.exec(
            sm_select(ConsentRecord).where(ConsentRecord.employee_id == person.id)
        ).all()
        assert (asked.case_id, asked.status, asked.granted_at) == (case.id, "requested", None)
        [breach] = session.exec(sm_select(Breach)).all()
        assert breach.risk == "high" and breach.ap_notified_at and breach.told_at
        [told] = session.exec(sm_select(BreachPerson)).all()
        assert told.employee_id == person.id and told.notified_at is not None
        letters = session.exec(
            sm_select(EmployeeLetter).where(EmployeeLetter.employee_id == person.id)
        ).all()
        assert {(letter.kind, letter.sent_at is not None) for letter in letters} == {
            ("consent_request", True),
            ("restriction_started", False),
            ("breach", False),
        }
        events = Counter(
            session.exec(
                sm_select(AuditEvent.event_type, AuditEvent.actor_account_id).where(
                    AuditEvent.subject_employee_id == person.id
                )
            ).all()
        )
    actors = {a.username: a.id for a in _all(demo.engine, sm_select(Account))}
    assert ("processing_restriction_started", actors["privacy.krachtwerkt"]) in events
    assert ("consent_requested", actors["arts.zorg"]) in events
    assert ("employee_letter_sent", actors["casemanager.zorg"]) in events


def test_demo_seed_is_audited_and_the_chain_verifies(demo):
    """Two seed events (the first run and the run that added nothing), and between them
    every act the demo made through the pages' use cases, audited as a page audits it
    (issue 15 item 9)."""
    with Session(demo.engine) as session:
        report = audit.verify_chain(session, secret=TEST_SECRET)
        assert not database_is_empty(session)
        kinds = set(session.exec(sm_select(AuditEvent.event_type)).all())
        seeds = session.exec(
            sm_select(AuditEvent.id).where(AuditEvent.event_type == "demo_seed")
        ).all()
    assert report.ok, report
    assert len(seeds) == 2
    made_by_pages = {
        "case_helper_added",
        "case_message_sent",
        "organisation_self_report_set",
        "case_estimate_recorded",  # O15: the doctor's estimate and the WIA status
    }
    assert made_by_pages <= kinds, kinds
    assert report.rows > 100


# --- determinism ---------------------------------------------------------------------------


def _model_classes() -> list[type[SQLModel]]:
    return [getattr(kwportal.models, name) for name in kwportal.models.__all__]


def _clock_columns() -> dict[str, set[str]]:
    """Columns filled from the wall clock (``default_factory=utcnow``)."""
    return {
        model.__tablename__: {
            name for name, field in model.model_fields.items() if field.default_factory is utcnow
        }
        for model in _model_classes()
    }


def _dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    clock = _clock_columns()
    dump = {}
    with engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            if table.name.startswith("audit_"):
                continue  # its hashes cover the wall-clock time of the seed
            kept = [c for c in table.columns if c.name not in clock[table.name]]
            dump[table.name] = [
                _opened(table.name, kept, tuple(row))
                for row in conn.execute(select(*kept).order_by(*table.primary_key.columns))
            ]
    return dump


def _opened(table: str, columns: list[Any], row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A sealed TOTP secret differs at every seal (a fresh nonce): compare what it opens to."""
    if table != "account":
        return row
    names = [c.name for c in columns]
    values = dict(zip(names, row, strict=True))
    if values["totp_secret"]:
        aad = secrets_box.account_aad(values["id"])
        values["totp_secret"] = secrets_box.keyring().open(values["totp_secret"], aad=aad)
    return tuple(values[n] for n in names)


def _seeded_sqlite(path: Path) -> Engine:
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with Session(engine) as session, session.begin():
        seed_demo(session, today=TODAY, secret=TEST_SECRET)
    return engine


def test_demo_seed_is_deterministic(tmp_path, monkeypatch):
    monkeypatch.setattr(
        "kwportal.services.demo.seed.hash_password", lambda password: f"plain:{password}"
    )
    first = _seeded_sqlite(tmp_path / "first.db")
    second = _seeded_sqlite(tmp_path / "second.db")
    try:
        one, two = _dump(first), _dump(second)
    finally:
        first.dispose()
        second.dispose()
    assert one.keys() == two.keys()
    # only in care: the built cases plus the stopped person (services/demo/stopped_case.py)
    assert len(one["employee"]) == sum(spec.cases for spec in DEMO_ORGS) + STOPPED
    assert len(one["workforce_figure"]) > 0
    assert len(one["sick_leave_case"]) >= 40
    differing = [table for table in one if one[table] != two[table]]
    assert not differing, f"tables that differ between two seeds: {differing}"


# --- scale data ------------------------------------------------------------------------------


def test_seed_scale_adds_an_employer_with_five_percent_on_sick_leave(engine):
    with Session(engine) as session, session.begin():
        summary = seed_scale(session, employees=300, today=TODAY, secret=TEST_SECRET)
    with Session(engine) as session, session.begin():
        seed_scale(session, employees=10, today=TODAY, secret=TEST_SECRET)

    assert (summary.organisations, summary.employees, summary.cases) == (1, 300, 15)
    assert summary.accounts == 0
    orgs = _all(engine, sm_select(Organisation).order_by(Organisation.id))
    assert len(orgs) == 2 and orgs[0].kvk_number != orgs[1].kvk_number
    employees = _all(engine, sm_select(func.count()).where(Employee.organisation_id == orgs[0].id))
    assert employees == [300]
    cases = _all(engine, sm_select(SickLeaveCase).order_by(SickLeaveCase.id))
    assert [c.organisation_id for c in cases].count(orgs[0].id) == 15
    assert [c.organisation_id for c in cases].count(orgs[1].id) == 1
    notes = _all(engine, sm_select(MedicalNote))
    assert {n.case_id for n in notes} == {c.id for c in cases}
    assert all("MEDISCH-" in n.body for n in notes)
    assert _all(engine, sm_select(Account)) == []
    with Session(engine) as session:
        report = audit.verify_chain(session, secret=TEST_SECRET)
    assert report.ok and report.rows == 2, report
