"""The consult pages driven through their real handlers (issue 15 item 1): the doctor adds
slots (bad input at the field, nothing written), the case manager books from
``/care-consults?case=N`` in one unit, the employee confirms and asks to move on
``/my-case``, the doctor records attendance; the employer's case page and the employee's
"what my employer sees" show the same lines — date, time, attendance. Wrong roles are
refused, and the case manager's state never holds the (medical) reason."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.models import (
    Appointment,
    CareTeam,
    ConsultSlot,
    SickLeaveCase,
    TeamAssignment,
    TeamMember,
)
from kwportal.ui.pages.care.consults import ConsultsState
from kwportal.ui.pages.employee.employer_view import MyEmployerViewState
from kwportal.ui.pages.employee.my_case import MyCaseState
from kwportal.ui.pages.employer.case import EmployerCaseState
from tests import factories
from tests.dutch_time import dutch_today
from tests.integration.auth_helpers import (  # noqa: F401 (cheap_argon2 is a fixture)
    CHEAP_HASH,
    cheap_argon2,
    new_enrolled,
    sign_in,
)
from tests.integration.served import portal_database
from tests.integration.state_driver import call, page_state

PAGE = "http://localhost:3000"
LOCAL = ZoneInfo("Europe/Amsterdam")
REASON = "MEDISCH-VERZET ik lig dan in het ziekenhuis"
pytestmark = pytest.mark.usefixtures("cheap_argon2")


@dataclass
class World:
    doctor: str
    manager: str
    employee: str
    employer: str
    other_employee: str
    case_id: int
    doctor_id: int


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


def _token(engine: Engine, role: Role, **links: object) -> tuple[int, str]:
    account_id, username, secret = new_enrolled(engine, CHEAP_HASH, role=role, **links)
    return account_id, sign_in(engine, username, secret, datetime.now(UTC))


@pytest.fixture
def world(portal: Engine) -> World:
    with transaction(portal) as session:
        org = factories.organisation(session)
        person = factories.employee(session, org, first_name="Eva")
        other = factories.employee(session, org)
        case = factories.sick_case(session, person, sick_report_date=dutch_today())
        factories.sick_case(session, other, sick_report_date=dutch_today())
        ids = (org.id, person.id, other.id, case.id)
    org_id, person_id, other_id, case_id = ids
    doctor_id, doctor = _token(portal, Role.COMPANY_DOCTOR, email="dokter@example.test")
    manager_id, manager = _token(portal, Role.CASE_MANAGER)
    _, employee = _token(portal, Role.EMPLOYEE, employee_id=person_id, organisation_id=org_id)
    _, other_employee = _token(portal, Role.EMPLOYEE, employee_id=other_id, organisation_id=org_id)
    _, employer = _token(portal, Role.EMPLOYER_CONTACT, organisation_id=org_id)
    with transaction(portal) as session:
        team = CareTeam(name="Team", doctor_account_id=doctor_id)
        session.add(team)
        session.flush()
        session.add(TeamMember(care_team_id=team.id, account_id=manager_id))
        session.add(TeamAssignment(care_team_id=team.id, organisation_id=org_id))
    return World(doctor, manager, employee, employer, other_employee, case_id, doctor_id)


@contextmanager
def begins(engine: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(_connection: object) -> None:
        seen.append("BEGIN")

    event.listen(engine, "begin", count)
    try:
        yield seen
    finally:
        event.remove(engine, "begin", count)


def _day_after_tomorrow() -> str:
    return (datetime.now(LOCAL).date() + timedelta(days=2)).isoformat()


def _slot_form(**changes: str) -> dict[str, str]:
    form = {
        "date": _day_after_tomorrow(),
        "time": "10:00",
        "minutes": "30",
        "place_kind": "location",
        "place": "Spreekkamer 1",
    }
    return {**form, **changes}


def _count(engine: Engine, table: type) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(table)).one()


def test_bad_slot_input_shows_at_the_field_and_writes_nothing(portal: Engine, world: World) -> None:
    state = page_state(ConsultsState, world.doctor, url=f"{PAGE}/care-consults")
    call(state, "load")
    assert [o.label for o in state.owners] and state.owner_id == str(world.doctor_id)
    yesterday = (datetime.now(LOCAL).date() - timedelta(days=1)).isoformat()
    call(state, "add_slot", _slot_form(date=yesterday, minutes="500", place=""))
    errors = state.field_errors
    assert errors["date"] and errors["minutes"] and errors["place"] and not errors["time"]
    assert _count(portal, ConsultSlot) == 0
    with begins(portal) as seen:
        call(state, "add_slot", _slot_form())
    assert seen == ["BEGIN"] and state.notice_key == "consults.added"
    assert [(s.when[-5:], s.booked) for s in state.slots] == [("10:00", False)]
    call(state, "add_slot", _slot_form(time="10:10"))
    assert state.field_errors["time"] and _count(portal, ConsultSlot) == 1


def test_book_confirm_move_attend_and_what_the_employer_sees(portal: Engine, world: World) -> None:
    doctor = page_state(ConsultsState, world.doctor, url=f"{PAGE}/care-consults")
    call(doctor, "load")
    call(doctor, "add_slot", _slot_form())
    call(doctor, "add_slot", _slot_form(time="11:00"))
    manager = page_state(
        ConsultsState, world.manager, url=f"{PAGE}/care-consults?case={world.case_id}"
    )
    call(manager, "load")
    assert manager.has_case and manager.may_book and len(manager.free_slots) == 2
    with begins(portal) as seen:
        call(manager, "book", manager.free_slots[0].slot_id)
    assert seen == ["BEGIN"] and manager.notice_key == "consults.booked"
    assert [a.status for a in manager.case_appointments] == ["booked"]
    # the employee answers on /my-case
    mine = page_state(MyCaseState, world.employee, url=f"{PAGE}/my-case")
    call(mine, "load")
    row = mine.appointments[0]
    assert row.can_answer and row.when.endswith("10:00") and row.location == "Spreekkamer 1"
    call(mine, "confirm", row.appointment_id)
    assert mine.notice_key == "my_case.confirmed" and mine.appointments[0].status == "confirmed"
    call(mine, "ask_move", {"appointment": row.appointment_id, "reason": "  "})
    assert mine.move_error_for == row.appointment_id and mine.move_error
    call(mine, "ask_move", {"appointment": row.appointment_id, "reason": REASON})
    assert mine.appointments[0].status == "move_requested"
    # another employee cannot touch it
    stranger = page_state(MyCaseState, world.other_employee, url=f"{PAGE}/my-case")
    call(stranger, "load")
    call(stranger, "confirm", row.appointment_id)
    assert stranger.notice_key == "my_case.unknown_appointment"
    # the case manager sees the request, never its reason; the doctor reads it
    call(manager, "load")
    assert [m.status for m in manager.move_requests] == ["move_requested"]
    assert "MEDISCH" not in repr(manager.dict())
    call(doctor, "load")
    assert doctor.move_requests[0].move_reason == REASON
    # rebook to the other slot: the first slot is free again
    call(manager, "start_rebook", manager.case_appointments[0].appointment_id)
    call(manager, "book", manager.free_slots[0].slot_id)
    assert manager.notice_key == "consults.rebooked"
    assert sorted(a.status for a in manager.case_appointments) == ["booked", "cancelled"]
    assert len(manager.free_slots) == 1
    _held_yesterday(portal, world)
    call(doctor, "load")
    past = next(s for s in doctor.slots if s.booked and s.booking.can_attend)
    call(doctor, "record_attendance", past.booking.appointment_id, "attended")
    assert doctor.notice_key == "consults.recorded"
    _the_employer_and_the_employee_see_the_same(world)


def _held_yesterday(engine: Engine, world: World) -> None:
    """A consult that already took place (the page cannot book in the past)."""
    at = datetime.now(UTC) - timedelta(days=1)
    with transaction(engine) as session:
        case = session.get(SickLeaveCase, world.case_id)
        assert case is not None
        slot = ConsultSlot(account_id=world.doctor_id, starts_at=at, minutes=30, place="Kamer 9")
        session.add(slot)
        session.flush()
        session.add(
            Appointment(
                case_id=world.case_id,
                employee_id=case.employee_id,
                with_account_id=world.doctor_id,
                starts_at=at,
                slot_id=slot.id,
                location="Kamer 9",
            )
        )


def _the_employer_and_the_employee_see_the_same(world: World) -> None:
    employer = page_state(
        EmployerCaseState, world.employer, url=f"{PAGE}/employer-case?case={world.case_id}"
    )
    call(employer, "load")
    lines = [(a.when, a.attendance) for a in employer.card.appointments]
    assert len(lines) == 2 and ("attended" in {a for _, a in lines})
    employee = page_state(MyEmployerViewState, world.employee, url=f"{PAGE}/my-employer-view")
    call(employee, "load")
    assert [(a.when, a.attendance) for a in employee.card.appointments] == lines
    frames = repr(employer.dict())
    for hidden in ("Spreekkamer", "Kamer 9", "MEDISCH", "move_requested", "confirmed"):
        assert hidden not in frames


@pytest.mark.parametrize("who", ["employee", "employer"])
def test_other_roles_are_refused_and_get_nothing(portal: Engine, world: World, who: str) -> None:
    doctor = page_state(ConsultsState, world.doctor, url=f"{PAGE}/care-consults")
    call(doctor, "load")
    call(doctor, "add_slot", _slot_form())
    slot_id = doctor.slots[0].slot_id
    token = getattr(world, who)
    state = page_state(ConsultsState, token, url=f"{PAGE}/care-consults?case={world.case_id}")
    call(state, "load")
    assert state.slots == [] and not state.has_case
    call(state, "add_slot", _slot_form(time="12:00"))
    call(state, "book", slot_id)
    assert _count(portal, ConsultSlot) == 1 and _count(portal, Appointment) == 0
