"""The demo's Poortwachter documents go through the pages' use cases (issue 15 item 9): a
problem analysis with its employer part released, a plan of action the employee answered
and a sent evaluation — and the calendar shows those steps done because of them."""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from kwportal.db import transaction
from kwportal.domain.poortwachter import Step
from kwportal.models import Account, CaseDocument, CasePlan
from kwportal.services.demo.case_documents import seed_case_documents
from kwportal.services.employer import case_screen
from tests.conftest import TEST_SECRET
from tests.integration.plan_world import FIRST_DAY, WEEK_13, act_as, build_world


def test_the_demo_documents_make_their_steps_done(engine: Engine) -> None:
    world = build_world(engine)
    with transaction(engine) as session:
        accounts = {
            name: session.get(Account, account_id)
            for name, account_id in (
                ("doctor", world.a.doctor),
                ("employer", world.boss),
                ("employee", world.employee),
            )
        }
        seed_case_documents(
            session,
            **accounts,  # type: ignore[arg-type]
            case_id=world.case,
            first_day=FIRST_DAY,
            today=date(2026, 6, 1),
            secret=TEST_SECRET,
        )
    with Session(engine) as session:
        document = session.exec(select(CaseDocument)).one()
        plans = session.exec(select(CasePlan).order_by(CasePlan.id)).all()
    assert document.content.startswith("MEDISCH-PA")
    assert [(p.kind, p.status) for p in plans] == [
        ("plan_of_action", "agreed"),
        ("evaluation", "submitted"),
    ]
    screen, _ = act_as(engine, world.boss, case_screen.do_show_case, world.case, now=WEEK_13)
    done = {(s.line.step, s.line.due): s.line.done for s in screen.deadlines}
    assert done[(Step.PROBLEM_ANALYSIS, date(2026, 2, 15))]
    assert done[(Step.PLAN_OF_ACTION, date(2026, 3, 1))]
    assert done[(Step.EVALUATION, date(2026, 4, 12))]
    assert not done[(Step.EVALUATION, date(2026, 5, 24))]
