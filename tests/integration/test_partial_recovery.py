"""Partial recovery (issue 18 item 7) through the pages' real handlers: the employer reports
50 % working and sees the course as dates and percentages only; bad input is refused at its
field and nothing is written; each report is audited; the clock runs on until the full
recovery (100 %), which must come after the last step; another organisation's case reads as
missing; the employee reports his own partial recovery where allowed; his export holds it."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent, CareTeam, RecoveryStep, SickLeaveCase, TeamAssignment
from kwportal.services.employee.export_data import records
from kwportal.services.employer import partial_recovery
from kwportal.ui.pages.employee.employer_view import MyEmployerViewState
from kwportal.ui.pages.employee.self_report import MySelfReportState
from kwportal.ui.pages.employer.case import EmployerCaseState
from kwportal.ui.pages.employer.recovery import EmployerRecoveryState
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


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


@dataclass(frozen=True)
class World:
    employer: str
    employee: str
    case_id: int
    other_case_id: int
    person: int
    first: date


def _today() -> date:
    return dutch_today()


def _world(engine: Engine) -> World:
    """An employer that lets employees report themselves, with a doctor's team, one open
    case of 60 days, a signed-in contact and employee; and another employer's case."""
    first = _today() - timedelta(days=60)
    with transaction(engine) as session:
        org = factories.organisation(session, employee_self_report=True)
        person = factories.employee(session, org, employment_start=date(2015, 1, 1))
        case = factories.sick_case(session, person, sick_report_date=first)
        other_org = factories.organisation(session, name="Ander BV", kvk_number="99999999")
        stranger = factories.employee(session, other_org, personnel_number="X-1")
        other = factories.sick_case(session, stranger, sick_report_date=first)
        doctor = factories.account(session, Role.COMPANY_DOCTOR, email="arts@team.example")
        team = CareTeam(name="T", doctor_account_id=doctor.id)
        session.add(team)
        session.flush()
        session.add(TeamAssignment(care_team_id=team.id, organisation_id=org.id))
        ids = (org.id, person.id, case.id, other.id)
    org_id, person_id, case_id, other_id = ids
    assert org_id and person_id and case_id and other_id
    now = datetime.now(UTC)
    _, c_user, c_secret = new_enrolled(
        engine, CHEAP_HASH, role=Role.EMPLOYER_CONTACT, organisation_id=org_id
    )
    _, e_user, e_secret = new_enrolled(
        engine, CHEAP_HASH, role=Role.EMPLOYEE, employee_id=person_id, organisation_id=org_id
    )
    return World(
        employer=sign_in(engine, c_user, c_secret, now),
        employee=sign_in(engine, e_user, e_secret, now),
        case_id=case_id,
        other_case_id=other_id,
        person=person_id,
        first=first,
    )


def _page(world: World, case_id: int) -> EmployerRecoveryState:
    state = page_state(
        EmployerRecoveryState, world.employer, url=f"{PAGE}/employer-recovery?case={case_id}"
    )
    call(state, "load")
    return state


def _steps(engine: Engine) -> list[tuple[date, int]]:
    with transaction(engine) as session:
        rows = session.exec(select(RecoveryStep).order_by(col(RecoveryStep.id))).all()
        return [(r.from_date, r.percent_working) for r in rows]


def _events(engine: Engine, kind: str) -> list[AuditEvent]:
    with transaction(engine) as session:
        query = select(AuditEvent).where(AuditEvent.event_type == kind)
        return list(session.exec(query.order_by(col(AuditEvent.seq))).all())


def test_the_employer_reports_fifty_percent_and_sees_only_dates_and_percentages(
    portal: Engine,
) -> None:
    world = _world(portal)
    mail = Outbox(portal)
    state = _page(world, world.case_id)
    assert state.found and state.is_open and state.percent_now == 0
    assert state.period_data == [[world.first.isoformat(), "", "0"]]
    assert len(_events(portal, "partial_recovery_view")) == 1

    half = _today() - timedelta(days=10)
    call(state, "report", {"from_date": half.isoformat(), "percent_working": "50"})
    assert state.error_keys == [] and state.notice_key == "partial_recovery.done"
    assert state.percent_now == 50
    assert state.period_data == [
        [world.first.isoformat(), (half - timedelta(days=1)).isoformat(), "0"],
        [half.isoformat(), "", "50"],
    ]
    assert state.periods[-1].endswith("50\u00a0%")
    assert _steps(portal) == [(half, 50)]
    written = _events(portal, "partial_recovery_report")
    assert len(written) == 1 and written[0].subject_employee_id == world.person
    assert {m.to for m in mail.drain()} == {"arts@team.example"}
    # the screen the employer gets holds names, dates and percentages, nothing else
    screen = partial_recovery.RecoveryScreen
    assert {f.name for f in dataclasses.fields(screen)} == {
        "case_id",
        "first_name",
        "last_name",
        "personnel_number",
        "first_sick_day",
        "recovery_date",
        "periods",
        "percent_now",
        "today",
        "latest_day",
    }
    with transaction(portal) as session:
        case = session.get(SickLeaveCase, world.case_id)
        assert case is not None and case.recovery_date is None  # the clock runs on


@pytest.mark.parametrize(
    ("days_after_start", "percent", "field", "code"),
    [
        (-1, "50", "from_date", "partial_recovery.error.before_start"),
        (60 + 15, "50", "from_date", "partial_recovery.error.too_far"),
        (10, "half", "percent_working", "partial_recovery.error.percent"),
        (10, "101", "percent_working", "partial_recovery.error.percent"),
        (10, "0", "percent_working", "partial_recovery.error.already_sick"),
    ],
)
def test_bad_input_is_refused_at_its_field_and_nothing_is_written(
    portal: Engine, days_after_start: int, percent: str, field: str, code: str
) -> None:
    world = _world(portal)
    state = _page(world, world.case_id)
    day = world.first + timedelta(days=days_after_start)
    call(state, "report", {"from_date": day.isoformat(), "percent_working": percent})
    assert [field, code] in state.error_keys and state.notice_key == ""
    assert state.errors[field] != ""
    assert _steps(portal) == [] and _events(portal, "partial_recovery_report") == []


def test_steps_go_forward_and_full_recovery_comes_after_the_last(portal: Engine) -> None:
    world = _world(portal)
    state = _page(world, world.case_id)
    half = world.first + timedelta(days=30)
    call(state, "report", {"from_date": half.isoformat(), "percent_working": "50"})
    call(state, "report", {"from_date": half.isoformat(), "percent_working": "60"})
    assert ["from_date", "partial_recovery.error.not_after_last"] in state.error_keys
    call(state, "report", {"from_date": (half + timedelta(1)).isoformat(), "percent_working": "50"})
    assert ["percent_working", "partial_recovery.error.same"] in state.error_keys
    call(state, "report", {"from_date": half.isoformat(), "percent_working": "100"})
    assert ["from_date", "partial_recovery.error.recovery_before_step"] in state.error_keys
    back = half + timedelta(days=5)
    call(state, "report", {"from_date": back.isoformat(), "percent_working": "100"})
    assert state.notice_key == "partial_recovery.full_recorded" and not state.is_open
    assert state.recovery_date == back.isoformat() and state.percent_now == 100
    assert [row[2] for row in state.period_data] == ["0", "50"]
    assert len(_events(portal, "recovery_report")) == 1


def test_another_organisations_case_reads_as_missing(portal: Engine) -> None:
    world = _world(portal)
    state = _page(world, world.other_case_id)
    assert not state.found and state.not_found_key == "partial_recovery.not_found"
    state._case_id = world.other_case_id  # a forged id never reaches another's case
    call(state, "report", {"from_date": _today().isoformat(), "percent_working": "50"})
    assert not state.found and _steps(portal) == []


def test_the_employee_reports_his_own_partial_recovery_and_his_export_holds_it(
    portal: Engine,
) -> None:
    world = _world(portal)
    mine = page_state(MySelfReportState, world.employee, url=f"{PAGE}/my-report")
    call(mine, "load")
    half = _today() - timedelta(days=3)
    call(mine, "report_partial", {"from_date": half.isoformat(), "percent_working": "40"})
    assert mine.error_keys == [] and mine.notice_key == "self_report.partial_done"
    assert _steps(portal) == [(half, 40)]
    call(mine, "report_partial", {"from_date": half.isoformat(), "percent_working": "x"})
    assert ["percent_working", "partial_recovery.error.percent"] in mine.error_keys
    with transaction(portal) as session:
        exported = list(records(session, world.person, "recovery_steps"))
    assert [(r["from_date"], r["percent_working"]) for r in exported] == [(half.isoformat(), 40)]
    state = _page(world, world.case_id)
    assert state.percent_now == 40


def test_a_sick_report_can_say_partly_sick_from_the_first_day(portal: Engine) -> None:
    world = _world(portal)
    form = {
        "personnel_number": "P-50",
        "first_name": "Deel",
        "last_name": "Tijd",
        "first_sick_day": (_today() - timedelta(days=2)).isoformat(),
        "contact_phone": "+31 6 1111 2222",
        "expected_duration": "weeks_1_2",
        "safety_net": "no",
        "work_accident": "no",
        "traffic_accident": "no",
    }
    state = page_state(SickReportState, world.employer, url=f"{PAGE}/employer-sick-report")
    call(state, "load")
    call(state, "submit_report", {**form, "percent_working": "100"})
    assert ["percent_working", "partial_recovery.error.sick_percent"] in state.error_keys
    assert _steps(portal) == []
    call(state, "submit_report", {**form, "percent_working": "50"})
    assert state.error_keys == [] and state.notice_key == "sick.done"
    assert _steps(portal) == [(_today() - timedelta(days=2), 50)]
    assert len(_events(portal, "partial_recovery_report")) == 1


def test_the_employee_can_report_himself_partly_sick_where_allowed(portal: Engine) -> None:
    world = _world(portal)
    with transaction(portal) as session:  # his open case recovered: he may report again
        case = session.get(SickLeaveCase, world.case_id)
        assert case is not None
        case.recovery_date = _today() - timedelta(days=40)
        session.add(case)
    mine = page_state(MySelfReportState, world.employee, url=f"{PAGE}/my-report")
    call(mine, "load")
    first = _today() - timedelta(days=1)
    form = {
        "first_sick_day": first.isoformat(),
        "contact_phone": "+31 6 5555 0101",
        "expected_duration": "weeks_1_2",
    }
    call(mine, "report_sick", {**form, "percent_working": "0,5"})
    assert ["percent_working", "partial_recovery.error.sick_percent"] in mine.error_keys
    call(mine, "report_sick", {**form, "percent_working": "30"})
    assert mine.error_keys == [] and mine.notice_key == "self_report.sick_done"
    assert _steps(portal) == [(first, 30)]


def test_the_case_page_and_what_the_employee_sees_show_the_percentage_now(
    portal: Engine,
) -> None:
    """The employer's case page says how much he works now and since when (BRIEF.md: "the
    percentage back at work when partly recovered"), and the employee's "what my employer
    sees" shows the same card; before any step, and when fully sick again, it says nothing."""
    world = _world(portal)

    def cards() -> tuple[tuple[str, str], tuple[str, str]]:
        employer = page_state(
            EmployerCaseState, world.employer, url=f"{PAGE}/employer-case?case={world.case_id}"
        )
        call(employer, "load")
        mine = page_state(MyEmployerViewState, world.employee, url=f"{PAGE}/my-employer-view")
        call(mine, "load")
        return (
            (employer.card.working_now, employer.card.working_since),
            (mine.card.working_now, mine.card.working_since),
        )

    assert cards() == (("", ""), ("", ""))
    half = _today() - timedelta(days=10)
    call(
        _page(world, world.case_id),
        "report",
        {"from_date": half.isoformat(), "percent_working": "50"},
    )
    shown = ("50\u00a0%", half.strftime("%d-%m-%Y"))
    assert cards() == (shown, shown)
    again = _today() - timedelta(days=2)
    state = _page(world, world.case_id)
    call(state, "report", {"from_date": again.isoformat(), "percent_working": "0"})
    assert state.error_keys == [], state.error_keys
    assert cards() == (("", ""), ("", ""))
