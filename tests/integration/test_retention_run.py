"""Retention runs: what is due is destroyed whole, the rest is untouched, a killed run
leaves no half-deleted file, and one run at a time."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, insert, inspect, text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from kwportal.models import (
    Employee,
    JobLock,
    LegalHold,
    MedicalNote,
    Organisation,
    RetentionTombstone,
    SickLeaveCase,
)
from kwportal.services import audit
from kwportal.services.retention import run as retention_run
from kwportal.services.retention.plan import plan
from tests.conftest import TEST_SECRET

TODAY = date(2026, 11, 28)
OLD = datetime(2001, 6, 1, tzinfo=UTC)
EMPLOYEE_TABLES = (
    "appointment",
    "case_document",
    "medical_note",
    "questionnaire_answer",
    "sick_leave_case",
    "exposure_record",
    "consent_record",
    "rights_request",
    "legal_hold",
)


def _old_files(session: Session, count: int, *, open_case_every: int = 0) -> list[int]:
    """Files of an employer whose contract ended in 2002, each with a case and notes."""
    org = Organisation(
        name="Oud BV",
        kvk_number=f"7{count:07d}",
        contract_start=date(1995, 1, 1),
        contract_end=date(2002, 1, 1),
    )
    session.add(org)
    session.flush()
    rows = [
        {
            "organisation_id": org.id,
            "personnel_number": f"O{n}",
            "first_name": "Oud",
            "last_name": f"Werknemer {n}",
            "employment_end": date(2001, 12, 31),
            "created_at": OLD,
        }
        for n in range(count)
    ]
    session.execute(insert(Employee), rows)
    ids = list(session.exec(select(Employee.id).where(Employee.organisation_id == org.id)))
    cases = [
        {
            "employee_id": i,
            "organisation_id": org.id,
            "sick_report_date": date(2001, 3, 1),
            "recovery_date": None
            if open_case_every and n % open_case_every == 0
            else date(2001, 4, 1),
            "care_address": f"ZORGADRES-{i}",
            "created_at": OLD,
        }
        for n, i in enumerate(ids)
    ]
    session.execute(insert(SickLeaveCase), cases)
    notes = [
        {"employee_id": i, "body": f"MEDISCH-{i}", "kind": "consult", "created_at": OLD}
        for i in ids
        for _ in range(2)
    ]
    session.execute(insert(MedicalNote), notes)
    return [i for i in ids if i is not None]


def _rows_of(engine: Engine, employee_id: int) -> int:
    with engine.connect() as conn, conn.begin():
        total = 0
        for table in EMPLOYEE_TABLES:
            total += conn.execute(
                text(f"SELECT COUNT(*) FROM {table} WHERE employee_id = :i"), {"i": employee_id}
            ).scalar_one()
        total += conn.execute(
            text("SELECT COUNT(*) FROM employee WHERE id = :i"), {"i": employee_id}
        ).scalar_one()
    return int(total)


def test_due_files_are_destroyed_whole_and_the_rest_kept(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        ids = _old_files(session, 12, open_case_every=4)
        session.add(LegalHold(employee_id=ids[1], reason="rechtszaak"))
    result = retention_run.run(engine, today=TODAY, run_by="test", secret=TEST_SECRET, batch_size=5)
    kept = {ids[0], ids[4], ids[8], ids[1]}  # open cases and the hold
    assert result.destroyed == len(ids) - len(kept)
    for employee_id in ids:
        assert (_rows_of(engine, employee_id) > 0) == (employee_id in kept)
    with Session(engine) as session:
        stones = session.exec(select(RetentionTombstone)).all()
        assert len(stones) == result.destroyed
        assert all(s.rule == "medical_file_20y" for s in stones)
        text_of_stones = repr([s.model_dump() for s in stones])
        assert "Werknemer" not in text_of_stones and "MEDISCH" not in text_of_stones
        assert audit.verify_chain(session, secret=TEST_SECRET).ok
    again = retention_run.run(engine, today=TODAY, run_by="test", secret=TEST_SECRET)
    assert again.destroyed == 0


def test_not_due_before_twenty_years(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        _old_files(session, 3)
        assert plan(session, today=date(2021, 12, 31)).due == []
        assert len(plan(session, today=date(2022, 1, 2)).due) == 3


def test_a_second_run_is_refused_while_one_holds_the_lock(sqlite_engine: Engine) -> None:
    with Session(sqlite_engine) as session, session.begin():
        session.add(JobLock(name=retention_run.LOCK_NAME, holder=f"{os.uname().nodename}:1"))
    with pytest.raises(retention_run.RunRefusedError, match="in progress"):
        retention_run.run(sqlite_engine, today=TODAY, run_by="test", secret=TEST_SECRET)


def test_a_lock_left_by_a_dead_process_is_taken_over(sqlite_engine: Engine) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    with Session(sqlite_engine) as session, session.begin():
        session.add(JobLock(name=retention_run.LOCK_NAME, holder=f"{os.uname().nodename}:{dead}"))
    result = retention_run.run(sqlite_engine, today=TODAY, run_by="test", secret=TEST_SECRET)
    assert result.destroyed == 0
    with Session(sqlite_engine) as session:
        assert session.get(JobLock, retention_run.LOCK_NAME) is None


def _tombstones(engine: Engine) -> int:
    """Count with a plain reader: on SQLite it must not take the write lock the run needs."""
    if engine.dialect.name == "sqlite":
        with closing(sqlite3.connect(engine.url.database or "", timeout=10)) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM retention_tombstone").fetchone()[0])
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT COUNT(*) FROM retention_tombstone")).scalar_one())


def test_kill_9_leaves_no_half_deleted_file_and_a_second_run_finishes(
    engine: Engine, tmp_path
) -> None:
    sqlite_engine = engine  # one name for both databases below
    with Session(sqlite_engine) as session, session.begin():
        ids = _old_files(session, 3000)
    url = sqlite_engine.url.render_as_string(hide_password=False)
    env = {
        **os.environ,
        "KWPORTAL_DATABASE_URL": url,
        "KWPORTAL_SECRET_KEY": TEST_SECRET,
        "KWPORTAL_DATA_DIR": str(tmp_path),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kwportal.cli",
            "retention",
            "run",
            "--today",
            str(TODAY),
            "--batch",
            "10",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _tombstones(engine) == 0:
        time.sleep(0.02)  # polling a running process, bounded by the deadline
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with Session(sqlite_engine) as session:
        destroyed = session.exec(select(func.count()).select_from(RetentionTombstone)).one()
        remaining = session.exec(select(func.count()).select_from(Employee)).one()
    assert 0 < destroyed < len(ids), "the kill should land in the middle of the run"
    assert destroyed + remaining == len(ids)
    for employee_id in ids[:: max(1, len(ids) // 300)]:
        rows = _rows_of(sqlite_engine, employee_id)
        assert rows in (0, 4), f"file {employee_id} is half-deleted ({rows} rows)"
    result = retention_run.run(sqlite_engine, today=TODAY, run_by="test", secret=TEST_SECRET)
    assert result.destroyed == remaining
    with Session(sqlite_engine) as session:
        assert session.exec(select(func.count()).select_from(Employee)).one() == 0
        assert audit.verify_chain(session, secret=TEST_SECRET).ok
    assert inspect(sqlite_engine).has_table("retention_tombstone")
