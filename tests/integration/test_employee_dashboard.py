"""The employee's start page as a dashboard (issue 18 item 4): one unit loads his case, his
next appointment and what he is asked to do — his own, nobody else's — in a fresh world
without the demo seed (``plan_world``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select, update

from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.models import Account, Appointment, AuditEvent, ConsentRecord, Employee
from kwportal.services.auth import portal
from kwportal.services.employee import dashboard as dash
from kwportal.services.employer import plan as plans
from kwportal.services.employer.plan_form import ActionInput, PlanInput
from kwportal.ui.pages.portal.dashboard import DashboardState
from tests import factories
from tests.integration.auth_helpers import (  # noqa: F401 (cheap_argon2 is a fixture)
    CHEAP_HASH,
    cheap_argon2,
    new_enrolled,
    sign_in,
)
from tests.integration.plan_world import WEEK_7, WEEK_13, World, act_as, build_world
from tests.integration.served import portal_database
from tests.integration.state_driver import call, page_state
from tests.integration.test_employer_units import Begins


@pytest.fixture
def world(sqlite_engine: Engine) -> World:
    w = build_world(sqlite_engine)
    with transaction(sqlite_engine) as session:
        session.execute(
            update(Employee).where(col(Employee.id) == w.a.employees[0]).values(first_name="Anouk")
        )
    return w


def _appointment(
    engine: Engine, world: World, employee: int, starts: datetime, **kw: object
) -> None:
    case = world.a.cases[world.a.employees.index(employee)]
    with transaction(engine) as session:
        session.add(
            Appointment(
                case_id=case,
                employee_id=employee,
                with_account_id=world.a.doctor,
                starts_at=starts,
                location="Spreekkamer 2, Hengelo",
                subject="MEDISCH-onderwerp",
                **kw,
            )
        )


def _consent_request(engine: Engine, employee: int, status: str = "requested") -> None:
    with transaction(engine) as session:
        session.add(
            ConsentRecord(
                employee_id=employee,
                kind="gp_authorisation",
                purpose="Informatie opvragen bij de huisarts",
                data_description="Behandelgegevens",
                recipient="Bedrijfsarts",
                notice_version="1",
                status=status,
                requested_at=WEEK_7,
            )
        )


def test_a_fresh_case_greets_by_name_and_asks_for_the_questionnaire(
    sqlite_engine: Engine, world: World
) -> None:
    home, _ = act_as(sqlite_engine, world.employee, portal.do_open_home)
    view = home.dashboard
    assert view is not None
    assert view.first_name == "Anouk"
    assert view.greeting == "morning"  # 10:00 UTC in February is 11:00 in Amsterdam
    assert view.case_state == dash.CASE_OPEN and view.sick_since is not None
    assert view.next_consult is None
    assert (view.consent_requests, view.intake_to_fill, view.plans_to_answer) == (0, True, 0)
    assert view.to_do == 1


def test_the_next_appointment_is_his_own_first_one_ahead(
    sqlite_engine: Engine, world: World
) -> None:
    mine, other = world.a.employees
    _appointment(sqlite_engine, world, mine, WEEK_7 - timedelta(days=1))
    _appointment(sqlite_engine, world, mine, WEEK_7 + timedelta(days=2), status="cancelled")
    _appointment(sqlite_engine, world, mine, WEEK_7 + timedelta(days=9), minutes=45)
    _appointment(sqlite_engine, world, mine, WEEK_7 + timedelta(days=5), status="confirmed")
    _appointment(sqlite_engine, world, other, WEEK_7 + timedelta(days=1))
    home, _ = act_as(sqlite_engine, world.employee, portal.do_open_home)
    assert home.dashboard is not None
    consult = home.dashboard.next_consult
    assert consult is not None
    assert consult.starts_at == WEEK_7 + timedelta(days=5)
    assert consult.status == "confirmed" and consult.with_role == str(Role.COMPANY_DOCTOR)
    # the subject is medical and the care staff go by function: neither is in the view
    assert "MEDISCH" not in repr(home.dashboard) and "Dr A" not in repr(home.dashboard)
    # a consult has been held (yesterday's): the questionnaire is closed
    assert home.dashboard.intake_to_fill is False


def test_what_he_is_asked_to_do_counts_only_his_open_requests(
    sqlite_engine: Engine, world: World
) -> None:
    mine, other = world.a.employees
    _consent_request(sqlite_engine, mine)
    _consent_request(sqlite_engine, mine)
    _consent_request(sqlite_engine, mine, status="granted")
    _consent_request(sqlite_engine, other)
    started, _ = act_as(
        sqlite_engine,
        world.boss,
        plans.do_start_plan,
        world.case,
        "plan_of_action",
        "2026-03-01",
        now=WEEK_13,
    )
    assert started.draft is not None
    plan_input = PlanInput(
        "Terug in eigen werk.",
        "Aangepast rooster.",
        (ActionInput("Rooster", "HR", "2026-04-10", 0),),
    )
    args = (world.case, started.draft.plan_id, 0, plan_input, True)
    act_as(sqlite_engine, world.boss, plans.do_save_plan, *args, now=WEEK_13)
    home, _ = act_as(sqlite_engine, world.employee, portal.do_open_home, now=WEEK_13)
    view = home.dashboard
    assert view is not None
    assert (view.consent_requests, view.plans_to_answer) == (2, 1)
    assert view.greeting == "afternoon"  # 10:00 UTC on 1 April is 12:00 in Amsterdam (CEST)


def test_without_a_case_the_page_is_calm(sqlite_engine: Engine, world: World) -> None:
    with transaction(sqlite_engine) as session:
        org = session.get(Employee, world.a.employees[0])
        assert org is not None
        person = factories.employee(session, factories.organisation(session), first_name="Bram")
        login = factories.account(
            session, Role.EMPLOYEE, employee_id=person.id, organisation_id=person.organisation_id
        )
    home, _ = act_as(sqlite_engine, login.id or 0, portal.do_open_home)
    assert home.dashboard == dash.Dashboard("Bram", "morning")
    assert home.dashboard.to_do == 0


def test_staff_get_no_dashboard_and_reading_it_writes_nothing(
    sqlite_engine: Engine, world: World
) -> None:
    home, _ = act_as(sqlite_engine, world.a.doctor, portal.do_open_home)
    assert home.dashboard is None
    with Session(sqlite_engine) as session:
        before = len(session.exec(select(AuditEvent.id)).all())
    act_as(sqlite_engine, world.employee, portal.do_open_home)
    with Session(sqlite_engine) as session:
        # his own data: not audited as someone else's read (as on his other pages)
        assert len(session.exec(select(AuditEvent.id)).all()) == before
        assert session.get(Account, world.employee) is not None


@pytest.mark.parametrize(
    ("utc", "word"),
    [
        (datetime(2026, 12, 5, 4, 59, tzinfo=UTC), "hello"),  # 05:59 CET
        (datetime(2026, 12, 5, 5, 0, tzinfo=UTC), "morning"),  # 06:00 CET
        (datetime(2026, 12, 5, 10, 59, tzinfo=UTC), "morning"),  # 11:59 CET
        (datetime(2026, 7, 5, 10, 0, tzinfo=UTC), "afternoon"),  # 12:00 CEST
        (datetime(2026, 7, 5, 16, 0, tzinfo=UTC), "evening"),  # 18:00 CEST
        (datetime(2026, 12, 5, 22, 30, tzinfo=UTC), "evening"),  # 23:30 CET
        (datetime(2026, 12, 5, 23, 30), "hello"),  # naive is UTC: 00:30 CET
    ],
)
def test_the_greeting_follows_the_clock_in_amsterdam(utc: datetime, word: str) -> None:
    assert dash.greeting_for(utc) == word


@pytest.mark.usefixtures("cheap_argon2")
def test_the_start_page_loads_the_dashboard_in_one_unit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with portal_database(tmp_path, monkeypatch) as engine:
        world = build_world(engine)
        mine = world.a.employees[0]
        _appointment(engine, world, mine, datetime.now(UTC) + timedelta(days=3))
        _consent_request(engine, mine)
        _, username, secret = new_enrolled(engine, CHEAP_HASH, employee_id=mine)
        token = sign_in(engine, username, secret, datetime.now(UTC))
        state = page_state(DashboardState, token, url="http://localhost:3000/portal")
        with Begins(engine) as begins:
            call(state, "load")
        assert begins.seen == 1
        assert state.role == str(Role.EMPLOYEE) and state.first_name == "Test"
        assert state.case_state == "open" and state.case_line.startswith("U bent ziek gemeld")
        assert state.consult_when != "" and state.consult_role == str(Role.COMPANY_DOCTOR)
        assert [href for href, _ in state.todo_lines] == ["/my-consents", "/my-questionnaire"]
        assert "MEDISCH" not in repr(state.dict())
        doctor = page_state(
            DashboardState,
            sign_in(
                engine,
                *new_enrolled(engine, CHEAP_HASH, role=Role.COMPANY_DOCTOR)[1:],
                datetime.now(UTC),
            ),
        )
        call(doctor, "load")
        assert doctor.role == str(Role.COMPANY_DOCTOR) and doctor.todo_lines == []
        assert doctor.first_name == "" and doctor.consult_at == ""
