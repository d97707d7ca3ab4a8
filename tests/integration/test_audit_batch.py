"""A batch of audit events (one page showing many people) chains exactly like single events."""

from __future__ import annotations

import json

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent
from kwportal.services import audit
from tests.conftest import TEST_SECRET

WEB = audit.AccessPoint(ip="127.0.0.1", agent="pytest")
ACTOR = Actor(None, Role.EMPLOYER_CONTACT, organisation_id=None)


def test_record_many_keeps_the_chain_whole(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        audit.record(
            session,
            actor=ACTOR,
            access=WEB,
            event_type="one",
            action=audit.Action.READ,
            secret=TEST_SECRET,
        )
        written = audit.record_many(
            session,
            [
                audit.Entry(
                    "many",
                    audit.Action.READ,
                    audit.Ground.LEGAL_DUTY,
                    subject_employee_id=None,
                    objects=[audit.ObjectRef("absence", "sick_leave_case", n)],
                    details={"n": n},
                )
                for n in range(5)
            ],
            actor=ACTOR,
            access=WEB,
            secret=TEST_SECRET,
        )
        assert audit.record_many(session, [], actor=ACTOR, access=WEB, secret=TEST_SECRET) == 0
        audit.record(
            session,
            actor=ACTOR,
            access=WEB,
            event_type="after",
            action=audit.Action.READ,
            secret=TEST_SECRET,
        )
    with Session(engine) as session:
        report = audit.verify_chain(session, secret=TEST_SECRET)
        rows = session.exec(select(AuditEvent).order_by(col(AuditEvent.seq))).all()
    assert written == 5
    assert report.ok, report
    names = [r.event_type for r in rows if r.event_type in ("one", "many", "after")]
    assert names == ["one", *["many"] * 5, "after"]
    assert [json.loads(r.details)["n"] for r in rows if r.event_type == "many"] == list(range(5))
