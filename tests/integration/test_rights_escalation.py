"""Overdue rights requests escalated to the administrator (issue 17 item 4; seed ch. 3:
"uiterlijk binnen vier weken"): one content-free mail per active administrator — how many
requests, a link to the desk, no names — exactly once per request, over two runs and over
runs that race each other; answered and running requests are left alone."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.models import Account, AuditEvent, OutboxMail, RightsRequest
from kwportal.services.jobs import tasks
from kwportal.services.jobs.sealing import unseal
from kwportal.services.mail import Mail
from kwportal.services.privacy import escalation
from tests import factories
from tests.conftest import TEST_SECRET

NOW = datetime(2026, 11, 28, 6, 13, tzinfo=UTC)


def _request(session, person, received: datetime, status: str = "received") -> int:  # type: ignore[no-untyped-def]
    row = RightsRequest(
        employee_id=person.id,
        kind="access",
        text="",
        received_at=received,
        due_at=received.date() + timedelta(days=28),
        status=status,
    )
    session.add(row)
    session.flush()
    return row.id or 0


def _world(engine: Engine) -> dict[str, int]:
    """Two overdue open requests, one overdue but answered, one running; two active
    administrators with an address, one without, one inactive."""
    with transaction(engine) as session:
        org = factories.organisation(session)
        anna = factories.employee(session, org, first_name="Anna", last_name="Aalders")
        bert = factories.employee(session, org, first_name="Bert", last_name="Bos")
        ids = {
            "overdue": _request(session, anna, NOW - timedelta(days=40)),
            "overdue_too": _request(session, bert, NOW - timedelta(days=29)),
            "answered": _request(session, bert, NOW - timedelta(days=60), status="answered"),
            "running": _request(session, anna, NOW - timedelta(days=27)),
        }
        for n, (active, email) in enumerate(
            (
                (True, "beheer1@kracht-werkt.example"),
                (True, "beheer2@kracht-werkt.example"),
                (True, ""),
                (False, "oud@kracht-werkt.example"),
            )
        ):
            factories.account(
                session, Role.ADMIN, is_active=active, email=email, display_name=f"Beheer {n}"
            )
        factories.account(session, Role.PRIVACY_OFFICER, email="privacy@kracht-werkt.example")
    return ids


def _mails(engine: Engine) -> list[Mail]:
    with Session(engine) as session:
        rows = session.exec(select(OutboxMail).order_by(col(OutboxMail.id))).all()
        return [unseal(row.payload, row.message_id, TEST_SECRET) for row in rows]


def _escalated(engine: Engine) -> dict[int, datetime | None]:
    with Session(engine) as session:
        return {r.id or 0: r.escalated_at for r in session.exec(select(RightsRequest))}


def test_overdue_requests_are_escalated_once_content_free(engine: Engine) -> None:
    ids = _world(engine)
    assert escalation.run(engine, NOW) == "2 overdue rights requests escalated"
    assert escalation.run(engine, NOW + timedelta(hours=1)) == "0 overdue rights requests escalated"
    stamped = _escalated(engine)
    assert {k for k, v in stamped.items() if v is not None} == {ids["overdue"], ids["overdue_too"]}
    assert stamped[ids["overdue"]] == NOW
    mails = _mails(engine)
    assert sorted(m.to for m in mails) == [
        "beheer1@kracht-werkt.example",
        "beheer2@kracht-werkt.example",
    ]
    for mail in mails:
        assert "/rights-desk" in mail.body and "\n2 " in mail.body
        for name in ("Anna", "Aalders", "Bert", "Bos"):
            assert name not in mail.body and name not in mail.subject
    with Session(engine) as session:
        [event] = session.exec(
            select(AuditEvent).where(AuditEvent.event_type == "rights_requests_escalated")
        ).all()
    assert (event.actor_role, event.action) == ("system", "update")
    assert tasks.job(escalation.JOB).run is escalation.run

    # a request that falls overdue later is escalated on its own, once
    later = NOW + timedelta(days=2)
    assert escalation.run(engine, later) == "1 overdue rights requests escalated"
    assert _escalated(engine)[ids["running"]] == later
    assert len(_mails(engine)) == 4


def test_without_an_administrator_to_tell_nothing_is_claimed(engine: Engine) -> None:
    ids = _world(engine)
    with transaction(engine) as session:
        for account in session.exec(select(Account).where(Account.role == str(Role.ADMIN))):
            account.is_active = False
            session.add(account)
    assert escalation.run(engine, NOW) == "0 overdue rights requests escalated"
    assert _escalated(engine)[ids["overdue"]] is None and _mails(engine) == []


def test_racing_runs_escalate_once(engine: Engine) -> None:
    _world(engine)
    with ThreadPoolExecutor(max_workers=4) as pool:
        summaries = list(pool.map(lambda _n: escalation.run(engine, NOW), range(4)))
    assert sum(int(s.split()[0]) for s in summaries) == 2
    assert len(_mails(engine)) == 2
    assert date(2026, 11, 28) == NOW.date()
