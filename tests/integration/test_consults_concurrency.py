"""Racing for one slot and for one reminder (issue 15 items 1 and 8), on SQLite and
PostgreSQL: of several bookings of a slot at once exactly one is written and the others get
the clear refusal — the unique constraint on ``appointment.slot_id`` has the final word
even when every booking passed the "is it free?" check; the day-before reminder goes out
once however many runs or workers look for it."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from kwportal.db import transaction
from kwportal.models import Appointment, AuditEvent, ConsultSlot, OutboxMail
from kwportal.services.case import consult_reminders, consults
from kwportal.services.case.consults import ConsultError
from kwportal.services.unit import Ctx
from kwportal.settings import get_settings
from tests.conftest import TEST_SECRET
from tests.integration.care_world import ACCESS, NOW, ORIGIN, actor, build
from tests.integration.outbox_helpers import Outbox
from tests.integration.test_consults import act, slot

RACERS = 6


def _race(engine: Engine, runs: list[Callable[[], Any]]) -> list[Any]:
    """Start every run at the same moment, each on its own connection; what each returned
    or raised."""
    gate = threading.Barrier(len(runs))

    def start(run: Callable[[], Any]) -> Any:
        gate.wait()
        try:
            return run()
        except ConsultError as error:
            return error.code

    with ThreadPoolExecutor(len(runs)) as pool:
        return list(pool.map(start, runs))


def _appointments(engine: Engine, slot_id: int | None = None) -> int:
    query = select(func.count()).select_from(Appointment)
    if slot_id is not None:
        query = query.where(Appointment.slot_id == slot_id)
    with Session(engine) as session:
        return session.exec(query).one()


def test_parallel_bookings_of_one_slot_write_exactly_one(engine: Engine) -> None:
    a, _ = build(engine)
    slot_id = slot(engine, a.doctor, a.doctor)
    bookers = [a.case_manager, a.doctor] * (RACERS // 2)
    runs = [
        lambda who=who, n=n: act(
            engine, who, consults.do_book_consult, a.cases[n % 2], slot_id, 0, 0
        )
        for n, who in enumerate(bookers)
    ]
    outcomes = _race(engine, runs)
    refusals = [o for o in outcomes if isinstance(o, str)]
    assert len(refusals) == RACERS - 1
    assert set(refusals) == {"consults.error.taken"}
    assert _appointments(engine, slot_id) == _appointments(engine) == 1
    with Session(engine) as session:
        booked = session.exec(
            select(func.count()).where(AuditEvent.event_type == "consult_booked")
        ).one()
    assert booked == 1
    assert len(Outbox(engine).drain(NOW)) == 1


def test_the_unique_constraint_refuses_a_booking_that_passed_the_free_check(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Were the check ever fooled, the constraint still refuses, with the same words."""
    a, _ = build(engine)
    slot_id = slot(engine, a.doctor, a.doctor)
    act(engine, a.case_manager, consults.do_book_consult, a.cases[0], slot_id, 0, 0)

    def fooled(session: Session, _ref: object, wanted: int, _now: datetime) -> ConsultSlot:
        found = session.get(ConsultSlot, wanted)
        assert found is not None
        return found

    monkeypatch.setattr(consults, "_free_slot", fooled)
    with pytest.raises(ConsultError, match=re.escape("consults.error.taken")):
        act(engine, a.doctor, consults.do_book_consult, a.cases[1], slot_id, 0, 0)
    assert _appointments(engine) == 1


def test_postgres_a_booking_waiting_on_an_uncommitted_one_is_refused(pg_engine: Engine) -> None:
    """The second booking sees the slot free, then waits at the insert for the first one's
    transaction; when that commits, the unique constraint refuses it clearly."""
    a, _ = build(pg_engine)
    slot_id = slot(pg_engine, a.doctor, a.doctor)
    with transaction(pg_engine) as session:
        ctx = Ctx(access=ACCESS, now=NOW, secret=TEST_SECRET, origin=ORIGIN, session=session)
        consults.book(actor(pg_engine, a.case_manager), a.cases[0], slot_id, 0, ctx=ctx)
        with ThreadPoolExecutor(1) as pool:
            second = pool.submit(
                act, pg_engine, a.doctor, consults.do_book_consult, a.cases[1], slot_id, 0, 0
            )
            _wait_for_a_lock_wait(pg_engine)
            assert not second.done()
            session.commit()
            with pytest.raises(ConsultError, match=re.escape("consults.error.taken")):
                second.result(timeout=30)
    assert _appointments(pg_engine) == 1


def _wait_for_a_lock_wait(engine: Engine) -> None:
    """Until another connection of this database waits on a lock (polled, no sleep)."""
    deadline = datetime.now(UTC) + timedelta(seconds=20)
    query = text(
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    with engine.connect() as conn:
        while datetime.now(UTC) < deadline:
            if conn.execute(query).scalar_one():
                return
            conn.rollback()
    raise AssertionError("the second booking never waited on the first")


# --- reminders ---


def _reminder_world(engine: Engine) -> list[int]:
    """Consults at several times; the ids of those that start tomorrow (Amsterdam) and
    are not cancelled. The bookings' own mail is sent first."""
    a, _ = build(engine)
    times = [
        ("2026-11-03", "10:00", 0),  # tomorrow
        ("2026-11-03", "00:30", 1),  # tomorrow, the first half hour (23:30 UTC today)
        ("2026-11-03", "23:30", 0),  # tomorrow, the last half hour
        ("2026-11-04", "00:30", 1),  # the day after
        ("2026-11-03", "12:00", 1),  # tomorrow, but cancelled below
    ]
    ids = []
    for day, at, case_index in times:
        slot_id = slot(engine, a.doctor, a.doctor, date=day, time=at)
        case_id = a.cases[case_index]
        page = act(engine, a.case_manager, consults.do_book_consult, case_id, slot_id, 0, 0)
        ids.append(next(x.appointment_id for x in page.case.appointments if x.slot_id == slot_id))
    act(engine, a.case_manager, consults.do_cancel_consult, ids[-1], 0, None)
    Outbox(engine).drain(NOW)
    return ids[:3]


def _reminded(engine: Engine) -> list[int]:
    with Session(engine) as session:
        return list(
            session.exec(
                select(Appointment.id)
                .where(Appointment.reminder_sent_at.is_not(None))  # type: ignore[union-attr]
                .order_by(Appointment.id)  # type: ignore[arg-type]
            )
        )


def _send(engine: Engine) -> consult_reminders.Reminded:
    return consult_reminders.send_reminders(engine=engine, settings=get_settings(), now=NOW)


def test_reminders_go_out_once_for_tomorrows_consults(engine: Engine) -> None:
    due = _reminder_world(engine)
    first = _send(engine)
    again = _send(engine)
    assert (first.queued, again.queued) == (3, 0)
    assert _reminded(engine) == sorted(due)
    sent = Outbox(engine).drain(NOW)
    assert len(sent) == 3
    assert {m.subject for m in sent} == {"Herinnering: afspraak KrachtWerkt morgen"}
    assert all("MEDISCH" not in m.body for m in sent)


def test_concurrent_reminder_runs_send_each_once(engine: Engine) -> None:
    due = _reminder_world(engine)
    with Session(engine) as session:
        queued_before = session.exec(select(func.count()).select_from(OutboxMail)).one()
    outcomes = _race(engine, [lambda: _send(engine) for _ in range(4)])
    assert sum(o.queued for o in outcomes) == 3
    assert _reminded(engine) == sorted(due)
    with Session(engine) as session:
        queued = session.exec(select(func.count()).select_from(OutboxMail)).one()
    assert queued - queued_before == 3
