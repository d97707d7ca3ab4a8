"""One hash chain per employer organisation (issue 19 item 2): chains interleave without
waiting for each other, each is proved on its own (tampering names its chain), pruned
behind its own checkpoint, and a single-chain log from before migration 0019 still verifies
after the upgrade."""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, col, select

from kwportal.db import make_engine, transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.migrate import alembic_config, upgrade
from kwportal.models import AuditCheckpoint, AuditEvent, RetentionTombstone
from kwportal.services import audit
from kwportal.services.retention import audit_prune
from kwportal.services.retention.plan import pseudonym
from tests import factories
from tests.conftest import TEST_SECRET

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
WEB = audit.AccessPoint(ip="192.0.2.1", agent="pytest")


def _hr(organisation_id: int) -> Actor:
    return Actor(
        account_id=organisation_id, role=Role.EMPLOYER_CONTACT, organisation_id=organisation_id
    )


def _record(session: Session, actor: Actor, n: int, subject: int | None = None) -> AuditEvent:
    return audit.record(
        session,
        actor=actor,
        access=WEB,
        event_type="case.read",
        action=audit.Action.READ,
        subject_employee_id=subject if subject is not None else 100 + n,
        details={"n": n},
        secret=TEST_SECRET,
        now=T0 + timedelta(minutes=n),
    )


def _interleaved(engine: Engine, rounds: int = 3) -> None:
    """Org 1, org 2 and the system chain take turns, one transaction per event."""
    for n in range(rounds):
        for actor in (_hr(1), _hr(2), audit.SYSTEM_ACTOR):
            with transaction(engine) as session:
                _record(session, actor, n)


def _verify(engine: Engine) -> audit.ChainReport:
    with Session(engine) as session:
        return audit.verify_chain(session, secret=TEST_SECRET)


def _chain(engine: Engine, chain: str) -> list[AuditEvent]:
    with Session(engine, expire_on_commit=False) as session:
        query = select(AuditEvent).where(AuditEvent.chain == chain)
        return list(session.exec(query.order_by(col(AuditEvent.seq))))


def _allow_changes(engine: Engine) -> None:
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.execute(text("DROP TRIGGER audit_event_no_update"))
            conn.execute(text("DROP TRIGGER audit_event_no_delete"))
        else:
            conn.execute(text("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_change"))


def test_two_chains_interleaved_each_verify(engine: Engine) -> None:
    _interleaved(engine)

    report = _verify(engine)

    assert report.ok, report
    reports = {r.chain: r for r in report.chains}
    assert set(reports) == {"system", "org:1", "org:2"}
    assert reports["org:1"].rows == reports["org:2"].rows == reports["system"].rows == 3
    for chain in ("org:1", "org:2"):
        rows = _chain(engine, chain)
        assert [r.seq for r in rows] == [1, 2, 3]
        assert rows[0].prev_hash == audit.GENESIS_HASH
        assert [r.prev_hash for r in rows[1:]] == [r.row_hash for r in rows[:-1]]
    with Session(engine) as session:  # one global order across chains: the id
        ids = session.exec(select(AuditEvent.id).order_by(col(AuditEvent.id))).all()
    assert len(ids) == len(set(ids)) == 9


def test_tampering_in_one_chain_names_that_chain(engine: Engine) -> None:
    _interleaved(engine)
    _allow_changes(engine)
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE audit_event SET details = '{}' WHERE chain = 'org:2' AND seq = 2")
        )

    report = _verify(engine)

    assert not report.ok
    assert (report.chain, report.first_bad_seq) == ("org:2", 2), report
    assert report.reason == audit.CHANGED
    assert {r.chain: r.ok for r in report.chains} == {
        "system": True,
        "org:1": True,
        "org:2": False,
    }


def test_a_chain_removed_whole_is_noticed(engine: Engine) -> None:
    _interleaved(engine, rounds=1)
    _allow_changes(engine)
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.execute(text("DROP TRIGGER audit_head_no_delete"))
        else:
            conn.execute(text("ALTER TABLE audit_head DISABLE TRIGGER audit_head_no_delete"))
        conn.execute(text("DELETE FROM audit_event WHERE chain = 'org:1'"))
        conn.execute(text("DELETE FROM audit_head WHERE chain = 'org:1'"))

    report = _verify(engine)

    assert not report.ok and "a chain was removed" in report.reason, report
    # the count of chains is sealed: putting it back by hand does not help
    with engine.begin() as conn:
        conn.execute(text("UPDATE audit_head SET chains = chains - 1 WHERE id = 1"))
    assert _verify(engine).reason == "registry seal does not match"


def test_a_transaction_keeps_the_chain_of_its_first_event(engine: Engine) -> None:
    """One head lock per transaction: no two transactions wait in opposite orders."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org_a, org_b = factories.organisation(session), factories.organisation(session)
        a, b = factories.employee(session, org_a), factories.employee(session, org_b)
    doctor = Actor(account_id=5, role=Role.COMPANY_DOCTOR, employer_ids=frozenset({org_a.id}))
    with transaction(engine) as session:
        first = _record(session, doctor, 1, subject=a.id)
        second = _record(session, doctor, 2, subject=b.id)
    with transaction(engine) as session:
        third = _record(session, doctor, 3, subject=b.id)

    assert first.chain == second.chain == f"org:{org_a.id}"
    assert third.chain == f"org:{org_b.id}"
    assert _verify(engine).ok


def test_each_chain_is_pruned_behind_its_own_checkpoint(engine: Engine) -> None:
    with transaction(engine) as session:
        for n in range(3):
            _record(session, _hr(1), n, subject=1)
    with transaction(engine) as session:
        for n in range(2):
            _record(session, _hr(2), n, subject=2)
    with transaction(engine) as session:
        session.add(RetentionTombstone(pseudonym=pseudonym(TEST_SECRET, 1), rule="t", run_by="t"))
    with transaction(engine) as session:
        pruned = audit_prune.prune(session, secret=TEST_SECRET, now=T0)

    assert pruned == 3
    assert _chain(engine, "org:1") == [] and len(_chain(engine, "org:2")) == 2
    with Session(engine) as session:
        checkpoints = session.exec(select(AuditCheckpoint)).all()
    assert [(c.chain, c.pruned_through_seq) for c in checkpoints] == [("org:1", 3)]
    assert _verify(engine).ok
    with transaction(engine) as session:  # the pruned chain goes on after its checkpoint
        assert _record(session, _hr(1), 9).seq == 4
    assert _verify(engine).ok
    # a checkpoint forged for the other chain (the secret unknown) is named
    with transaction(engine) as session:
        last = _chain(engine, "org:2")[0]
        forged = audit.checkpoint_seal("guessed", 1, last.row_hash, "org:2")
        session.add(
            AuditCheckpoint(
                chain="org:2",
                pruned_through_seq=1,
                last_hash=last.row_hash,
                rows_pruned=1,
                pruned_at=T0,
                seal=forged,
            )
        )
    report = _verify(engine)
    assert not report.ok and report.chain == "org:2", report
    assert report.reason == "checkpoint seal does not match"


def test_a_checkpoint_of_one_chain_lets_no_other_chain_be_deleted(engine: Engine) -> None:
    with transaction(engine) as session:
        _record(session, _hr(1), 1, subject=1)
    with transaction(engine) as session:
        _record(session, _hr(2), 1, subject=2)
    with transaction(engine) as session:
        session.add(RetentionTombstone(pseudonym=pseudonym(TEST_SECRET, 1), rule="t", run_by="t"))
    with transaction(engine) as session:
        assert audit_prune.prune(session, secret=TEST_SECRET, now=T0) == 1

    with pytest.raises(sa.exc.DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_event WHERE chain = 'org:2'"))


def test_writers_for_different_employers_keep_their_chains_whole(pg_engine: Engine) -> None:
    def writer(organisation_id: int) -> None:
        for n in range(10):
            with transaction(pg_engine) as session:
                _record(session, _hr(organisation_id), n)

    with ThreadPoolExecutor(max_workers=4) as pool:
        for future in [pool.submit(writer, org) for org in range(1, 5)]:
            future.result(timeout=60)

    report = _verify(pg_engine)
    assert report.ok, report
    assert {r.chain: r.rows for r in report.chains if r.chain != "system"} == {
        f"org:{org}": 10 for org in range(1, 5)
    }


# --- migration 0019 from a single-chain log ------------------------------------------------


def _old_row_hash(content: dict[str, object]) -> str:
    """The hash as revision 0018's code computed it (no chain in the content)."""
    data = json.dumps(content, sort_keys=True, separators=(",", ":")).encode()
    return hashlib.sha256(str(content["prev_hash"]).encode() + data).hexdigest()


def _old_seal(message: str) -> str:
    return hmac.new(TEST_SECRET.encode(), message.encode(), "sha256").hexdigest()


def _write_single_chain(engine: Engine, events: int) -> list[str]:
    """What a 0018 database holds: ``events`` rows on the one chain, the head sealed."""
    columns = [c._copy() for c in AuditEvent.__table__.columns if c.name != "chain"]  # type: ignore[attr-defined]
    table = sa.Table("audit_event", sa.MetaData(), *columns)
    prev, hashes = audit.GENESIS_HASH, []
    with engine.begin() as conn:
        for seq in range(1, events + 1):
            at = T0 + timedelta(minutes=seq)
            content: dict[str, object] = {
                "seq": seq,
                "occurred_at": at.isoformat(timespec="microseconds"),
                "event_type": "medical_note.read",
                "actor_account_id": 7,
                "actor_role": "company_doctor",
                "actor_organisation_id": None,
                "on_behalf_of_account_id": None,
                "access_ip": "192.0.2.1",
                "access_agent": "pytest",
                "subject_employee_id": 100 + seq,
                "objects": "[]",
                "action": "read",
                "ground": "legal_duty",
                "consent_id": None,
                "details": json.dumps({"n": seq}),
                "prev_hash": prev,
            }
            prev = _old_row_hash(content)
            hashes.append(prev)
            conn.execute(sa.insert(table).values(**{**content, "occurred_at": at}, row_hash=prev))
        conn.execute(
            text("UPDATE audit_head SET seq = :s, row_hash = :h, seal = :x WHERE id = 1"),
            {"s": events, "h": prev, "x": _old_seal(f"{events}:{prev}")},
        )
    return hashes


def _checkpoint_at(engine: Engine, seq: int, last_hash: str) -> None:
    """0018's prune: a sealed checkpoint, then the rows at or below it go."""
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO audit_checkpoint (pruned_through_seq, last_hash, rows_pruned, "
                "pruned_at, seal) VALUES (:s, :h, :s, :t, :x)"
            ),
            {"s": seq, "h": last_hash, "t": T0, "x": _old_seal(f"checkpoint:{seq}:{last_hash}")},
        )
        conn.execute(text("DELETE FROM audit_event WHERE seq <= :s"), {"s": seq})


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def at_0018(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """An empty database migrated to 0018 only (not the shared template at head)."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('at0018') / 'old.db'}")
        admin = name = None
    else:
        admin_url = request.getfixturevalue("pg_available")
        name = f"kw0018_{uuid.uuid4().hex[:10]}"
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        engine = make_engine(make_url(admin_url).set(database=name).render_as_string(False))
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0018")
    try:
        yield engine
    finally:
        engine.dispose()
        if admin is not None:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


def test_a_single_chain_log_verifies_after_the_upgrade(at_0018: Engine) -> None:
    hashes = _write_single_chain(at_0018, 5)
    _checkpoint_at(at_0018, 2, hashes[1])

    upgrade(at_0018, secret=TEST_SECRET)

    report = _verify(at_0018)
    assert report.ok, report
    assert [(r.chain, r.rows) for r in report.chains] == [("system", 3)]
    # the old chain goes on as the system chain; employers' chains open beside it
    with transaction(at_0018) as session:
        assert _record(session, audit.SYSTEM_ACTOR, 6).seq == 6
    with transaction(at_0018) as session:
        assert _record(session, _hr(3), 1).seq == 1
    report = _verify(at_0018)
    assert report.ok, report
    assert {r.chain: r.rows for r in report.chains} == {"system": 4, "org:3": 1}
    # the guards still hold: no update, and no delete above the system chain's checkpoint
    for statement in (
        "UPDATE audit_event SET details = '{}' WHERE seq = 3",
        "DELETE FROM audit_event WHERE chain = 'system' AND seq = 3",
    ):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"), at_0018.begin() as conn:
            conn.execute(text(statement))
