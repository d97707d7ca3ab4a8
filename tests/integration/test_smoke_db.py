from sqlmodel import Session

from kwportal.services import audit
from kwportal.services.demo.seed import SYSTEM_ACTOR
from tests.conftest import TEST_SECRET


def test_audit_chain_on_both_databases(engine):
    with Session(engine) as session, session.begin():
        for n in range(3):
            audit.record(
                session,
                actor=SYSTEM_ACTOR,
                access=audit.CLI,
                event_type="t",
                action=audit.Action.READ,
                details={"n": n},
                secret=TEST_SECRET,
            )
    with Session(engine) as session:
        report = audit.verify_chain(session, secret=TEST_SECRET)
    assert report.ok and report.rows == 3, report
