"""In a unit of work a transaction's audit rows are written just before it commits
(services/audit.py, the runner's sessions), so
the chain's head is locked only for the last statements: still in the same transaction as
what they record (commit together or not at all), seen by a read of the audit tables in
that transaction, gone with a savepoint rolled back, and the chain verifies."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent
from kwportal.services import audit
from tests.conftest import TEST_SECRET

T0 = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
#: two care users of one employer: one chain (org:1)
ONE = Actor(account_id=1, role=Role.EMPLOYER_CONTACT, organisation_id=1)
TWO = Actor(account_id=2, role=Role.EMPLOYER_CONTACT, organisation_id=1)
WEB = audit.AccessPoint(ip="127.0.0.1", agent="pytest")


def _record(session: Session, actor: Actor, kind: str, **extra: object) -> AuditEvent:
    audit.defer_until_commit(session)  # as the runner does for its units of work
    return audit.record(
        session,
        actor=actor,
        access=WEB,
        event_type=kind,
        action=audit.Action.READ,
        secret=TEST_SECRET,
        now=T0,
        **extra,  # type: ignore[arg-type]
    )


def _kinds(engine: Engine) -> list[str]:
    with Session(engine) as session:
        query = select(AuditEvent.event_type).order_by(col(AuditEvent.chain), col(AuditEvent.seq))
        return list(session.exec(query).all())


def _verifies(engine: Engine) -> bool:
    with Session(engine) as session:
        return audit.verify_chain(session, secret=TEST_SECRET).ok


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request: pytest.FixtureRequest) -> Engine:
    return request.getfixturevalue(f"{'pg' if request.param == 'postgres' else 'sqlite'}_engine")


def test_rows_are_written_at_the_commit_in_the_order_recorded(engine: Engine) -> None:
    with transaction(engine) as session:
        _record(session, ONE, "first")
        _record(session, ONE, "second")
        written = session.connection().execute(text("SELECT count(*) FROM audit_event"))
        assert written.scalar_one() == 0, "not written before the commit"
    assert _kinds(engine) == ["first", "second"]
    assert _verifies(engine)


def test_a_rolled_back_transaction_leaves_no_row(engine: Engine) -> None:
    with pytest.raises(RuntimeError), transaction(engine) as session:
        _record(session, ONE, "rolled back")
        raise RuntimeError("the change failed")
    with transaction(engine) as session:
        _record(session, ONE, "kept")
    assert _kinds(engine) == ["kept"]
    assert _verifies(engine)


def test_a_read_of_the_log_in_the_same_transaction_sees_its_events(engine: Engine) -> None:
    with transaction(engine) as session:
        _record(session, ONE, "read first")
        seen = session.exec(select(func.count()).select_from(AuditEvent)).one()
        assert seen == 1
        _record(session, ONE, "then another")
    assert _kinds(engine) == ["read first", "then another"]
    assert _verifies(engine)


def test_a_savepoint_rolled_back_takes_its_own_events_only(engine: Engine) -> None:
    with transaction(engine) as session:
        _record(session, ONE, "before")
        with pytest.raises(RuntimeError), session.begin_nested():
            _record(session, ONE, "inside, rolled back")
            raise RuntimeError("the savepoint fails")
        with session.begin_nested():
            _record(session, ONE, "inside, released")
        _record(session, ONE, "after")
    assert _kinds(engine) == ["before", "inside, released", "after"]
    assert _verifies(engine)


def test_outside_a_unit_of_work_a_row_is_written_at_once(engine: Engine) -> None:
    with transaction(engine) as session:
        event = audit.record(
            session,
            actor=ONE,
            access=WEB,
            event_type="command line",
            action=audit.Action.READ,
            secret=TEST_SECRET,
            now=T0,
        )
        assert event.seq == 1
        written = session.connection().execute(text("SELECT count(*) FROM audit_event"))
        assert written.scalar_one() == 1


def test_at_once_gives_the_number(engine: Engine) -> None:
    with transaction(engine) as session:
        _record(session, ONE, "deferred")
        event = _record(session, ONE, "at once", at_once=True)
        assert event.seq == 2, "the deferred one went first"
    assert _kinds(engine) == ["deferred", "at once"]


def test_two_users_of_one_employer_do_not_wait_for_each_others_work(pg_engine: Engine) -> None:
    """The first user's unit has recorded its event and is still working (its head lock
    not yet taken); the second user's whole unit on the same chain commits meanwhile."""
    recorded, finish = threading.Event(), threading.Event()

    def first() -> None:
        with transaction(pg_engine) as session:
            _record(session, ONE, "slow unit")
            recorded.set()
            assert finish.wait(timeout=30)

    slow = threading.Thread(target=first)
    slow.start()
    try:
        assert recorded.wait(timeout=30)
        with transaction(pg_engine) as session:
            session.connection().execute(text("SET LOCAL lock_timeout = '2s'"))
            _record(session, TWO, "quick unit")
        assert _kinds(pg_engine) == ["quick unit"]
    finally:
        finish.set()
        slow.join(timeout=30)
    assert _kinds(pg_engine) == ["quick unit", "slow unit"]
    assert _verifies(pg_engine)
