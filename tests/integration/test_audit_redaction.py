"""Visitors' cut addresses in audit rows written before issue 17 are emptied after three years
by the retention run, sealed, and the chain still verifies (seed ch. 2, Locatiegegevens:
"maximaal drie jaar"; issue 17 item 10). Only visitors' rows past the term change; the
database allows no other change, and a redaction without our seal does not verify."""

from __future__ import annotations

import ast
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, select

from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent, AuditRedaction
from kwportal.services import audit
from kwportal.services.retention import run as retention_run
from kwportal.services.visitors import redaction
from tests.conftest import TEST_SECRET

NOW = datetime.now(UTC)
OLD = NOW - timedelta(days=3 * 365 + 2)  # past three years, leap day or not
YOUNG = NOW - timedelta(days=3 * 365 - 2)
OFFICER = Actor(account_id=7, role=Role.PRIVACY_OFFICER)
VISITORS = Path(redaction.__file__).parent


def _row(session: Session, at: datetime, *, actor: Actor, ip: str, agent: str, event: str) -> int:
    return audit.record(
        session,
        actor=actor,
        access=audit.AccessPoint(ip=ip, agent=agent),
        event_type=event,
        action=audit.Action.CREATE,
        ground=audit.Ground.CONSENT,
        details={"by": "visitor"},
        secret=TEST_SECRET,
        now=at,
    ).seq


def _world(engine: Engine) -> dict[str, int]:
    """Rows as log_visitor wrote them before issue 17 (the cut address in the row), and
    rows that must stay as they are."""
    system = audit.SYSTEM_ACTOR
    with Session(engine) as session, session.begin():
        return {
            "old": _row(
                session,
                OLD,
                actor=system,
                ip="198.51.100.0",
                agent="visitor",
                event="newsletter_signup",
            ),
            "young": _row(
                session,
                YOUNG,
                actor=system,
                ip="203.0.113.0",
                agent="visitor",
                event="newsletter_signup",
            ),
            "staff": _row(
                session,
                OLD,
                actor=OFFICER,
                ip="192.0.2.1",
                agent="visitor",
                event="newsletter_signup",
            ),
            # a failed sign-in (no account) from a browser that calls itself "visitor"
            "sign_in": _row(
                session, OLD, actor=system, ip="192.0.2.9", agent="visitor", event="login_failed"
            ),
        }


def _ips(engine: Engine) -> dict[int, str]:
    with Session(engine) as session:
        return {e.seq: e.access_ip for e in session.exec(select(AuditEvent))}


def _verify(engine: Engine) -> audit.ChainReport:
    with Session(engine) as session:
        return audit.verify_chain(session, secret=TEST_SECRET)


def _redact(engine: Engine) -> int:
    with Session(engine) as session, session.begin():
        return redaction.redact(session, now=NOW, secret=TEST_SECRET)


def _allow_changes(conn: Connection) -> None:
    """What an attacker with database rights does first: switch the guard off."""
    if conn.dialect.name == "sqlite":
        conn.execute(text("DROP TRIGGER audit_event_no_update"))
    else:
        conn.execute(text("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_change"))


def test_the_retention_run_empties_old_visitor_addresses_and_the_chain_verifies(
    engine: Engine,
) -> None:
    seqs = _world(engine)
    retention_run.run(engine, today=date.today(), run_by="test", secret=TEST_SECRET)
    retention_run.run(engine, today=date.today(), run_by="test", secret=TEST_SECRET)
    ips = _ips(engine)
    with Session(engine) as session:
        sealed = session.exec(select(AuditRedaction)).all()
        logged = session.exec(
            select(AuditEvent).where(AuditEvent.event_type == redaction.EVENT)
        ).all()
    assert ips[seqs["old"]] == ""
    assert (ips[seqs["young"]], ips[seqs["staff"]], ips[seqs["sign_in"]]) == (
        "203.0.113.0",
        "192.0.2.1",
        "192.0.2.9",
    )
    assert [(r.seq, r.fields) for r in sealed] == [(seqs["old"], "access_ip")]
    # one event per run that redacted, counts only; the second run found nothing
    assert len(logged) == 1
    assert json.loads(logged[0].details)["rows"] == 1
    assert "198.51" not in logged[0].details
    report = _verify(engine)
    assert report.ok, report


def _edit_redacted_row(engine: Engine, seqs: dict[str, int]) -> int:
    with engine.begin() as conn:
        _allow_changes(conn)
        conn.execute(
            text("UPDATE audit_event SET details = '{}' WHERE seq = :s"), {"s": seqs["old"]}
        )
    return seqs["old"]


def _forge_a_redaction(engine: Engine, seqs: dict[str, int]) -> int:
    """The staff row's address emptied with a redaction row sealed under another key."""
    seq = seqs["staff"]
    with engine.begin() as conn:
        _allow_changes(conn)
        conn.execute(text("UPDATE audit_event SET access_ip = '' WHERE seq = :s"), {"s": seq})
    with Session(engine) as session, session.begin():
        row = session.exec(select(AuditEvent).where(AuditEvent.seq == seq)).one()
        content = audit.row_hash(row)
        session.add(
            AuditRedaction(
                seq=seq,
                redacted_at=NOW,
                content_hash=content,
                seal=audit.redaction_seal("guessed", seq, row.row_hash, content),
            )
        )
    return seq


def _drop_the_seal(engine: Engine, seqs: dict[str, int]) -> int:
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_redaction"))
    return seqs["old"]


@pytest.mark.parametrize("tamper", [_edit_redacted_row, _forge_a_redaction, _drop_the_seal])
def test_tampering_around_a_redaction_is_caught(engine: Engine, tamper) -> None:
    seqs = _world(engine)
    assert _redact(engine) == 1
    assert _verify(engine).ok
    bad = tamper(engine, seqs)
    report = _verify(engine)
    assert not report.ok and report.first_bad_seq == bad, report


@pytest.mark.parametrize(
    ("row", "assignment"),
    [
        ("old", "access_ip = '', details = '{}'"),  # another column along with the address
        ("old", "access_ip = '', row_hash = prev_hash"),
        ("old", "access_ip = '10.0.0.0'"),  # only emptied, never changed
        ("old", "access_agent = ''"),
        ("staff", "access_ip = ''"),  # never a staff member's row
    ],
)
def test_the_database_allows_only_emptying_a_visitors_address(
    engine: Engine, row: str, assignment: str
) -> None:
    seqs = _world(engine)
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text(f"UPDATE audit_event SET {assignment} WHERE seq = :s"), {"s": seqs[row]})
    assert _verify(engine).ok


def test_an_address_emptied_without_our_seal_does_not_verify(engine: Engine) -> None:
    seqs = _world(engine)
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE audit_event SET access_ip = '' WHERE seq = :s"), {"s": seqs["young"]}
        )
    report = _verify(engine)
    assert not report.ok and report.first_bad_seq == seqs["young"], report


def test_a_row_already_changed_behind_our_back_is_not_sealed(engine: Engine) -> None:
    seqs = _world(engine)
    with engine.begin() as conn:
        _allow_changes(conn)
        conn.execute(
            text("UPDATE audit_event SET details = '{}' WHERE seq = :s"), {"s": seqs["old"]}
        )
    assert _redact(engine) == 0
    assert _ips(engine)[seqs["old"]] == "198.51.100.0"
    assert _verify(engine).first_bad_seq == seqs["old"]


def _names(expr: ast.expr) -> set[str]:
    if isinstance(expr, ast.IfExp):
        return _names(expr.body) | _names(expr.orelse)
    assert isinstance(expr, ast.Constant) and isinstance(expr.value, str), ast.dump(expr)
    return {expr.value}


def test_every_event_a_visitor_writes_is_known_to_the_redaction() -> None:
    """log_visitor's callers name the event types; a new one must be redacted as well."""
    written: set[str] = set()
    for path in VISITORS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "log_visitor":
                written |= _names(node.args[2])
    assert written == redaction.VISITOR_EVENTS
