"""The audit log is append-only in the database and tamper-evident in the application.

Every tampering test works behind the application's back, as someone with direct
database access would, and expects ``verify_chain`` to name the first broken sequence
number.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, select

from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent, AuditHead
from kwportal.services import audit
from tests.conftest import TEST_SECRET

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
DOCTOR = Actor(account_id=7, role=Role.COMPANY_DOCTOR, employer_ids=frozenset({1}))
EVENTS = 5


def _record(session: Session, n: int) -> AuditEvent:
    return audit.record(
        session,
        actor=DOCTOR,
        access=audit.AccessPoint(ip="192.0.2.1", agent="pytest"),
        event_type="medical_note.read",
        action=audit.Action.READ,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=100 + n,
        objects=[audit.ObjectRef("medical", "medical_note", n)],
        details={"n": n},
        secret=TEST_SECRET,
        now=T0 + timedelta(minutes=n),
    )


def _write_events(engine: Engine, count: int = EVENTS) -> None:
    with Session(engine) as session, session.begin():
        for n in range(1, count + 1):
            _record(session, n)


def _verify(engine: Engine, secret: str = TEST_SECRET) -> audit.ChainReport:
    with Session(engine) as session:
        return audit.verify_chain(session, secret=secret)


def _events(engine: Engine) -> dict[int, AuditEvent]:
    with Session(engine, expire_on_commit=False) as session:
        return {e.seq: e for e in session.exec(select(AuditEvent))}


def _allow_changes(conn: Connection) -> None:
    """What an attacker with database rights does first: switch the guard off."""
    if conn.dialect.name == "sqlite":
        conn.execute(text("DROP TRIGGER audit_event_no_update"))
        conn.execute(text("DROP TRIGGER audit_event_no_delete"))
    else:
        conn.execute(text("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_change"))


def _forged(seq: int, prev_hash: str, **content: object) -> AuditEvent:
    """A row that is internally consistent: the algorithm is public, the secret is not."""
    event = AuditEvent(
        seq=seq,
        occurred_at=T0 + timedelta(hours=1),
        event_type="medical_note.read",
        actor_account_id=99,
        actor_role="company_doctor",
        objects="[]",
        action="read",
        details="{}",
        prev_hash=prev_hash,
        row_hash="",
    )
    for key, value in content.items():
        setattr(event, key, value)
    event.row_hash = audit.row_hash(event)
    return event


def _insert(engine: Engine, event: AuditEvent) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        session.add(event)


def _set_head(engine: Engine, seq: int, row_hash: str, seal: str) -> None:
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE audit_head SET seq = :s, row_hash = :h, seal = :x WHERE id = 1"),
            {"s": seq, "h": row_hash, "x": seal},
        )


def _assert_broken_at(report: audit.ChainReport, seq: int) -> None:
    assert report.ok is False, report
    assert report.first_bad_seq == seq, report
    assert report.reason


# --- an intact chain ---------------------------------------------------------------------


def test_an_empty_log_verifies(engine):
    report = _verify(engine)
    assert report.ok and report.rows == 0, report


def test_recorded_events_form_a_verifiable_chain(engine):
    _write_events(engine)
    _write_events(engine, 2)  # a second transaction continues the same chain

    report = _verify(engine)

    assert report.ok and report.rows == EVENTS + 2, report
    events = _events(engine)
    assert sorted(events) == list(range(1, EVENTS + 3))
    assert events[1].prev_hash == audit.GENESIS_HASH
    for seq in range(2, EVENTS + 3):
        assert events[seq].prev_hash == events[seq - 1].row_hash


def test_recorded_event_keeps_who_whose_what_when_and_where(engine):
    _write_events(engine, 1)
    event = _events(engine)[1]
    assert event.actor_account_id == DOCTOR.account_id
    assert event.actor_role == "company_doctor"
    assert event.subject_employee_id == 101
    assert event.access_ip == "192.0.2.1"
    assert event.occurred_at == T0 + timedelta(minutes=1)
    assert '"medical_note"' in event.objects


def test_times_in_another_zone_and_long_agents_survive_the_round_trip(engine):
    amsterdam = datetime(2026, 7, 1, 14, 30, 15, 123456, tzinfo=ZoneInfo("Europe/Amsterdam"))
    with Session(engine) as session, session.begin():
        audit.record(
            session,
            actor=DOCTOR,
            access=audit.AccessPoint(ip="2001:db8::1", agent="Mozilla/5.0 " * 40),
            event_type="login",
            action=audit.Action.LOGIN,
            details={"when": amsterdam, "note": "café ✓"},
            secret=TEST_SECRET,
            now=amsterdam,
        )
    report = _verify(engine)
    assert report.ok, report
    assert _events(engine)[1].occurred_at == amsterdam


def test_a_rolled_back_transaction_leaves_no_gap(engine):
    _write_events(engine, 2)
    with pytest.raises(RuntimeError), Session(engine) as session, session.begin():
        _record(session, 3)
        raise RuntimeError("the change failed, so its audit row goes too")
    _write_events(engine, 1)

    report = _verify(engine)

    assert report.ok and report.rows == 3, report


def test_verifying_with_another_secret_fails_at_the_head(engine):
    _write_events(engine)
    _assert_broken_at(_verify(engine, secret="not-the-secret"), EVENTS)


# --- the database refuses changes --------------------------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_event SET details = '{\"n\": 0}' WHERE seq = 2",
        "UPDATE audit_event SET seq = seq + 100",
        "DELETE FROM audit_event WHERE seq = 2",
        "DELETE FROM audit_event",
    ],
)
def test_database_refuses_to_change_audit_events(engine, statement):
    _write_events(engine)
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text(statement))
    report = _verify(engine)
    assert report.ok and report.rows == EVENTS, report


def test_database_refuses_to_delete_the_head(engine):
    _write_events(engine)
    with pytest.raises(DBAPIError, match=r"audit_head|append-only"), engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_head"))
    assert _verify(engine).ok


def test_postgresql_refuses_to_truncate_the_log(pg_engine):
    _write_events(pg_engine)
    with pytest.raises(DBAPIError, match="append-only"), pg_engine.begin() as conn:
        conn.execute(text("TRUNCATE audit_event"))
    assert _verify(pg_engine).ok


def test_database_refuses_a_second_row_with_the_same_number(engine):
    _write_events(engine)
    forged = _forged(3, _events(engine)[2].row_hash)
    with pytest.raises(DBAPIError):
        _insert(engine, forged)


# --- tampering behind the application's back --------------------------------------------


def test_edited_content_is_caught_at_that_row(engine):
    _write_events(engine)
    with engine.begin() as conn:
        _allow_changes(conn)
        conn.execute(text("UPDATE audit_event SET subject_employee_id = 999 WHERE seq = 3"))
    _assert_broken_at(_verify(engine), 3)


def test_edited_content_with_recomputed_hash_is_caught_at_the_next_row(engine):
    _write_events(engine)
    edited = _events(engine)[3]
    edited.access_ip = "203.0.113.9"
    with engine.begin() as conn:
        _allow_changes(conn)
        conn.execute(
            text("UPDATE audit_event SET access_ip = :ip, row_hash = :h WHERE seq = 3"),
            {"ip": edited.access_ip, "h": audit.row_hash(edited)},
        )
    _assert_broken_at(_verify(engine), 4)


def test_edited_and_rechained_log_is_caught_by_the_head_seal(engine):
    _write_events(engine)
    events = _events(engine)
    events[3].details = '{"n": 0}'
    prev = events[2].row_hash
    with engine.begin() as conn:
        _allow_changes(conn)
        for seq in range(3, EVENTS + 1):
            events[seq].prev_hash = prev
            prev = audit.row_hash(events[seq])
            conn.execute(
                text(
                    "UPDATE audit_event SET details = :d, prev_hash = :p, row_hash = :h "
                    "WHERE seq = :s"
                ),
                {"d": events[seq].details, "p": events[seq].prev_hash, "h": prev, "s": seq},
            )
        conn.execute(text("UPDATE audit_head SET row_hash = :h WHERE id = 1"), {"h": prev})
    _assert_broken_at(_verify(engine), EVENTS)


def test_deleted_middle_row_is_named(engine):
    _write_events(engine)
    with engine.begin() as conn:
        _allow_changes(conn)
        conn.execute(text("DELETE FROM audit_event WHERE seq = 3"))
    _assert_broken_at(_verify(engine), 3)


def test_deleted_middle_row_breaks_the_chain(engine):
    _write_events(engine)
    with engine.begin() as conn:
        _allow_changes(conn)
        conn.execute(text("DELETE FROM audit_event WHERE seq = 3"))
    report = _verify(engine)
    assert report.ok is False
    assert report.first_bad_seq in (3, 4)
    assert "3" in report.reason


@pytest.mark.parametrize("kept", [EVENTS - 1, 2, 0])
def test_cut_off_tail_is_caught_by_the_head(engine, kept):
    _write_events(engine)
    with engine.begin() as conn:
        _allow_changes(conn)
        conn.execute(text("DELETE FROM audit_event WHERE seq > :k"), {"k": kept})
    _assert_broken_at(_verify(engine), kept + 1)


def test_forged_row_inserted_in_the_middle_is_caught_at_the_next_row(engine):
    _write_events(engine)
    events = _events(engine)
    with engine.begin() as conn:
        _allow_changes(conn)
        for seq in range(EVENTS, 2, -1):  # make room at 3, highest first
            conn.execute(text("UPDATE audit_event SET seq = seq + 1 WHERE seq = :s"), {"s": seq})
    _insert(engine, _forged(3, events[2].row_hash))
    _assert_broken_at(_verify(engine), 4)


def test_forged_row_appended_without_moving_the_head_is_named(engine):
    _write_events(engine)
    _insert(engine, _forged(EVENTS + 1, _events(engine)[EVENTS].row_hash))
    _assert_broken_at(_verify(engine), EVENTS + 1)


def test_forged_row_appended_without_moving_the_head_is_caught(engine):
    _write_events(engine)
    _insert(engine, _forged(EVENTS + 1, _events(engine)[EVENTS].row_hash))
    report = _verify(engine)
    assert report.ok is False, report
    assert report.first_bad_seq is not None and report.first_bad_seq > EVENTS


def test_replaced_last_row_is_named(engine):
    _write_events(engine)
    events = _events(engine)
    with engine.begin() as conn:
        _allow_changes(conn)
        conn.execute(text("DELETE FROM audit_event WHERE seq = :s"), {"s": EVENTS})
    _insert(engine, _forged(EVENTS, events[EVENTS - 1].row_hash))
    _assert_broken_at(_verify(engine), EVENTS)


def test_forged_head_without_the_secret_is_caught_by_its_seal(engine):
    _write_events(engine)
    forged = _forged(EVENTS + 1, _events(engine)[EVENTS].row_hash)
    _insert(engine, forged)
    _set_head(
        engine,
        EVENTS + 1,
        forged.row_hash,
        audit.seal("a-guessed-secret", EVENTS + 1, forged.row_hash),
    )
    _assert_broken_at(_verify(engine), EVENTS + 1)


def test_overwritten_seal_is_caught(engine):
    _write_events(engine)
    with Session(engine) as session:
        head = session.get(AuditHead, 1)
        assert head is not None
        seq, row_hash = head.seq, head.row_hash
    _set_head(engine, seq, row_hash, "0" * 64)
    _assert_broken_at(_verify(engine), EVENTS)
