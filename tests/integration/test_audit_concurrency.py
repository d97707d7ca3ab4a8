"""Concurrent writers queue on the audit head: the chain never forks or skips."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, select

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent
from kwportal.services import audit
from tests.conftest import TEST_SECRET

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _writer(engine: Engine, worker: int, events: int, start: threading.Barrier) -> None:
    actor = Actor(account_id=worker, role=Role.CARE_TEAM, employer_ids=frozenset({1}))
    start.wait(timeout=30)
    for n in range(events):
        with transaction(engine) as session:
            audit.record(
                session,
                actor=actor,
                access=audit.AccessPoint(ip=f"10.0.0.{worker}", agent="pytest"),
                event_type="concurrency",
                action=audit.Action.READ,
                subject_employee_id=n,
                details={"worker": worker, "n": n},
                secret=TEST_SECRET,
                now=T0 + timedelta(seconds=n),
            )


def _write_concurrently(engine: Engine, workers: int, events: int) -> None:
    start = threading.Barrier(workers)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [
            pool.submit(_writer, engine, worker, events, start) for worker in range(1, workers + 1)
        ]
        for future in futures:
            future.result(timeout=60)  # re-raises a writer's exception


def _assert_one_unbroken_chain(engine: Engine, workers: int, events: int) -> None:
    total = workers * events
    with Session(engine) as session:
        report = audit.verify_chain(session, secret=TEST_SECRET)
        rows = session.exec(select(AuditEvent).order_by(AuditEvent.seq)).all()
    assert report.ok, report
    assert report.rows == total
    assert [row.seq for row in rows] == list(range(1, total + 1))
    prev_hashes = [row.prev_hash for row in rows]
    assert len(set(prev_hashes)) == total, "two events chained to the same predecessor"
    per_worker = {w: 0 for w in range(1, workers + 1)}
    for row in rows:
        per_worker[row.actor_account_id] += 1
    assert per_worker == dict.fromkeys(per_worker, events)


def test_concurrent_writers_on_postgresql_keep_one_chain(pg_engine):
    _write_concurrently(pg_engine, workers=8, events=25)
    _assert_one_unbroken_chain(pg_engine, workers=8, events=25)


def test_concurrent_writers_on_sqlite_keep_one_chain(sqlite_engine):
    _write_concurrently(sqlite_engine, workers=4, events=10)
    _assert_one_unbroken_chain(sqlite_engine, workers=4, events=10)


def test_writers_reconnect_after_the_server_dropped_their_connections(pg_engine):
    """No ping per checkout (kwportal/db.py): when the server drops every connection (a
    restart), at most the first unit fails as a lost connection (the runner's "try again",
    nothing written); SQLAlchemy then renews the whole pool, so the next units work and
    the chain goes on unbroken."""
    _write_concurrently(pg_engine, workers=4, events=2)  # four pooled connections
    admin = create_engine(pg_engine.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        dropped = connection.execute(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = :d AND pid <> pg_backend_pid()"
            ),
            {"d": pg_engine.url.database},
        ).scalar_one()
    admin.dispose()
    assert dropped >= 1
    failed = 0
    for _ in range(4):
        try:
            _writer(pg_engine, 1, 1, threading.Barrier(1))
        except OperationalError:
            failed += 1
    assert failed <= 1
    with Session(pg_engine) as session:
        report = audit.verify_chain(session, secret=TEST_SECRET)
    assert report.ok, report
    assert report.rows == 4 * 2 + 4 - failed
