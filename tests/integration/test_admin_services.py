"""The administrator (issue 7, item 8): organisations, accounts, doctor ↔ employer
assignments and team membership; validated, transactional, audited, and never touching a
table with health data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import Account, AuditEvent, LoginSession, Organisation, TeamAssignment
from kwportal.services import audit
from kwportal.services.admin import accounts as admin_accounts
from kwportal.services.admin import organisations as admin_orgs
from kwportal.services.admin import teams as admin_teams
from kwportal.services.admin.common import AdminError
from kwportal.services.auth.actors import actor_for
from kwportal.services.auth.common import Context
from tests import factories
from tests.conftest import TEST_SECRET

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
CTX = Context(
    access=audit.AccessPoint(ip="127.0.0.1", agent="pytest"),
    now=NOW,
    secret=TEST_SECRET,
    origin="https://portal.example",
)
HEALTH_TABLES = (
    "sick_leave_case",
    "medical_note",
    "questionnaire_answer",
    "employer_feedback",
    "exposure_record",
    "case_document",
    "appointment",
    "sick_report",
)


def _admin(session: Session) -> Actor:
    account = factories.account(session, Role.ADMIN)
    return Actor(account.id, Role.ADMIN)


def _events(session: Session, event_type: str) -> list[AuditEvent]:
    return list(
        session.exec(
            select(AuditEvent)
            .where(AuditEvent.event_type == event_type)
            .order_by(col(AuditEvent.id))
        )
    )


@contextmanager
def statements(engine: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def remember(_conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
        seen.append(sql.lower())

    event.listen(engine, "before_cursor_execute", remember)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", remember)


def test_organisation_created_listed_and_contract_ended(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        admin = _admin(session)
        org_id = admin_orgs.create_organisation(
            admin,
            name="  Nieuwe   Klant BV ",
            kvk_number="1234 5678",
            contract_start=date(2024, 1, 1),
            session=session,
            ctx=CTX,
        )
        admin_orgs.set_contract_end(admin, org_id, date(2026, 12, 31), session=session, ctx=CTX)
        (line,) = [o for o in admin_orgs.organisations(admin, session=session) if o.name != ""]
        assert (line.name, line.kvk_number, line.contract_end) == (
            "Nieuwe Klant BV",
            "12345678",
            date(2026, 12, 31),
        )
        (created,) = _events(session, "organisation_created")
        (ended,) = _events(session, "organisation_contract_end_set")
        assert (created.action, created.ground) == ("create", "contract")
        assert json.loads(ended.details) == {"old": None, "new": "2026-12-31"}


@pytest.mark.parametrize(
    ("name", "kvk", "code"),
    [
        ("", "12345678", "admin.name_required"),
        ("x" * 201, "12345678", "admin.name_too_long"),
        ("Klant", "1234567", "admin.bad_kvk"),
        ("Klant", "1234567a", "admin.bad_kvk"),
    ],
)
def test_organisation_input_is_checked(engine: Engine, name: str, kvk: str, code: str) -> None:
    with Session(engine) as session, session.begin():
        admin = _admin(session)
        with pytest.raises(AdminError) as refused:
            admin_orgs.create_organisation(
                admin,
                name=name,
                kvk_number=kvk,
                contract_start=date(2024, 1, 1),
                session=session,
                ctx=CTX,
            )
    assert refused.value.code == code


def test_duplicate_kvk_and_end_before_start_are_refused(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        admin = _admin(session)
        org = factories.organisation(session, kvk_number="87654321")
        with pytest.raises(AdminError, match=r"admin\.kvk_taken"):
            admin_orgs.create_organisation(
                admin,
                name="Dubbel",
                kvk_number="87654321",
                contract_start=date(2024, 1, 1),
                session=session,
                ctx=CTX,
            )
        with pytest.raises(AdminError, match=r"admin\.end_before_start"):
            admin_orgs.set_contract_end(
                admin, org.id or 0, date(2019, 1, 1), session=session, ctx=CTX
            )


def test_invite_uses_the_invitation_flow_and_binds_an_employee(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        admin = _admin(session)
        org = factories.organisation(session)
        person = factories.employee(session, org, personnel_number="E777")
        outcome = admin_accounts.invite(
            admin,
            admin_accounts.Invitation(
                username="Nieuwe.Werknemer",
                display_name="Nieuwe Werknemer",
                email="nieuw@example.test",
                role="employee",
                organisation_id=org.id,
                personnel_number="E777",
            ),
            session=session,
            ctx=CTX,
        )
        account = session.exec(select(Account).where(Account.username == "nieuwe.werknemer")).one()
        assert (account.employee_id, account.organisation_id) == (person.id, org.id)
        assert account.password_hash is None
        (mail,) = outcome.mails
        assert mail.to == "nieuw@example.test" and "/invite?token=" in mail.body
        assert _events(session, "account_invited")


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"role": "system"}, "admin.unknown_role"),
        ({"role": "root"}, "admin.unknown_role"),
        ({"username": "a b"}, "admin.bad_username"),
        ({"email": "geen-adres"}, "admin.bad_email"),
        ({"display_name": ""}, "admin.display_name_required"),
        ({"role": "employer_contact", "organisation_id": None}, "admin.organisation_required"),
        ({"role": "employee", "personnel_number": "NOPE"}, "admin.unknown_employee"),
        ({"username": "bestaat.al"}, "auth.username_taken"),
    ],
)
def test_invite_input_is_checked(engine: Engine, changes: dict[str, Any], code: str) -> None:
    with Session(engine) as session, session.begin():
        admin = _admin(session)
        org = factories.organisation(session)
        factories.account(session, Role.CASE_MANAGER, username="bestaat.al")
        values: dict[str, Any] = {
            "username": "nieuw.account",
            "display_name": "Nieuw",
            "email": "nieuw@example.test",
            "role": "case_manager",
            "organisation_id": org.id,
            **changes,
        }
        with pytest.raises(AdminError) as refused:
            admin_accounts.invite(
                admin, admin_accounts.Invitation(**values), session=session, ctx=CTX
            )
    assert refused.value.code == code


def test_deactivate_ends_sessions_and_unlock_resets(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        admin = _admin(session)
        other = factories.account(session, Role.CARE_TEAM, locked_at=NOW)
        assert other.id is not None
        session.add(
            LoginSession(
                token_hash="h" * 64,
                account_id=other.id,
                stage="active",
                created_at=NOW,
                last_seen_at=NOW,
            )
        )
        session.flush()
        admin_accounts.set_active(admin, other.id, False, session=session, ctx=CTX)
        admin_accounts.unlock(admin, other.id, session=session, ctx=CTX)
        row = session.exec(select(LoginSession).where(LoginSession.account_id == other.id)).one()
        assert row.ended_at is not None and row.end_reason == "account_deactivated"
        session.refresh(other)
        assert not other.is_active and other.locked_at is None
        assert other.failures_reset_at == NOW
        with pytest.raises(AdminError, match=r"admin\.not_locked"):
            admin_accounts.unlock(admin, other.id, session=session, ctx=CTX)
        with pytest.raises(AdminError, match=r"admin\.not_yourself"):
            admin_accounts.set_active(admin, admin.account_id or 0, False, session=session, ctx=CTX)
        admin_accounts.set_active(admin, other.id, True, session=session, ctx=CTX)
        assert [
            e.event_type for e in session.exec(select(AuditEvent)) if "account_" in e.event_type
        ][-3:] == ["account_deactivated", "account_unlocked", "account_reactivated"]
        lines = admin_accounts.accounts(admin, session=session, ctx=CTX, query=other.username)
        assert [(a.username, a.active, a.locked) for a in lines] == [(other.username, True, False)]


def test_assignment_changes_scope_at_once(engine: Engine) -> None:
    """Moving an employer to another team moves the doctor's and member's reach with it."""
    with Session(engine) as session, session.begin():
        admin = _admin(session)
        org = factories.organisation(session)
        doc_a = factories.account(session, Role.COMPANY_DOCTOR)
        doc_b = factories.account(session, Role.COMPANY_DOCTOR)
        member = factories.account(session, Role.CARE_TEAM)
        team_a = admin_teams.create_team(admin, "Team A", doc_a.id or 0, session=session, ctx=CTX)
        team_b = admin_teams.create_team(admin, "Team B", doc_b.id or 0, session=session, ctx=CTX)
        admin_teams.add_member(admin, team_a, member.id or 0, session=session, ctx=CTX)
        admin_teams.assign_employer(admin, team_a, org.id or 0, session=session, ctx=CTX)
        assert org.id in actor_for(session, doc_a).employer_ids
        assert org.id in actor_for(session, member).employer_ids
        assert org.id not in actor_for(session, doc_b).employer_ids

        admin_teams.assign_employer(admin, team_b, org.id or 0, session=session, ctx=CTX)
        assert org.id not in actor_for(session, doc_a).employer_ids
        assert org.id not in actor_for(session, member).employer_ids
        assert org.id in actor_for(session, doc_b).employer_ids

        admin_teams.add_member(admin, team_b, member.id or 0, session=session, ctx=CTX)
        assert org.id in actor_for(session, member).employer_ids
        admin_teams.remove_member(admin, member.id or 0, session=session, ctx=CTX)
        assert actor_for(session, member).employer_ids == frozenset()
        admin_teams.unassign_employer(admin, org.id or 0, session=session, ctx=CTX)
        assert actor_for(session, doc_b).employer_ids == frozenset()
        moved = _events(session, "team_assignment_set")
        assert [json.loads(e.details)["old_team"] for e in moved] == [None, team_a]
        (line_b,) = [t for t in admin_teams.teams(admin, session=session) if t.team_id == team_b]
        assert line_b.employers == () and line_b.members == ()


def test_team_rules(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        admin = _admin(session)
        doctor = factories.account(session, Role.COMPANY_DOCTOR)
        nurse = factories.account(session, Role.CARE_TEAM)
        employee = factories.account(session, Role.EMPLOYEE)
        with pytest.raises(AdminError, match=r"admin\.not_a_doctor"):
            admin_teams.create_team(admin, "T", nurse.id or 0, session=session, ctx=CTX)
        team = admin_teams.create_team(admin, "T", doctor.id or 0, session=session, ctx=CTX)
        with pytest.raises(AdminError, match=r"admin\.doctor_has_team"):
            admin_teams.create_team(admin, "T2", doctor.id or 0, session=session, ctx=CTX)
        with pytest.raises(AdminError, match=r"admin\.not_a_member_role"):
            admin_teams.add_member(admin, team, employee.id or 0, session=session, ctx=CTX)
        with pytest.raises(AdminError, match=r"admin\.unknown_organisation"):
            admin_teams.assign_employer(admin, team, 999_999, session=session, ctx=CTX)
        with pytest.raises(AdminError, match=r"admin\.team_name_required"):
            admin_teams.create_team(admin, " ", doctor.id or 0, session=session, ctx=CTX)
        offered = admin_teams.choices(admin, session=session)
        assert doctor.id not in {c.value for c in offered["doctors"]}
        assert nurse.id in {c.value for c in offered["staff"]}


def test_a_refused_change_leaves_nothing(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        admin = _admin(session)
        doctor = factories.account(session, Role.COMPANY_DOCTOR)
        org = factories.organisation(session)
        team = admin_teams.create_team(admin, "T", doctor.id or 0, session=session, ctx=CTX)
    with pytest.raises(RuntimeError), Session(engine) as session, session.begin():
        admin_teams.assign_employer(admin, team, org.id or 0, session=session, ctx=CTX)
        raise RuntimeError("crash before commit")
    with Session(engine) as session:
        assert session.exec(select(TeamAssignment)).all() == []
        assert _events(session, "team_assignment_set") == []


@pytest.mark.parametrize(
    "role", [Role.EMPLOYEE, Role.COMPANY_DOCTOR, Role.PRIVACY_OFFICER, Role.SYSTEM], ids=str
)
def test_only_the_admin(engine: Engine, role: Role) -> None:
    actor = Actor(1, role)
    with Session(engine) as session, session.begin():
        org = factories.organisation(session)
        calls = [
            lambda: admin_orgs.organisations(actor, session=session),
            lambda: admin_orgs.set_contract_end(actor, org.id or 0, None, session=session, ctx=CTX),
            lambda: admin_accounts.accounts(actor, session=session, ctx=CTX),
            lambda: admin_accounts.unlock(actor, 1, session=session, ctx=CTX),
            lambda: admin_teams.teams(actor, session=session),
            lambda: admin_teams.unassign_employer(actor, org.id or 0, session=session, ctx=CTX),
        ]
        for call in calls:
            with pytest.raises(AdminError, match=r"auth\.not_allowed"):
                call()


def test_admin_never_reads_a_table_with_health_data(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        admin = _admin(session)
        org = factories.organisation(session)
        person = factories.employee(session, org)
        factories.sick_case(session, person, care_address="ZORGADRES-ADM")
        doctor = factories.account(session, Role.COMPANY_DOCTOR)
    with statements(engine) as seen, Session(engine) as session, session.begin():
        team = admin_teams.create_team(admin, "T", doctor.id or 0, session=session, ctx=CTX)
        admin_teams.assign_employer(admin, team, org.id or 0, session=session, ctx=CTX)
        admin_teams.teams(admin, session=session)
        admin_teams.choices(admin, session=session)
        admin_orgs.organisations(admin, session=session)
        admin_orgs.set_contract_end(admin, org.id or 0, date(2027, 1, 1), session=session, ctx=CTX)
        admin_accounts.accounts(admin, session=session, ctx=CTX)
    assert seen
    for sql in seen:
        for table in HEALTH_TABLES:
            assert f" {table}" not in sql and f'"{table}"' not in sql, sql
    with Session(engine) as session:
        assert session.get(Organisation, org.id) is not None
