"""The employee reports himself sick and recovered (issue 15 item 7): only where his
employer allows it, through the page's real handlers (one unit per click), with the very
clock of the employer's report; the employer hears only that a report came in, the care
team as of any report; bad input is refused at its field and nothing is written; other
roles are refused."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, update
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import (
    AuditEvent,
    CareTeam,
    Employee,
    Organisation,
    SickLeaveCase,
    SickReport,
    TeamAssignment,
)
from kwportal.services.employer.deadlines import deadlines_for_cases
from kwportal.ui.pages.employee.self_report import MySelfReportState
from kwportal.ui.pages.employer.case import EmployerCaseState
from kwportal.ui.pages.employer.overview import EmployerOverviewState
from kwportal.ui.pages.employer.sick_report import SickReportState
from tests import factories
from tests.dutch_time import dutch_today
from tests.integration.auth_helpers import (  # noqa: F401 (cheap_argon2 is a fixture)
    CHEAP_HASH,
    cheap_argon2,
    new_enrolled,
    sign_in,
)
from tests.integration.outbox_helpers import Outbox
from tests.integration.served import portal_database
from tests.integration.state_driver import call, page_state

pytestmark = pytest.mark.usefixtures("cheap_argon2")
PAGE = "http://localhost:3000"
CARE = "ZORGADRES-SELF Kliniekweg 9, Zwolle"
PHONE = "+31 6 5555 0101"
CANARY = "MEDISCH-SELF hernia"


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


@dataclass(frozen=True)
class World:
    employee: str
    employee_account: int
    person: int
    colleague: int
    employer: str
    employer_account: int
    organisation: int
    organisation_name: str


def _world(engine: Engine, *, allowed: bool = True) -> World:
    """An employer (self report ``allowed`` or not) with a doctor's team, a signed-in
    contact, a signed-in employee and a colleague without an account."""
    now = datetime.now(UTC)
    with transaction(engine) as session:
        org = factories.organisation(session, employee_self_report=allowed)
        person = factories.employee(session, org, employment_start=date(2015, 1, 1))
        colleague = factories.employee(session, org, personnel_number="C-1")
        doctor = factories.account(session, Role.COMPANY_DOCTOR, email="arts@team.example")
        team = CareTeam(name="T", doctor_account_id=doctor.id)
        session.add(team)
        session.flush()
        session.add(TeamAssignment(care_team_id=team.id, organisation_id=org.id))
        ids = (org.id, org.name, person.id, colleague.id)
    org_id, name, person_id, colleague_id = ids
    assert org_id and person_id and colleague_id
    account, username, secret = new_enrolled(
        engine, CHEAP_HASH, role=Role.EMPLOYEE, employee_id=person_id, organisation_id=org_id
    )
    contact, c_user, c_secret = new_enrolled(
        engine, CHEAP_HASH, role=Role.EMPLOYER_CONTACT, organisation_id=org_id
    )
    return World(
        employee=sign_in(engine, username, secret, now),
        employee_account=account,
        person=person_id,
        colleague=colleague_id,
        employer=sign_in(engine, c_user, c_secret, now),
        employer_account=contact,
        organisation=org_id,
        organisation_name=name,
    )


class Begins:
    def __init__(self, engine: Engine) -> None:
        self.engine, self.seen = engine, 0

    def __enter__(self) -> Begins:
        event.listen(self.engine, "begin", self._count)
        return self

    def __exit__(self, *_exc: object) -> None:
        event.remove(self.engine, "begin", self._count)

    def _count(self, _connection: object) -> None:
        self.seen += 1


def _form(first: date, **changes: str) -> dict[str, str]:
    return {
        "first_sick_day": first.isoformat(),
        "contact_phone": PHONE,
        "contact_email": "",
        "care_address": CARE,
        "expected_duration": "weeks_1_2",
        "diagnosis": CANARY,  # not a field: never read, never kept
        **changes,
    }


def _my_page(world: World) -> MySelfReportState:
    state = page_state(MySelfReportState, world.employee, url=f"{PAGE}/my-report")
    call(state, "load")
    return state


def _cases(engine: Engine) -> list[SickLeaveCase]:
    with transaction(engine) as session:
        return list(session.exec(select(SickLeaveCase).order_by(col(SickLeaveCase.id))).all())


def _events(engine: Engine, kind: str) -> list[AuditEvent]:
    with transaction(engine) as session:
        query = select(AuditEvent).where(AuditEvent.event_type == kind)
        return list(session.exec(query.order_by(col(AuditEvent.id))).all())


def _today() -> date:
    return dutch_today()


def test_where_the_employer_does_not_allow_it_the_page_says_whom_to_call_and_writes_nothing(
    portal: Engine,
) -> None:
    world = _world(portal, allowed=False)
    mail = Outbox(portal)
    state = _my_page(world)
    assert state.loaded and not state.allowed
    assert state.organisation == world.organisation_name and state.open_since == ""
    call(state, "report_sick", _form(_today()))  # the form is not shown; a raw call
    assert state.notice_key == "self_report.not_allowed" and not state.allowed
    call(state, "report_recovered", {"recovery_date": _today().isoformat()})
    assert state.notice_key == "self_report.not_allowed"
    assert _cases(portal) == [] and _events(portal, "sick_report") == []
    assert mail.drain() == []


def test_sick_and_recovered_one_unit_each_on_the_employers_clock(portal: Engine) -> None:
    world = _world(portal)
    mail = Outbox(portal)
    first = _today() - timedelta(days=60)
    state = _my_page(world)
    assert state.allowed and state.open_since == ""
    with Begins(portal) as begins:
        call(state, "report_sick", _form(first))
    assert begins.seen == 1, "one click, one unit"
    assert state.notice_key == "self_report.sick_done" and state.error_keys == []
    assert state.open_since == first.isoformat()
    # the employer reports the colleague with the same first sick day, the employer's way
    employer = page_state(SickReportState, world.employer, url=f"{PAGE}/employer-sick-report")
    call(employer, "load")
    call(
        employer,
        "submit_report",
        {
            "personnel_number": "C-1",
            "first_sick_day": first.isoformat(),
            "contact_phone": "+31 6 1111 2222",
            "expected_duration": "weeks_1_2",
            "safety_net": "no",
            "work_accident": "no",
            "traffic_accident": "no",
        },
    )
    assert employer.notice_key == "sick.done"
    own, colleagues = _cases(portal)
    assert own.employee_id == world.person and own.sick_report_date == first
    assert own.care_address == CARE
    with transaction(portal) as session:
        report = session.exec(select(SickReport).where(SickReport.case_id == own.id)).one()
    assert report.reported_by_account_id == world.employee_account
    assert (report.contact_phone, report.expected_duration) == (PHONE, "weeks_1_2")
    assert CANARY not in repr(report)
    assert _clock(portal, world, own.id) == _clock(portal, world, colleagues.id)
    sent = mail.drain()
    assert {m.to for m in sent} >= {"arts@team.example"}

    recovered = _today() - timedelta(days=3)
    with Begins(portal) as begins:
        call(state, "report_recovered", {"recovery_date": recovered.isoformat()})
    assert begins.seen == 1
    assert state.notice_key == "self_report.recovered_done" and state.open_since == ""
    case_page = page_state(
        EmployerCaseState, world.employer, url=f"{PAGE}/employer-case?case={colleagues.id}"
    )
    call(case_page, "load")
    call(case_page, "report_recovery", {"recovery_date": recovered.isoformat()})
    assert case_page.notice_key == "recovery.done"
    assert _clock(portal, world, own.id) == _clock(portal, world, colleagues.id)
    assert [e.actor_role for e in _events(portal, "sick_report")] == [
        "employee",
        "employer_contact",
    ]
    recoveries = _events(portal, "recovery_report")
    assert recoveries[0].actor_account_id == world.employee_account
    assert json.loads(recoveries[0].details) == {"field": "recovery_date"}


def _clock(engine: Engine, world: World, case_id: int | None) -> list[tuple[str, date, bool]]:
    """The Poortwachter deadlines of a case as its employer sees them."""
    assert case_id is not None
    actor = Actor(world.employer_account, Role.EMPLOYER_CONTACT, organisation_id=world.organisation)
    with transaction(engine) as session:
        lines = deadlines_for_cases(actor, [case_id], session=session, today=_today())[case_id]
    return [(str(line.step), line.due, line.overdue) for line in lines]


def test_the_employer_hears_only_that_a_report_came_in(portal: Engine) -> None:
    world = _world(portal)
    mail = Outbox(portal)
    state = _my_page(world)
    call(state, "report_sick", _form(_today() - timedelta(days=2)))
    sent = mail.drain()
    to_employer = [m for m in sent if m.to.endswith("@example.test")]
    assert len(to_employer) == 1
    with transaction(portal) as session:
        person = session.get(Employee, world.person)
        assert person is not None
        name, number = person.last_name, person.personnel_number
    for message in sent:
        text = message.subject + message.body
        for secret in (CARE, PHONE, CANARY, name, number):
            assert secret not in text
    overview = page_state(EmployerOverviewState, world.employer, url=f"{PAGE}/employer")
    call(overview, "load")
    (row,) = overview.rows
    case_page = page_state(EmployerCaseState, world.employer, url=f"{PAGE}{row.href}")
    call(case_page, "load")
    assert case_page.found
    for frame in (overview, case_page):
        dumped = repr(frame.dict()) + repr(frame.__dict__)  # type: ignore[attr-defined]
        for secret in (CARE, PHONE, CANARY, "weeks_1_2"):
            assert secret not in dumped
    dumped = repr(state.dict()) + repr(state.__dict__)  # type: ignore[attr-defined]
    assert CARE not in dumped and PHONE not in dumped  # typed values never kept in state


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"first_sick_day": "morgen"}, [["first_sick_day", "sick.error.date"]]),
        ({"first_sick_day": "2999-01-01"}, [["first_sick_day", "sick.error.future"]]),
        ({"contact_phone": "bel me niet"}, [["contact_phone", "sick.error.phone"]]),
        ({"contact_phone": ""}, [["contact_phone", "sick.error.contact"]]),
        ({"care_address": "x" * 301}, [["care_address", "sick.error.too_long"]]),
        ({"expected_duration": "griep"}, [["expected_duration", "sick.error.choose"]]),
    ],
)
def test_bad_sick_reports_are_refused_at_the_field_and_nothing_is_written(
    portal: Engine, changes: dict[str, str], expected: list[list[str]]
) -> None:
    world = _world(portal)
    mail = Outbox(portal)
    state = _my_page(world)
    call(state, "report_sick", _form(_today(), **changes))
    assert state.error_keys == expected and state.notice_key == ""
    assert state.errors[expected[0][0]] != ""
    assert _cases(portal) == [] and _events(portal, "sick_report") == []
    assert mail.drain() == []


def test_a_second_report_and_bad_recoveries_are_refused(portal: Engine) -> None:
    world = _world(portal)
    state = _my_page(world)
    call(state, "report_recovered", {"recovery_date": _today().isoformat()})
    assert state.error_keys == [["recovery_date", "self_report.error.no_open_case"]]
    first = _today() - timedelta(days=5)
    call(state, "report_sick", _form(first))
    call(state, "report_sick", _form(first))
    assert state.error_keys == [["first_sick_day", "sick.error.already_open"]]
    for raw, code in (
        ((first - timedelta(days=1)).isoformat(), "recovery.error.before"),
        ((_today() + timedelta(days=1)).isoformat(), "sick.error.future"),
        ("gisteren", "sick.error.date"),
    ):
        call(state, "report_recovered", {"recovery_date": raw})
        assert state.error_keys == [["recovery_date", code]]
    (case,) = _cases(portal)
    assert case.recovery_date is None and len(_events(portal, "recovery_report")) == 0


def test_a_setting_switched_off_meanwhile_refuses_the_report(portal: Engine) -> None:
    world = _world(portal)
    state = _my_page(world)
    with transaction(portal) as session:
        session.execute(
            update(Organisation)
            .where(col(Organisation.id) == world.organisation)
            .values(employee_self_report=False)
        )
    call(state, "report_sick", _form(_today()))
    assert state.notice_key == "self_report.not_allowed" and not state.allowed
    assert _cases(portal) == []


def test_other_roles_are_refused_raw_and_nothing_is_written(portal: Engine) -> None:
    world = _world(portal)
    as_employer = page_state(MySelfReportState, world.employer, url=f"{PAGE}/my-report")
    call(as_employer, "load")
    assert not as_employer.loaded
    call(as_employer, "report_sick", _form(_today()))
    no_session = page_state(MySelfReportState, "not-a-session", url=f"{PAGE}/my-report")
    call(no_session, "report_sick", _form(_today()))
    assert _cases(portal) == [] and _events(portal, "sick_report") == []
