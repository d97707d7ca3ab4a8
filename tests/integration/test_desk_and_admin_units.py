"""One click = one transaction (issue 14) on the privacy desk, the visitor staff pages and
the administrator's pages: each page's real handler runs in this process and the engine's
BEGIN events are counted. A refused action changes nothing and says why; a wrong role is
sent away without reading anything."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import select

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.rights import RequestStatus
from kwportal.domain.roles import Role
from kwportal.models import Account, CallbackRequest, LegalHold, Organisation, RightsRequest
from kwportal.services import audit
from kwportal.services.privacy import rights
from kwportal.ui.pages.admin.accounts import AdminAccountsState
from kwportal.ui.pages.admin.organisations import AdminOrgsState
from kwportal.ui.pages.admin.teams import AdminTeamsState
from kwportal.ui.pages.privacy.desk_log import DeskLogState
from kwportal.ui.pages.privacy.retention import RetentionDeskState
from kwportal.ui.pages.privacy.rights import RightsDeskState
from kwportal.ui.pages.visitors.callbacks import CallbackQueueState
from kwportal.ui.pages.visitors.requests import VisitorRequestsState
from kwportal.ui.pages.visitors.stats import SiteStatsState
from tests import factories
from tests.conftest import TEST_SECRET
from tests.integration.served import portal_database, signed_in_token
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


def _rights_request(engine: Engine) -> int:
    with transaction(engine) as session:
        org = factories.organisation(session)
        person = factories.employee(session, org)
        account = factories.account(session, Role.EMPLOYEE, employee_id=person.id)
        return rights.submit(
            Actor(account.id, Role.EMPLOYEE, org.id, person.id),
            "access",
            "Wat staat er over mij?",
            session=session,
            now=datetime.now(UTC),
            access=WEB,
            secret=TEST_SECRET,
        )


def test_the_rights_desk_answers_in_one_transaction(portal: Engine) -> None:
    request_id = _rights_request(portal)
    state = page_state(RightsDeskState, signed_in_token(portal, Role.PRIVACY_OFFICER))
    with begins(portal) as seen:
        call(state, "load")
    assert seen == ["BEGIN"]
    assert [row.request_id for row in state.queue] == [str(request_id)]
    with begins(portal) as seen:
        call(state, "answer_request", {"request_id": str(request_id), "answer": "Zie bijlage"})
    assert seen == ["BEGIN"]
    assert state.notice_key == "rights_desk.answered"
    assert state.queue == []
    with transaction(portal) as session:
        assert session.get(RightsRequest, request_id).status == str(RequestStatus.ANSWERED)


def test_a_refused_desk_action_changes_nothing(portal: Engine) -> None:
    request_id = _rights_request(portal)
    state = page_state(RightsDeskState, signed_in_token(portal, Role.PRIVACY_OFFICER))
    call(state, "load")
    call(state, "answer_request", {"request_id": str(request_id), "answer": "   "})
    assert state.notice_key == "rights.answer_required"
    assert [row.request_id for row in state.queue] == [str(request_id)]
    with transaction(portal) as session:
        assert session.get(RightsRequest, request_id).status == str(RequestStatus.RECEIVED)


def test_another_role_reads_no_queue(portal: Engine) -> None:
    _rights_request(portal)
    state = page_state(RightsDeskState, signed_in_token(portal, Role.ADMIN))
    answer = call(state, "load")
    assert "auth.not_allowed" in str(answer)
    assert state.queue == []


def test_a_legal_hold_is_one_transaction(portal: Engine) -> None:
    with transaction(portal) as session:
        person = factories.employee(session, factories.organisation(session))
        number = person.personnel_number
    state = page_state(RetentionDeskState, signed_in_token(portal, Role.PRIVACY_OFFICER))
    with begins(portal) as seen:
        call(state, "place_hold", {"personnel_number": number, "reason": "Rechtszaak"})
    assert seen == ["BEGIN"]
    assert state.notice_key == "desk.hold_set"
    assert [h.number for h in state.holds] == [number]
    with transaction(portal) as session:
        assert len(session.exec(select(LegalHold)).all()) == 1


def test_the_desk_log_search_is_one_transaction(portal: Engine) -> None:
    state = page_state(DeskLogState, signed_in_token(portal, Role.PRIVACY_OFFICER))
    with begins(portal) as seen:
        call(state, "search", {"person": "", "who": "", "role": "", "since": "", "until": ""})
    assert seen == ["BEGIN"]
    assert state.notice_key == ""
    call(state, "search", {"role": "nobody"})
    assert state.notice_key == "desk_log.unknown_role"


def test_the_visitor_pages_read_in_one_transaction(portal: Engine) -> None:
    with transaction(portal) as session:
        session.add(
            CallbackRequest(
                name="Bert",
                phone="0612345678",
                phone_digits="0612345678",
                preferred_time="morning",
                topic="absence",
                message="",
                language="nl",
                created_at=datetime.now(UTC),
            )
        )
    desk = page_state(VisitorRequestsState, signed_in_token(portal, Role.PRIVACY_OFFICER))
    queue = page_state(CallbackQueueState, signed_in_token(portal, Role.CASE_MANAGER))
    stats = page_state(SiteStatsState, signed_in_token(portal, Role.ADMIN))
    for state in (desk, queue, stats):
        with begins(portal) as seen:
            call(state, "load")
        assert seen == ["BEGIN"]
    assert [row.name for row in queue.queue] == ["Bert"]
    with begins(portal) as seen:
        call(
            queue, "change_callback", {"callback_id": queue.queue[0].callback_id, "status": "done"}
        )
    assert seen == ["BEGIN"]
    assert queue.notice_key == "callbacks.updated" and queue.queue == []


def test_the_admin_pages_act_in_one_transaction(portal: Engine) -> None:
    token = signed_in_token(portal, Role.ADMIN)
    orgs = page_state(AdminOrgsState, token)
    with begins(portal) as seen:
        call(
            orgs,
            "create_organisation",
            {"name": "Bakkerij Brood", "kvk": "12345678", "start": "2026-01-01"},
        )
    assert seen == ["BEGIN"]
    assert orgs.notice_key == "admin.orgs.created"
    assert [o.name for o in orgs.organisations] == ["Bakkerij Brood"]
    call(orgs, "save_contract_end", {"organisation_id": "x", "end": ""})
    assert orgs.notice_key == "admin.unknown_organisation"
    accounts = page_state(AdminAccountsState, token)
    with begins(portal) as seen:
        call(
            accounts,
            "invite",
            {
                "username": "anna.arts",
                "display_name": "Anna Arts",
                "email": "anna@example.org",
                "role": "company_doctor",
                "language": "nl",
            },
        )
    assert seen == ["BEGIN"]
    assert accounts.notice_key == "admin.accounts.invited"
    assert accounts.query == "anna.arts"
    assert [a.username for a in accounts.accounts] == ["anna.arts"]
    teams = page_state(AdminTeamsState, token)
    call(teams, "load")
    with transaction(portal) as session:
        doctor = session.exec(select(Account).where(Account.username == "anna.arts")).one()
        assert session.exec(select(Organisation)).one().name == "Bakkerij Brood"
    with begins(portal) as seen:
        call(teams, "create_team", {"name": "Team Oost", "doctor_id": str(doctor.id)})
    assert seen == ["BEGIN"]
    assert teams.notice_key == "admin.teams.created"
    assert [t.name for t in teams.teams] == ["Team Oost"]
