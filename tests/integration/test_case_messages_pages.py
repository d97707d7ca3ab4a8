"""The messages page, the unread counts on /portal and the employer thread on "what my
employer sees", driven through their real handlers (issue 15 item 5): one unit per click,
refusals that leave nothing in the state, a 1 MB body refused before anything is stored,
and notice mail — drained the way the worker sends it — without a word of the message."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import event, func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.models import CareTeam, CaseMessage, MessageRead, TeamAssignment, TeamMember
from kwportal.ui.pages.employee.employer_view import MyEmployerViewState
from kwportal.ui.pages.portal.home import PortalState
from kwportal.ui.pages.portal.messages import MessagesState
from tests import factories
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
CANARY = "MEDISCH-PAGINA-1 hoofdpijn sinds maandag"


@dataclass
class World:
    case_id: int
    employee: str
    doctor: str
    manager: str
    employer: str
    other_employer: str


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


def _world(engine: Engine) -> World:
    """One case, its employee, the doctor and case manager of the team serving the
    employer, a contact of that employer and one of another employer; all signed in."""
    now = datetime.now(UTC)
    with transaction(engine) as session:
        org, other = factories.organisation(session), factories.organisation(session)
        person = factories.employee(session, org, first_name="Sanne", last_name="Visser")
        case = factories.sick_case(session, person, sick_report_date=date(2026, 11, 1))
        ids = (org.id, other.id, person.id, case.id)
    org_id, other_id, person_id, case_id = ids
    accounts = {
        "employee": {"role": Role.EMPLOYEE, "employee_id": person_id, "organisation_id": org_id},
        "doctor": {"role": Role.COMPANY_DOCTOR},
        "manager": {"role": Role.CASE_MANAGER},
        "employer": {"role": Role.EMPLOYER_CONTACT, "organisation_id": org_id},
        "other_employer": {"role": Role.EMPLOYER_CONTACT, "organisation_id": other_id},
    }
    made = {
        name: new_enrolled(engine, CHEAP_HASH, email=f"{name}@example.test", **values)
        for name, values in accounts.items()
    }
    with transaction(engine) as session:
        team = CareTeam(name="Team", doctor_account_id=made["doctor"][0])
        session.add(team)
        session.flush()
        session.add(TeamMember(care_team_id=team.id, account_id=made["manager"][0]))
        session.add(TeamAssignment(care_team_id=team.id, organisation_id=org_id))
    tokens = {name: sign_in(engine, user, secret, now) for name, (_i, user, secret) in made.items()}
    return World(case_id or 0, **tokens)


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


def _stored(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(CaseMessage)).one()


def _page(token: str, query: str = "") -> MessagesState:
    state = page_state(MessagesState, token, url=f"{PAGE}/messages{query}")
    call(state, "load")
    return state


def test_each_click_is_one_unit_and_the_thread_is_shown_oldest_first(portal: Engine) -> None:
    world = _world(portal)
    mine = page_state(MessagesState, world.employee, url=f"{PAGE}/messages")
    with Begins(portal) as begins:
        call(mine, "load")
    assert begins.seen == 1
    assert mine.has_thread and mine.thread == "care" and mine.may_write and mine.rows == []
    with Begins(portal) as begins:
        call(mine, "send", {"body": CANARY})
    assert begins.seen == 1
    assert mine.notice_key == "messages.sent" and [r.body for r in mine.rows] == [CANARY]
    doctor = page_state(
        MessagesState, world.doctor, url=f"{PAGE}/messages?case={world.case_id}&thread=care"
    )
    with Begins(portal) as begins:
        call(doctor, "load")
    assert begins.seen == 1
    assert doctor.subject_name == "Sanne Visser" and doctor.rows[0].new
    call(doctor, "send", {"body": "Tot donderdag op het spreekuur."})
    assert [(r.role, r.mine) for r in doctor.rows] == [
        ("employee", False),
        ("company_doctor", True),
    ]
    assert [t.thread for t in doctor.tabs] == ["care", "employer"]
    # shown in Amsterdam time: a minute, never UTC's offset written out
    assert len(doctor.rows[0].when) == len("2026-11-02 10:00")


def test_the_employer_never_gets_the_care_thread_into_its_state(portal: Engine) -> None:
    world = _world(portal)
    call(_page(world.employee), "send", {"body": CANARY})
    for token in (world.employer, world.manager, world.other_employer):
        state = _page(token, f"?case={world.case_id}&thread=care")
        assert not state.has_thread and state.rows == []
        assert state.not_found_key == "messages.not_found"
        assert CANARY not in repr(state.dict())
    # the employer's own thread opens; the other employer's does not
    own = _page(world.employer, f"?case={world.case_id}")
    assert own.thread == "employer" and own.may_write and own.rows == []
    assert CANARY not in repr(own.dict())
    other = _page(world.other_employer, f"?case={world.case_id}&thread=employer")
    assert not other.has_thread and other.not_found_key == "messages.not_found"
    # a send without a thread loaded is refused before any unit writes
    call(other, "send", {"body": "Hallo"})
    assert _stored(portal) == 1


def test_bad_input_gets_a_field_message_and_writes_nothing(portal: Engine) -> None:
    world = _world(portal)
    employer = _page(world.employer, f"?case={world.case_id}")
    for body, key in (
        ("", "messages.required"),
        ("   \n  ", "messages.required"),
        ("x" * 1_000_000, "messages.too_long"),
        ("Heeft zij last van haar migraine?", "messages.medical_term"),
    ):
        call(employer, "send", {"body": body})
        assert employer.error_key == key and employer.notice_key == ""
    assert "migraine" in employer.error_text and "5000" not in employer.error_text
    call(employer, "send", {"body": "x" * 5001})
    assert "5000" in employer.error_text
    call(employer, "send", {"oops": 1})
    assert employer.error_key == "messages.required"
    assert _stored(portal) == 0
    call(employer, "send", {"body": "Kan de werkplek aangepast worden?"})
    assert employer.error_key == "" and _stored(portal) == 1


def test_the_portal_counts_unread_messages_until_they_are_read(portal: Engine) -> None:
    world = _world(portal)
    call(_page(world.employee), "send", {"body": CANARY})
    employer = _page(world.employer, f"?case={world.case_id}")
    call(employer, "send", {"body": "Wanneer is het spreekuur?"})
    home = page_state(PortalState, world.doctor, url=f"{PAGE}/portal")
    with Begins(portal) as begins:
        call(home, "load")
    assert begins.seen == 1
    assert home.unread == [["care", "1"]]
    assert home.unread_lines[0][0] == "/messages"
    employee_home = page_state(PortalState, world.employee, url=f"{PAGE}/portal")
    call(employee_home, "load")
    assert employee_home.unread == [["employer", "1"]]
    assert employee_home.unread_lines[0][0] == "/my-employer-view"
    manager_home = page_state(PortalState, world.manager, url=f"{PAGE}/portal")
    call(manager_home, "load")
    assert manager_home.unread == [["employer", "1"]]
    inbox = _page(world.manager)
    assert inbox.has_inbox and inbox.inbox[0].name == "Sanne Visser"
    assert inbox.inbox[0].href == f"/messages?case={world.case_id}&thread=employer"
    # reading drops the count, in the same unit as the read
    _page(world.doctor, f"?case={world.case_id}")
    call(home, "load")
    assert home.unread == []
    view = page_state(MyEmployerViewState, world.employee, url=f"{PAGE}/my-employer-view")
    with Begins(portal) as begins:
        call(view, "load")
    assert begins.seen == 1
    assert [r.body for r in view.thread_rows] == ["Wanneer is het spreekuur?"]
    call(employee_home, "load")
    assert employee_home.unread == []
    with Session(portal) as session:
        # the employee (both threads), the doctor, the employer
        assert len(session.exec(select(MessageRead)).all()) == 4


def test_the_notice_mail_says_only_that_there_is_a_message(portal: Engine) -> None:
    world = _world(portal)
    outbox = Outbox(portal)
    mine = _page(world.employee)
    call(mine, "send", {"body": CANARY})
    call(mine, "send", {"body": "MEDISCH-PAGINA-2 nog steeds"})
    sent = outbox.drain()
    assert [m.to for m in sent] == ["doctor@example.test"]  # once while unread
    employer = _page(world.employer, f"?case={world.case_id}")
    call(employer, "send", {"body": "Graag een belafspraak over de werkplek."})
    manager = _page(world.manager, f"?case={world.case_id}")
    call(manager, "send", {"body": "Ik bel u morgen over de werkplek."})
    doctor = _page(world.doctor, f"?case={world.case_id}")
    call(doctor, "send", {"body": "MEDISCH-PAGINA-3 antwoord"})
    sent += outbox.drain()
    assert sorted(m.to for m in sent) == [
        "doctor@example.test",
        "employee@example.test",
        "employer@example.test",
        "manager@example.test",
    ]
    for mail in sent:
        text = mail.subject + mail.body
        for secret in ("MEDISCH", "hoofdpijn", "werkplek", "Sanne", "Visser", "case="):
            assert secret not in text
        assert "/messages" in mail.body
