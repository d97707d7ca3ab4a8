"""Pruning the audit log's prefix once its files are destroyed: the rest still verifies and
tampering is still caught (issue 8, item 3)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from kwportal.models import AuditCheckpoint, AuditEvent, RetentionTombstone
from kwportal.services import audit
from kwportal.services.retention import audit_prune
from kwportal.services.retention.plan import pseudonym
from tests.conftest import TEST_SECRET

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def _events(engine: Engine, subjects: list[int | None]) -> None:
    with Session(engine) as session, session.begin():
        for n, subject in enumerate(subjects):
            audit.record(
                session,
                actor=audit.SYSTEM_ACTOR,
                access=audit.CLI,
                event_type="read_file",
                action=audit.Action.READ,
                subject_employee_id=subject,
                details={"n": n},
                secret=TEST_SECRET,
                now=NOW,
            )


def _destroyed(engine: Engine, *employee_ids: int) -> None:
    with Session(engine) as session, session.begin():
        for employee_id in employee_ids:
            session.add(
                RetentionTombstone(
                    pseudonym=pseudonym(TEST_SECRET, employee_id), rule="test", run_by="test"
                )
            )


def _prune(engine: Engine) -> int:
    with Session(engine) as session, session.begin():
        return audit_prune.prune(session, secret=TEST_SECRET, now=NOW)


def _verify(engine: Engine) -> audit.ChainReport:
    with Session(engine) as session:
        return audit.verify_chain(session, secret=TEST_SECRET)


def test_prefix_of_destroyed_files_is_pruned_and_the_rest_verifies(engine: Engine) -> None:
    _events(engine, [1, 1, 2, 1, 3, 3])
    _destroyed(engine, 1, 2)
    assert _prune(engine) == 4  # seqs 1-4; seq 5 is about file 3, which still exists
    with Session(engine) as session:
        seqs = session.exec(select(AuditEvent.seq).order_by(AuditEvent.seq)).all()
        checkpoint = session.exec(select(AuditCheckpoint)).one()
    assert list(seqs) == [5, 6]
    assert checkpoint.pruned_through_seq == 4 and checkpoint.rows_pruned == 4
    assert _verify(engine).ok
    _events(engine, [3])
    assert _verify(engine).ok
    assert _prune(engine) == 0


def test_events_about_no_one_stay_until_the_longest_term(engine: Engine) -> None:
    _events(engine, [None, 1])
    _destroyed(engine, 1)
    assert _prune(engine) == 0
    assert _verify(engine).ok


def test_rows_above_the_checkpoint_cannot_be_deleted(engine: Engine) -> None:
    _events(engine, [1, 2])
    _destroyed(engine, 1)
    assert _prune(engine) == 1
    with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_event WHERE seq = 2"))
    with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_checkpoint"))


def test_tampering_after_a_prune_is_still_caught(engine: Engine) -> None:
    _events(engine, [1, 1, 2, 2, 2])
    _destroyed(engine, 1)
    assert _prune(engine) == 2
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.execute(text("DROP TRIGGER audit_event_no_update"))
        else:
            conn.execute(text("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_change"))
        conn.execute(text("UPDATE audit_event SET event_type = 'edited' WHERE seq = 4"))
    report = _verify(engine)
    assert not report.ok and report.first_bad_seq == 4


def test_a_forged_checkpoint_is_caught(engine: Engine) -> None:
    _events(engine, [1, 2, 2])
    with Session(engine) as session, session.begin():
        row = session.exec(select(AuditEvent).where(AuditEvent.seq == 2)).one()
        session.add(
            AuditCheckpoint(
                pruned_through_seq=2,
                last_hash=row.row_hash,
                rows_pruned=2,
                pruned_at=NOW,
                seal="0" * 64,
            )
        )
    with engine.begin() as conn:  # the forged checkpoint lets the prefix be deleted ...
        conn.execute(text("DELETE FROM audit_event WHERE seq <= 2"))
    report = _verify(engine)  # ... but verification refuses it
    assert not report.ok and "checkpoint seal" in report.reason
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(AuditEvent)).one() == 1
