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
from kwportal.models import (
    CareTeam,
    ConsentRecord,
    Disclosure,
    EmployeeNotice,
    EmployerFeedback,
    TeamAssignment,
)
from kwportal.services import audit
from kwportal.services.case import consent_requests
from kwportal.services.feedback.editor import FeedbackForm, current_draft, save_draft
from kwportal.ui.pages.care.feedback import FeedbackState
from kwportal.ui.pages.employee.consents import MyConsentsState
from tests import factories
from tests.conftest import TEST_SECRET
from tests.integration.auth_helpers import CHEAP_HASH, new_enrolled, sign_in
from tests.integration.outbox_helpers import Outbox
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


def _doctor_with_a_draft(engine: Engine) -> tuple[str, int, int]:
    """A signed-in company doctor whose team serves an employer, and a saved draft on the
    case of an employee there who has an account; (token, case id, feedback id)."""
    now = datetime.now(UTC)
    doctor_id, username, secret = new_enrolled(engine, CHEAP_HASH, role=Role.COMPANY_DOCTOR)
    with transaction(engine) as session:
        org = factories.organisation(session)
        person = factories.employee(session, org)
        case = factories.sick_case(session, person, sick_report_date=date(2026, 11, 1))
        factories.account(
            session,
            Role.EMPLOYEE,
            employee_id=person.id,
            organisation_id=org.id,
            email="werknemer@example.test",
        )
        team = CareTeam(name="Team", doctor_account_id=doctor_id)
        session.add(team)
        session.flush()
        session.add(TeamAssignment(care_team_id=team.id, organisation_id=org.id))
        doctor = Actor(doctor_id, Role.COMPANY_DOCTOR, employer_ids=frozenset({org.id}))
        keys = {"now": now, "access_point": WEB, "secret": TEST_SECRET}
        draft = current_draft(doctor, case.id, session=session, create=True, **keys)
        assert draft is not None
        form = FeedbackForm(
            levels={"working_hours": "limited"},
            notes={"working_hours": "halve dagen"},
            expected_period="4 weken",
            advice="Start met halve dagen in het eigen werk.",
        )
        save_draft(
            doctor, draft.feedback_id, expected_version=0, form=form, session=session, **keys
        )
        case_id, feedback_id = case.id, draft.feedback_id
    return sign_in(engine, username, secret, now), case_id, feedback_id


def test_a_feedback_release_on_the_care_feedback_page_is_one_transaction(portal: Engine) -> None:
    token, case_id, feedback_id = _doctor_with_a_draft(portal)
    url = f"http://localhost:3000/care-feedback?case={case_id}"
    state = page_state(FeedbackState, token, url=url)
    call(state, "load")
    assert state.has_draft and state.may_release and state.version == 1
    assert state.preview.latest.advice == "Start met halve dagen in het eigen werk."
    with begins(portal) as seen:
        call(state, "release")
    assert seen == ["BEGIN"]
    assert state.notice_key == "feedback.released"
    assert not state.has_draft and state.found
    with transaction(portal) as session:
        feedback = session.get(EmployerFeedback, feedback_id)
        assert feedback is not None and feedback.status == "released"
        disclosure = session.exec(select(Disclosure)).one()
        assert (disclosure.feedback_id, disclosure.case_id) == (feedback_id, case_id)
        assert disclosure.recipient_kind == "employer"
        assert session.exec(select(EmployeeNotice)).one().disclosure_id == disclosure.id
    # the mail was queued in that transaction, goes out to the employee through the worker's
    # drain, and says nothing of the content
    sent = Outbox(portal).drain()
    assert [mail.to for mail in sent] == ["werknemer@example.test"]
    assert "halve dagen" not in sent[0].body
