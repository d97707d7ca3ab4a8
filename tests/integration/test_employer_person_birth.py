"""The date of birth comes in with the sick report and the roster (issue 15 item 6): the
employer's form fills it (or corrects it, audited old → new) and never shows it back; a bad
one is refused at its field with nothing written; the roster reads a date-of-birth column,
and a birth date after today is an error of its line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent, Employee, SickLeaveCase
from kwportal.services import audit
from kwportal.services.employer import roster
from kwportal.ui.pages.employer.sick_report import SickReportState
from tests import factories
from tests.conftest import TEST_SECRET
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
WEB = audit.AccessPoint(ip="127.0.0.1", agent="pytest")
BORN = date(1981, 7, 4)


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


def _form(**changes: str) -> dict[str, str]:
    return {
        "personnel_number": "B-1",
        "first_sick_day": dutch_today().isoformat(),
        "date_of_birth": BORN.isoformat(),
        "contact_phone": "+31 6 1234 5678",
        "expected_duration": "days",
        "safety_net": "no",
        "work_accident": "no",
        "traffic_accident": "no",
        **changes,
    }


def _employer_page(engine: Engine, **person: object) -> tuple[SickReportState, int]:
    with transaction(engine) as session:
        org = factories.organisation(session)
        person_id = factories.employee(session, org, personnel_number="B-1", **person).id
        org_id = org.id
    _id, username, secret = new_enrolled(
        engine, CHEAP_HASH, role=Role.EMPLOYER_CONTACT, organisation_id=org_id
    )
    token = sign_in(engine, username, secret, datetime.now(UTC))
    state = page_state(SickReportState, token, url=f"{PAGE}/employer-sick-report")
    call(state, "load")
    assert person_id is not None
    return state, person_id


def _birth_and_events(engine: Engine, person_id: int) -> tuple[date | None, list[dict[str, str]]]:
    with transaction(engine) as session:
        person = session.get(Employee, person_id)
        assert person is not None
        events = session.exec(
            select(AuditEvent.details).where(AuditEvent.event_type == "date_of_birth_set")
        ).all()
        return person.date_of_birth, [json.loads(d) for d in events]


def test_the_sick_report_fills_the_date_of_birth_audited_and_never_shows_it(
    portal: Engine,
) -> None:
    state, person_id = _employer_page(portal)
    call(state, "submit_report", _form())
    assert state.notice_key == "sick.done" and state.error_keys == []
    born, events = _birth_and_events(portal, person_id)
    assert born == BORN
    assert events == [{"field": "date_of_birth", "old": None, "new": BORN.isoformat()}]
    dumped = repr(state.dict()) + repr(state.__dict__)  # type: ignore[attr-defined]
    assert BORN.isoformat() not in dumped


def test_a_different_date_of_birth_corrects_the_record_audited(portal: Engine) -> None:
    state, person_id = _employer_page(portal, date_of_birth=date(1981, 4, 7))
    call(state, "submit_report", _form())
    born, events = _birth_and_events(portal, person_id)
    assert born == BORN
    assert events == [{"field": "date_of_birth", "old": "1981-04-07", "new": BORN.isoformat()}]


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("04-07-1981", "sick.error.date"),
        ("2999-01-01", "date.birth_in_future"),
        ("1900-01-01", "sick.error.birth_range"),
        (dutch_today().isoformat(), "sick.error.birth_range"),
    ],
)
def test_a_bad_date_of_birth_is_refused_at_its_field_and_nothing_is_written(
    portal: Engine, raw: str, code: str
) -> None:
    state, person_id = _employer_page(portal)
    call(state, "submit_report", _form(date_of_birth=raw))
    assert state.error_keys == [["date_of_birth", code]] and state.case_href == ""
    assert _birth_and_events(portal, person_id) == (None, [])
    with transaction(portal) as session:
        assert session.exec(select(SickLeaveCase)).all() == []


def test_a_date_of_birth_after_a_recorded_death_is_refused(portal: Engine) -> None:
    state, _person_id = _employer_page(portal, date_of_death=date(1980, 1, 1))
    call(state, "submit_report", _form())
    assert state.error_keys == [["date_of_birth", "date.death_before_birth"]]
    with transaction(portal) as session:
        assert session.exec(select(SickLeaveCase)).all() == []


def test_the_roster_reads_a_date_of_birth_column(engine: Engine) -> None:
    header = "personeelsnummer;voornaam;achternaam;geboortedatum"
    content = f"{header}\r\nR-1;Rik;Roos;04-07-1981\r\nR-2;Sam;Ster;2999-01-01\r\n".encode()
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org = factories.organisation(session)
        # the roster updates people in care only (issue 17 item 1)
        factories.sick_case(session, factories.employee(session, org, personnel_number="R-1"))
        account = factories.account(session, Role.EMPLOYER_CONTACT, organisation_id=org.id)
        actor = Actor(account.id, Role.EMPLOYER_CONTACT, organisation_id=org.id)
        keys = {"session": session, "access": WEB, "secret": TEST_SECRET}
        upload = roster.stage(actor, "r.csv", content, **keys)
        shown = roster.preview(actor, upload, session=session, today=date(2026, 3, 10))
        assert [(e.line, e.column, e.code) for e in shown.errors] == [
            (3, "date_of_birth", "date.birth_in_future")
        ]
        good = roster.stage(actor, "r.csv", content.rsplit(b"\r\nR-2", 1)[0] + b"\r\n", **keys)
        roster.apply(actor, good, today=date(2026, 3, 10), **keys)
        born = session.exec(
            select(Employee.date_of_birth).where(col(Employee.personnel_number) == "R-1")
        ).one()
    assert born == date(1981, 7, 4)
