"""One click = one transaction (issue 14): the state hands the use case to the runner,
which resolves the session, builds the actor, checks role and step-up, runs the use case
and commits, all in ONE transaction. Counted on the engine's BEGIN events while the page's
real handler runs in this process."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import select

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import ConsentRecord
from kwportal.services import audit
from kwportal.services.case import consent_requests
from kwportal.ui.pages.employee.consents import MyConsentsState
from tests import factories
from tests.conftest import TEST_SECRET
from tests.integration.auth_helpers import CHEAP_HASH, new_enrolled, sign_in
from tests.integration.served import portal_database
from tests.integration.state_driver import call, page_state

WEB = audit.AccessPoint(ip="127.0.0.1", agent="pytest")


@contextmanager
def begins(engine: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(connection: object) -> None:
        seen.append("BEGIN")

    event.listen(engine, "begin", count)
    try:
        yield seen
    finally:
        event.remove(engine, "begin", count)


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


def _asked_employee(engine: Engine) -> tuple[str, int]:
    """A signed-in employee (fresh code) with one open consent request; (token, id)."""
    now = datetime.now(UTC)
    with transaction(engine) as session:
        org = factories.organisation(session)
        person = factories.employee(session, org)
        case = factories.sick_case(session, person, sick_report_date=date(2026, 11, 1))
        doctor = factories.account(session, Role.COMPANY_DOCTOR)
        consent_id = consent_requests.request_datum(
            session,
            Actor(doctor.id, Role.COMPANY_DOCTOR, employer_ids=frozenset({org.id})),
            case_id=case.id,
            datum_kind="emergency_note",
            label="Bij een aanval",
            value="Niet vasthouden.",
            purpose="Collega's kunnen helpen",
            now=now,
            access=WEB,
            secret=TEST_SECRET,
        )
        org_id, person_id = org.id, person.id
    _id, username, secret = new_enrolled(
        engine, CHEAP_HASH, role=Role.EMPLOYEE, employee_id=person_id, organisation_id=org_id
    )
    return sign_in(engine, username, secret, now), consent_id


def test_a_consent_grant_is_one_transaction(portal: Engine) -> None:
    token, consent_id = _asked_employee(portal)
    state = page_state(MyConsentsState, token, url="http://localhost:3000/my-consents")
    with begins(portal) as seen:
        call(state, "grant_request", {"consent_id": str(consent_id)})
    assert seen == ["BEGIN"]
    assert state.notice_key == "consents.granted"
    assert [row.state for row in state.others] == ["granted"]
    with transaction(portal) as session:
        record = session.exec(select(ConsentRecord)).one()
    assert record.status == "granted"


def test_a_consent_grant_without_a_session_changes_nothing(portal: Engine) -> None:
    _token, consent_id = _asked_employee(portal)
    state = page_state(MyConsentsState, "not-a-session")
    with begins(portal) as seen:
        call(state, "grant_request", {"consent_id": str(consent_id)})
    assert seen == ["BEGIN"]
    assert state.others == [] and state.notice_key == ""
    with transaction(portal) as session:
        assert session.exec(select(ConsentRecord)).one().status == "requested"
