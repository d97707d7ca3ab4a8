"""A request to stop is never answered without deciding the stop (issue 17 item 3; seed
ch. 3 E "het gebruik van die persoonsgegevens te stoppen"): the rights desk refuses to
answer an open stop request and sends the officer to /restrictions, where granting starts
the restriction and answers the request in one unit, and refusing answers it with its
reason while the use goes on. Either way audited; a refusal here writes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent, ProcessingRestriction, RightsRequest
from kwportal.services.privacy import desk, restriction, rights
from kwportal.ui import routes
from kwportal.ui.pages.privacy import rights as rights_page
from kwportal.ui.pages.privacy.restrictions import RestrictionsState
from kwportal.ui.pages.privacy.rights import RightsDeskState
from tests import factories
from tests.integration.auth_helpers import cheap_argon2  # noqa: F401 (a fixture)
from tests.integration.plan_world import act_as, build_world
from tests.integration.served import portal_database, signed_in_token
from tests.integration.state_driver import call, page_state

ANSWER = "Wij stoppen niet: de poortwachtersstappen lopen, en verder delen wij niets."


def _stop_request(engine: Engine, employee_id: int, kind: str = "stop") -> int:
    with transaction(engine) as session:
        request = RightsRequest(
            employee_id=employee_id, kind=kind, text="Stop alstublieft", due_at=date(2026, 3, 1)
        )
        session.add(request)
        session.flush()
        return request.id or 0


def _officer(engine: Engine) -> int:
    with transaction(engine) as session:
        return factories.account(session, Role.PRIVACY_OFFICER).id or 0


def _request(engine: Engine, request_id: int) -> RightsRequest:
    with Session(engine) as session:
        row = session.get(RightsRequest, request_id)
        assert row is not None
        return row


def _restrictions(engine: Engine) -> list[ProcessingRestriction]:
    with Session(engine) as session:
        return list(session.exec(select(ProcessingRestriction)))


def _events(engine: Engine, event_type: str) -> list[AuditEvent]:
    with Session(engine) as session:
        return list(
            session.exec(
                select(AuditEvent)
                .where(AuditEvent.event_type == event_type)
                .order_by(col(AuditEvent.id))
            )
        )


def test_the_rights_desk_answers_no_open_stop_request_and_restrictions_decides_it(
    engine: Engine,
) -> None:
    world = build_world(engine)
    officer = _officer(engine)
    first, second = (_stop_request(engine, world.a.employees[n]) for n in (0, 1))
    access = _stop_request(engine, world.a.employees[1], kind="access")

    for request_id in (first, second):
        with pytest.raises(rights.RightsError, match=r"rights_desk\.stop_elsewhere"):
            act_as(engine, officer, desk.do_answer, request_id, "Gedaan.")
        assert _request(engine, request_id).status == "received"
    assert _restrictions(engine) == [] and _events(engine, "rights_request_answered") == []
    # any other request is answered on the desk as before
    act_as(engine, officer, desk.do_answer, access, "Uw gegevens staan op uw pagina.")
    assert _request(engine, access).status == "answered"

    # granted: the stop starts and the request is answered, in one unit
    act_as(engine, officer, restriction.do_grant, first, "Verzoek werknemer", "Gestopt.")
    [running] = _restrictions(engine)
    assert (running.employee_id, running.request_id) == (world.a.employees[0], first)
    assert _request(engine, first).status == "answered"

    # refused: answered with the reason, nobody restricted; an empty answer writes nothing
    with pytest.raises(rights.RightsError):
        act_as(engine, officer, restriction.do_refuse, second, "   ")
    assert _request(engine, second).status == "received"
    with pytest.raises(restriction.RestrictionError, match=r"not_a_stop_request"):
        act_as(engine, officer, restriction.do_refuse, access, ANSWER)
    page, _ = act_as(engine, officer, restriction.do_refuse, second, ANSWER)
    assert page.requests == ()
    refused = _request(engine, second)
    assert (refused.status, refused.answer) == ("answered", ANSWER)
    assert [r.employee_id for r in _restrictions(engine)] == [world.a.employees[0]]
    [event] = _events(engine, "stop_request_refused")
    assert (event.subject_employee_id, event.action) == (world.a.employees[1], "update")
    # and an answered stop request is answered: no second answer anywhere
    with pytest.raises(rights.RightsError, match=r"rights\.already_answered"):
        act_as(engine, officer, desk.do_answer, second, "Nogmaals.")


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cheap_argon2: None) -> Iterator[Engine]:  # noqa: F811
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


def test_the_desk_pages_send_a_stop_request_to_restrictions(portal: Engine) -> None:
    world = build_world(portal)
    request_id = _stop_request(portal, world.a.employees[0])
    token = signed_in_token(portal, Role.PRIVACY_OFFICER)
    desk_page = page_state(RightsDeskState, token)
    call(desk_page, "load")
    [row] = desk_page.queue
    assert row.kind == "stop"
    call(desk_page, "answer_request", {"request_id": row.request_id, "answer": "Gedaan."})
    assert desk_page.notice_key == "rights_desk.stop_elsewhere"
    assert _request(portal, request_id).status == "received"
    assert routes.RESTRICTIONS in str(rights_page._stop_link().render())

    stops = page_state(RestrictionsState, token)
    call(stops, "load")
    [line] = stops.requests
    call(stops, "refuse", {"request_id": line.request_id, "answer": ANSWER})
    assert stops.notice_key == "restriction.refused_done" and stops.requests == []
    assert _request(portal, request_id).answer == ANSWER and _restrictions(portal) == []
