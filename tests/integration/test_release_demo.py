"""The demo set shows a varied disclosure timeline (issue 5, item 2): every released
feedback was disclosed to the employer, and each demo employee with an account also has
a disclosure to UWV and one to his GP on his consent."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from kwportal.db import make_engine, transaction
from kwportal.domain.roles import Role
from kwportal.migrate import upgrade
from kwportal.models import Account, Disclosure, EmployerFeedback
from kwportal.services.auth.actors import actor_for
from kwportal.services.demo.seed import seed_demo
from kwportal.services.employee.disclosures import my_disclosures
from tests.conftest import TEST_SECRET


def test_demo_disclosures_to_employer_uwv_and_gp(tmp_path, monkeypatch):
    monkeypatch.setattr("kwportal.services.demo.seed.hash_password", lambda p: f"plain:{p}")
    engine = make_engine(f"sqlite:///{tmp_path / 'demo.db'}")
    upgrade(engine)
    with transaction(engine) as session:
        seed_demo(session, today=date(2026, 11, 2), secret=TEST_SECRET)
    with Session(engine) as session:
        released = session.exec(
            select(EmployerFeedback.id).where(EmployerFeedback.status == "released")
        ).all()
        to_employer = session.exec(
            select(Disclosure.feedback_id).where(Disclosure.recipient_kind == "employer")
        ).all()
        assert sorted(released) == sorted(to_employer)
        employees = session.exec(select(Account).where(Account.role == str(Role.EMPLOYEE))).all()
        assert len(employees) == 3
        seen: set[str] = set()
        for account in employees:
            lines = my_disclosures(actor_for(session, account), session=session)
            kinds = [line.recipient_kind for line in lines]
            assert {"uwv", "gp"} <= set(kinds), account.username
            seen |= set(kinds)
            assert [line.disclosed_at for line in lines] == sorted(
                (line.disclosed_at for line in lines), reverse=True
            )
            gp = next(line for line in lines if line.recipient_kind == "gp")
            assert gp.ground == "consent" and gp.consent_id is not None
            assert gp.by_role == "care_team"
        assert "employer" in seen
    engine.dispose()
