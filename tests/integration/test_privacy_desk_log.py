"""The privacy desk searches the access log by person, actor and period (issue 7, item 7):
metadata only, never medical content, and every search is itself logged."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent
from kwportal.services import audit
from kwportal.services.employee.access_log import access_log
from kwportal.services.privacy import desk_log
from tests import factories
from tests.conftest import TEST_SECRET

WEB = audit.AccessPoint(ip="198.51.100.7", agent="pytest-agent")
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
TODAY = date(2026, 11, 28)


@dataclass(frozen=True)
class World:
    desk: Actor
    doctor: Actor
    employer: Actor
    anna: int
    anna_actor: Actor
    bert: int


def _event(session: Session, actor: Actor, subject: int, at: datetime, **extra: object) -> None:
    values: dict[str, object] = {
        "event_type": "medical_note_read",
        "action": audit.Action.READ,
        "ground": audit.Ground.LEGAL_DUTY,
        "objects": [audit.ObjectRef("medical", "medical_note", 7)],
        "details": {"body": "MEDISCH-LOG geheim"},
        **extra,
    }
    audit.record(
        session,
        actor=actor,
        access=WEB,
        subject_employee_id=subject,
        secret=TEST_SECRET,
        now=at,
        **values,  # type: ignore[arg-type]
    )


def _world(session: Session) -> World:
    org = factories.organisation(session, name="Metaal Twente BV")
    anna = factories.employee(
        session, org, personnel_number="A100", first_name="Anna", last_name="Aalders"
    )
    bert = factories.employee(
        session, org, personnel_number="B200", first_name="Bert", last_name="Bos"
    )
    anna_account = factories.account(session, Role.EMPLOYEE, employee_id=anna.id)
    desk = factories.account(session, Role.PRIVACY_OFFICER)
    doctor = factories.account(
        session, Role.COMPANY_DOCTOR, username="dr.jansen", display_name="Dr. Jansen"
    )
    employer = factories.account(
        session, Role.EMPLOYER_CONTACT, display_name="HR Metaal", organisation_id=org.id
    )
    assert anna.id is not None and bert.id is not None
    world = World(
        desk=Actor(desk.id, Role.PRIVACY_OFFICER),
        doctor=Actor(doctor.id, Role.COMPANY_DOCTOR),
        employer=Actor(employer.id, Role.EMPLOYER_CONTACT, org.id),
        anna=anna.id,
        anna_actor=Actor(anna_account.id, Role.EMPLOYEE, org.id, anna.id),
        bert=bert.id,
    )
    _event(session, world.doctor, world.anna, NOW - timedelta(days=1))
    _event(session, world.doctor, world.bert, NOW - timedelta(days=2))
    _event(
        session,
        world.employer,
        world.anna,
        NOW - timedelta(days=40),
        event_type="employer_case_read",
        objects=[audit.ObjectRef("employer_feedback", "employer_feedback", 3)],
        ground=audit.Ground.CONTRACT,
    )
    return world


def _search(session: Session, actor: Actor, **filters: object) -> desk_log.DeskLogPage:
    values: dict[str, object] = {"person": "", "who": "", "role": "", "since": None}
    values |= {"until": None, "page": 1, **filters}
    return desk_log.search(
        actor,
        session=session,
        now=NOW,
        access=WEB,
        secret=TEST_SECRET,
        today=TODAY,
        **values,  # type: ignore[arg-type]
    )


def _mine(page: desk_log.DeskLogPage) -> list[desk_log.DeskLogLine]:
    return [line for line in page.lines if line.event_type != desk_log.SEARCHED]


def test_search_by_person_shows_who_what_and_why(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        world = _world(session)
        page = _search(session, world.desk, person="a100")
    lines = _mine(page)
    assert [line.event_type for line in lines] == ["medical_note_read", "employer_case_read"]
    first = lines[0]
    assert (first.actor_name, first.actor_username, first.actor_role) == (
        "Dr. Jansen",
        "dr.jansen",
        "company_doctor",
    )
    assert (first.subject_number, first.subject_name) == ("A100", "Anna Aalders")
    assert (first.categories, first.object_types) == (("medical",), ("medical_note",))
    assert (first.action, first.ground, first.organisation) == ("read", "legal_duty", "KrachtWerkt")
    assert lines[1].organisation == "Metaal Twente BV"


def test_a_line_carries_metadata_only(engine: Engine) -> None:
    """The event's details (here a canary) and access point never reach a line."""
    with Session(engine) as session, session.begin():
        world = _world(session)
        page = _search(session, world.desk, since=TODAY - timedelta(days=60))
    assert _mine(page)
    for line in page.lines:
        shown = " ".join(str(v) for v in dataclasses.astuple(line))
        for secret in ("MEDISCH", "198.51.100.7", "pytest-agent"):
            assert secret not in shown


def test_search_by_actor_name_role_and_period(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        world = _world(session)
        by_name = _mine(_search(session, world.desk, who="JANSEN"))
        by_role = _mine(
            _search(session, world.desk, role="employer_contact", since=date(2026, 10, 1))
        )
        by_period = _mine(
            _search(session, world.desk, since=TODAY - timedelta(days=1), until=TODAY)
        )
        both = _mine(_search(session, world.desk, person="Bos", who="dr.jansen"))
    assert {line.subject_number for line in by_name} == {"A100", "B200"}
    assert [line.event_type for line in by_role] == ["employer_case_read"]
    assert [line.subject_number for line in by_period] == ["A100"]
    assert [line.subject_number for line in both] == ["B200"]


def test_wildcards_in_the_search_are_plain_text(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        world = _world(session)
        assert _mine(_search(session, world.desk, person="%")) == []
        assert _mine(_search(session, world.desk, who="_")) == []


def test_every_search_is_logged_and_the_employee_sees_it(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        world = _world(session)
        _search(session, world.desk, person="Anna")
        _search(session, world.desk, person="nobody-like-this")
    with Session(engine) as session:
        events = session.exec(
            select(AuditEvent)
            .where(AuditEvent.event_type == desk_log.SEARCHED)
            .order_by(col(AuditEvent.id))
        ).all()
        assert [(e.subject_employee_id, e.action, e.ground) for e in events] == [
            (world.anna, "read", "legal_duty"),
            (None, "read", "legal_duty"),
        ]
        assert '"person": "Anna"' in events[0].details
        own = access_log(
            world.anna_actor,
            session=session,
            since=TODAY - timedelta(days=5),
            until=TODAY,
            page=1,
            page_size=20,
            today=TODAY,
        )
        assert any(line.role == "privacy_officer" for line in own.lines)


def test_paging_newest_first(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        world = _world(session)
        for n in range(5):
            _event(session, world.doctor, world.bert, NOW - timedelta(hours=n + 1))
        first = desk_log.search(
            world.desk,
            person="B200",
            who="",
            role="",
            since=None,
            until=None,
            page=1,
            session=session,
            now=NOW,
            access=WEB,
            secret=TEST_SECRET,
            today=TODAY,
            page_size=4,
        )
        assert first.has_more and len(first.lines) == 4
        times = [line.at for line in first.lines]
        assert times == sorted(times, reverse=True)


@pytest.mark.parametrize(
    ("filters", "code"),
    [
        ({"person": "x" * 101}, "desk_log.too_long"),
        ({"who": "x" * 151}, "desk_log.too_long"),
        ({"role": "root"}, "desk_log.unknown_role"),
    ],
)
def test_bad_filters_are_refused(engine: Engine, filters: dict[str, str], code: str) -> None:
    with Session(engine) as session, session.begin():
        world = _world(session)
        with pytest.raises(desk_log.DeskLogError) as refused:
            _search(session, world.desk, **filters)
    assert refused.value.code == code


def test_bad_period_is_refused(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        world = _world(session)
        with pytest.raises(desk_log.BadPeriodError):
            _search(session, world.desk, since=TODAY, until=TODAY - timedelta(days=1))


@pytest.mark.parametrize(
    "role", [Role.EMPLOYEE, Role.COMPANY_DOCTOR, Role.ADMIN, Role.SYSTEM], ids=str
)
def test_only_the_privacy_desk_searches(engine: Engine, role: Role) -> None:
    with Session(engine) as session, session.begin():
        _world(session)
        with pytest.raises(desk_log.DeskLogError, match=r"auth\.not_allowed"):
            _search(session, Actor(1, role))
