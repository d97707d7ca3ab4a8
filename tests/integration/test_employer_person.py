"""The facts retention turns on (issue 15 item 6): the employer (for the employee of its own
case) and the administrator record the end of employment and a date of death; each change
is audited old → new and moves the retention term the page shows after saving; bad dates
are refused at their field and nothing is written; the employer never reads the date of
death back, nor a term that speaks of the medical file. The administrator also switches the
employees' own sick report on and off per organisation."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from kwportal.db import transaction
from kwportal.domain.retention import add_years
from kwportal.domain.roles import Role
from kwportal.i18n.fmt import fmt_date, fmt_iso_date
from kwportal.models import AuditEvent, Employee, ExposureRecord, Organisation
from kwportal.ui.pages.admin.organisations import AdminOrgsState
from kwportal.ui.pages.employer.person import EmployerPersonState
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

pytestmark = pytest.mark.usefixtures("cheap_argon2")
PAGE = "http://localhost:3000"
BORN = date(1970, 5, 17)
START = date(2010, 2, 1)
CONTRACT_END = date(2024, 12, 31)
DAY = timedelta(days=1)


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


@dataclass(frozen=True)
class World:
    employer: str
    case_id: int
    person: int
    organisation: int
    number: str
    foreign_case: int


def _token(engine: Engine, role: Role, **links: object) -> str:
    _id, username, secret = new_enrolled(engine, CHEAP_HASH, role=role, **links)
    return sign_in(engine, username, secret, datetime.now(UTC))


def _world(engine: Engine) -> World:
    """An employer whose contract with KrachtWerkt ended, its employee's closed case, and a
    case of another employer."""
    with transaction(engine) as session:
        org = factories.organisation(session, contract_end=CONTRACT_END)
        person = factories.employee(
            session, org, date_of_birth=BORN, employment_start=START, personnel_number="E-7"
        )
        case = factories.sick_case(
            session,
            person,
            sick_report_date=date(2024, 3, 1),
            recovery_date=date(2024, 4, 1),
        )
        other = factories.organisation(session)
        foreign = factories.sick_case(session, factories.employee(session, other))
        ids = (org.id, person.id, case.id, foreign.id)
    org_id, person_id, case_id, foreign_id = ids
    assert org_id and person_id and case_id and foreign_id
    token = _token(engine, Role.EMPLOYER_CONTACT, organisation_id=org_id)
    return World(token, case_id, person_id, org_id, "E-7", foreign_id)


def _page(world: World, case_id: int | None = None) -> EmployerPersonState:
    url = f"{PAGE}/employer-person?case={case_id or world.case_id}"
    state = page_state(EmployerPersonState, world.employer, url=url)
    call(state, "load")
    return state


def _person(engine: Engine, person_id: int) -> Employee:
    with transaction(engine) as session:
        found = session.get(Employee, person_id)
        assert found is not None
        session.expunge(found)
        return found


def _events(engine: Engine, *kinds: str) -> list[AuditEvent]:
    with transaction(engine) as session:
        query = select(AuditEvent).where(col(AuditEvent.event_type).in_(kinds))
        rows = list(session.exec(query.order_by(col(AuditEvent.id))).all())
        for row in rows:
            session.expunge(row)
        return rows


def test_end_of_employment_and_death_move_the_retention_term_audited(portal: Engine) -> None:
    world = _world(portal)
    state = _page(world)
    assert (
        state.found
        and state.number == "E-7"
        and state.employment_start == fmt_date(START, short=True)
    )
    assert state.retention == ""  # the term is told after a save
    end = date(2025, 6, 30)
    call(state, "save", {"employment_end": end.isoformat(), "date_of_death": ""})
    assert state.notice_key == "employer_person.saved" and state.error_keys == []
    assert state.employment_end == end.isoformat()
    assert state.retention_until == (add_years(end, 20) + DAY).isoformat()
    assert fmt_iso_date(state.retention_until) in state.retention
    died = dutch_today() - timedelta(days=10)
    call(state, "save", {"employment_end": end.isoformat(), "date_of_death": died.isoformat()})
    assert state.retention_until == (add_years(died, 20) + DAY).isoformat()
    assert _person(portal, world.person).date_of_death == died
    changes = _events(portal, "employment_end_set", "date_of_death_set")
    assert [json.loads(e.details) for e in changes] == [
        {"field": "employment_end", "old": None, "new": end.isoformat()},
        {"field": "date_of_death", "old": None, "new": died.isoformat()},
    ]
    assert {e.subject_employee_id for e in changes} == {world.person}
    assert {e.actor_role for e in changes} == {"employer_contact"}
    again = _page(world)  # the date of death is identity: never read back by the employer
    dumped = repr(again.dict()) + repr(again.__dict__)  # type: ignore[attr-defined]
    assert died.isoformat() not in dumped and BORN.isoformat() not in dumped
    call(again, "save", {"employment_end": end.isoformat(), "date_of_death": ""})
    assert len(_events(portal, "employment_end_set", "date_of_death_set")) == 2  # no change


def test_an_open_case_or_a_running_contract_says_why_no_term_runs(portal: Engine) -> None:
    world = _world(portal)
    with transaction(portal) as session:
        person = session.get(Employee, world.person)
        assert person is not None
        factories.sick_case(session, person, sick_report_date=date(2025, 1, 6))
    state = _page(world)
    call(state, "save", {"employment_end": "2025-06-30", "date_of_death": ""})
    assert state.retention_until == "2045-07-01" and state.retention_holds == ["open_case"]
    assert "lopende verzuimzaak" in state.retention
    with transaction(portal) as session:
        org = session.get(Organisation, world.organisation)
        assert org is not None
        org.contract_end = None
        session.add(org)
    call(state, "save", {"employment_end": "2025-06-30", "date_of_death": ""})
    assert state.retention_until == ""
    assert state.retention_holds == ["contract_running", "open_case"]


def test_the_employer_is_not_told_a_term_of_the_medical_file(portal: Engine) -> None:
    world = _world(portal)
    with transaction(portal) as session:
        session.add(
            ExposureRecord(
                employee_id=world.person,
                kind="hazardous_substance",
                agent="MEDISCH-asbest",
                started_on=date(2012, 1, 1),
                ended_on=date(2020, 1, 1),
            )
        )
    state = _page(world)
    end = date(2025, 6, 30)
    call(state, "save", {"employment_end": end.isoformat(), "date_of_death": ""})
    assert state.retention_until == (add_years(end, 20) + DAY).isoformat()
    dumped = repr(state.dict()) + repr(state.__dict__)  # type: ignore[attr-defined]
    assert "MEDISCH" not in dumped and "hazardous" not in dumped
    assert str(add_years(end, 40).year) not in dumped


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ({"employment_end": "2009-12-31"}, [["employment_end", "date.end_before_start"]]),
        ({"date_of_death": "1969-01-01"}, [["date_of_death", "date.death_before_birth"]]),
        ({"date_of_death": "2999-01-01"}, [["date_of_death", "date.death_in_future"]]),
        ({"employment_end": "31-12-2025"}, [["employment_end", "employer_person.error.date"]]),
    ],
)
def test_bad_dates_are_refused_at_their_field_and_nothing_is_written(
    portal: Engine, form: dict[str, str], expected: list[list[str]]
) -> None:
    world = _world(portal)
    state = _page(world)
    call(state, "save", {"employment_end": "", "date_of_death": "", **form})
    assert state.error_keys == expected and state.notice_key == ""
    assert state.errors[expected[0][0]] != "" and state.retention == ""
    person = _person(portal, world.person)
    assert (person.employment_end, person.date_of_death) == (None, None)
    assert _events(portal, "employment_end_set", "date_of_death_set") == []


def test_another_employers_case_and_other_roles_are_refused(portal: Engine) -> None:
    world = _world(portal)
    foreign = _page(world, world.foreign_case)
    assert not foreign.found and foreign.notice_key == "employer_case.not_found"
    call(foreign, "save", {"employment_end": "2025-01-01", "date_of_death": ""})
    employee = _token(portal, Role.EMPLOYEE, employee_id=world.person)
    as_employee = page_state(
        EmployerPersonState, employee, url=f"{PAGE}/employer-person?case={world.case_id}"
    )
    call(as_employee, "load")
    assert not as_employee.found
    call(as_employee, "save", {"employment_end": "2025-01-01", "date_of_death": "2025-01-02"})
    assert _events(portal, "employment_end_set", "date_of_death_set") == []
    assert _person(portal, world.person).employment_end is None


def _admin_page(engine: Engine) -> AdminOrgsState:
    state = page_state(
        AdminOrgsState, _token(engine, Role.ADMIN), url=f"{PAGE}/admin-organisations"
    )
    call(state, "load")
    return state


def test_the_administrator_records_the_facts_by_personnel_number(portal: Engine) -> None:
    world = _world(portal)
    state = _admin_page(portal)
    assert str(world.organisation) in {o.value for o in state.organisation_options}
    unknown = {"organisation_id": str(world.organisation), "personnel_number": "X-0"}
    call(state, "record_facts", {**unknown, "employment_end": "2025-01-31"})
    assert state.notice_key == "admin.facts.unknown_person" and not state.facts_saved
    known = {"organisation_id": str(world.organisation), "personnel_number": world.number}
    call(state, "record_facts", {**known, "date_of_death": "1960-01-01"})
    assert state.fact_error_keys == [["date_of_death", "date.death_before_birth"]]
    end = date(2025, 1, 31)
    call(state, "record_facts", {**known, "employment_end": end.isoformat()})
    assert state.notice_key == "admin.facts.saved" and state.facts_saved
    assert state.facts_until == (add_years(end, 20) + DAY).isoformat()
    assert fmt_iso_date(state.facts_until) in state.facts_retention
    call(state, "record_facts", {**known, "employment_end": "", "date_of_death": ""})
    assert _person(portal, world.person).employment_end == end  # blank leaves it as it is
    (change,) = _events(portal, "employment_end_set")
    assert change.actor_role == "admin"
    assert json.loads(change.details)["new"] == end.isoformat()


def test_the_administrator_switches_the_self_report_audited(portal: Engine) -> None:
    world = _world(portal)
    state = _admin_page(portal)
    card = next(o for o in state.organisations if o.organisation_id == str(world.organisation))
    assert not card.self_report
    form = {"organisation_id": str(world.organisation), "value": "on"}
    call(state, "save_self_report", form)
    assert state.notice_key == "admin.orgs.self_report_saved"
    card = next(o for o in state.organisations if o.organisation_id == str(world.organisation))
    assert card.self_report
    call(state, "save_self_report", form)  # already on: no second audit row
    call(state, "save_self_report", {**form, "value": "maybe"})
    assert state.notice_key == "admin.orgs.bad_self_report"
    with transaction(portal) as session:
        org = session.get(Organisation, world.organisation)
        assert org is not None and org.employee_self_report
    (event,) = _events(portal, "organisation_self_report_set")
    assert json.loads(event.details) == {"old": False, "new": True}
    as_employer = page_state(AdminOrgsState, world.employer, url=f"{PAGE}/admin-organisations")
    call(as_employer, "save_self_report", {**form, "value": "off"})
    call(
        as_employer,
        "record_facts",
        {**form, "personnel_number": "E-7", "date_of_death": "2025-01-01"},
    )
    assert len(_events(portal, "organisation_self_report_set", "date_of_death_set")) == 1
