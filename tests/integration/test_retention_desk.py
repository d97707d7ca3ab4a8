"""The privacy desk's legal holds and overview, and the employee's own retention line."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from kwportal.domain.policy import Actor
from kwportal.domain.retention import Hold, Rule
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent, LegalHold
from kwportal.services import audit
from kwportal.services.retention import desk as retention_desk
from tests import factories
from tests.conftest import TEST_SECRET

WEB = audit.AccessPoint(ip="127.0.0.1", agent="pytest")
DESK = Actor(account_id=None, role=Role.PRIVACY_OFFICER)
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def _person(session: Session, **overrides: object):
    org = factories.organisation(session, contract_end=date(2001, 1, 1))
    return factories.employee(session, org, **overrides)


def test_set_and_lift_a_hold_with_reasons_audited(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        person = _person(session, personnel_number="H1")
        retention_desk.set_hold(
            session,
            DESK,
            personnel_number="H1",
            reason="rechtszaak",
            access=WEB,
            secret=TEST_SECRET,
        )
        view = retention_desk.desk_view(
            session, DESK, today=NOW.date(), access=WEB, secret=TEST_SECRET
        )
        assert [h.personnel_number for h in view.holds] == ["H1"]
        retention_desk.lift_hold(
            session,
            DESK,
            hold_id=view.holds[0].hold_id,
            reason="klaar",
            now=NOW,
            access=WEB,
            secret=TEST_SECRET,
        )
        hold = session.exec(select(LegalHold)).one()
        assert hold.lifted_at is not None and hold.lift_reason == "klaar"
        types = [e.event_type for e in session.exec(select(AuditEvent))]
        assert types.count("legal_hold_set") == 1 and types.count("legal_hold_lifted") == 1
        events = session.exec(
            select(AuditEvent).where(AuditEvent.event_type == "legal_hold_set")
        ).all()
        assert events[0].subject_employee_id == person.id


@pytest.mark.parametrize(
    ("number", "reason", "code"),
    [
        ("H1", "", "desk.reason_required"),
        ("H1", "   ", "desk.reason_required"),
        ("H1", "x" * 1001, "desk.reason_too_long"),
        ("NOPE", "reden", "desk.unknown_employee"),
    ],
)
def test_bad_hold_input_is_refused_and_nothing_written(
    sqlite_engine: Engine, number: str, reason: str, code: str
) -> None:
    with Session(sqlite_engine) as session, session.begin():
        _person(session, personnel_number="H1")
        with pytest.raises(retention_desk.DeskError) as refused:
            retention_desk.set_hold(
                session,
                DESK,
                personnel_number=number,
                reason=reason,
                access=WEB,
                secret=TEST_SECRET,
            )
        assert refused.value.code == code
        assert session.exec(select(LegalHold)).all() == []


def test_lifting_twice_or_without_reason_is_refused(sqlite_engine: Engine) -> None:
    with Session(sqlite_engine) as session, session.begin():
        person = _person(session)
        hold = LegalHold(employee_id=person.id, reason="r")
        session.add(hold)
        session.flush()
        with pytest.raises(retention_desk.DeskError, match=r"desk\.reason_required"):
            retention_desk.lift_hold(
                session, DESK, hold_id=hold.id, reason=" ", now=NOW, access=WEB, secret=TEST_SECRET
            )
        retention_desk.lift_hold(
            session, DESK, hold_id=hold.id, reason="ok", now=NOW, access=WEB, secret=TEST_SECRET
        )
        with pytest.raises(retention_desk.DeskError, match=r"desk\.unknown_hold"):
            retention_desk.lift_hold(
                session, DESK, hold_id=hold.id, reason="ok", now=NOW, access=WEB, secret=TEST_SECRET
            )


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.PRIVACY_OFFICER])
def test_only_the_privacy_desk(sqlite_engine: Engine, role: Role) -> None:
    with Session(sqlite_engine) as session, session.begin():
        _person(session, personnel_number="H1")
        other = Actor(account_id=1, role=role)
        with pytest.raises(retention_desk.DeskError, match=r"auth\.not_allowed"):
            retention_desk.set_hold(
                session, other, personnel_number="H1", reason="r", access=WEB, secret=TEST_SECRET
            )
        with pytest.raises(retention_desk.DeskError, match=r"auth\.not_allowed"):
            retention_desk.desk_view(
                session, other, today=NOW.date(), access=WEB, secret=TEST_SECRET
            )


def test_employee_sees_his_own_retention_line(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        gone = _person(
            session, employment_end=date(2000, 12, 31), created_at=datetime(2000, 1, 3, tzinfo=UTC)
        )
        working = _person(session)
        line = retention_desk.own_retention(
            session, Actor(1, Role.EMPLOYEE, gone.organisation_id, gone.id)
        )
        assert line is not None and line.rule is Rule.MEDICAL_FILE_20Y
        running = retention_desk.own_retention(
            session, Actor(2, Role.EMPLOYEE, working.organisation_id, working.id)
        )
        assert running is not None and Hold.EMPLOYMENT_RUNNING in running.holds
        assert retention_desk.own_retention(session, Actor(3, Role.EMPLOYER_CONTACT)) is None


def test_the_desk_never_learns_of_an_exposure(engine: Engine) -> None:
    """Exposure records are medical: the desk sees one neutral rule for them."""
    from kwportal.models import ExposureRecord

    with Session(engine) as session, session.begin():
        person = _person(
            session,
            personnel_number="X1",
            employment_end=date(1980, 1, 1),
            date_of_birth=date(1951, 12, 20),
            created_at=datetime(1980, 1, 2, tzinfo=UTC),
        )
        session.add(
            ExposureRecord(
                employee_id=person.id,
                kind="ionising_radiation",
                agent="röntgen",
                started_on=date(1970, 1, 1),
                ended_on=date(1979, 1, 1),
                recorded_at=datetime(1979, 1, 2, tzinfo=UTC),
            )
        )
        session.flush()
        view = retention_desk.desk_view(
            session, DESK, today=date(2026, 11, 28), access=WEB, secret=TEST_SECRET
        )
    assert [(u.personnel_number, u.rule) for u in view.upcoming] == [("X1", "statutory_longer")]
    assert "radiation" not in repr(view) and "röntgen" not in repr(view)
