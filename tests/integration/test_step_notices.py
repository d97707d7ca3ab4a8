"""Overdue-step notices (issue 15 item 8): one content-free mail per overdue document step
to the employer's contacts (and, for the problem analysis, the team's doctor), exactly
once — over two runs, and over runs that race each other."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from kwportal.models import Account, OutboxMail, StepNotice
from kwportal.services.jobs import step_notices, tasks
from kwportal.services.jobs.sealing import unseal
from kwportal.services.mail import Mail
from tests.conftest import TEST_SECRET
from tests.integration.plan_world import WEEK_7, WEEK_13, build_world, full_file


def _mails(engine: Engine) -> list[Mail]:
    with Session(engine) as session:
        rows = session.exec(select(OutboxMail).order_by(OutboxMail.id)).all()
        return [unseal(row.payload, row.message_id, TEST_SECRET) for row in rows]


def _notices(engine: Engine) -> list[tuple[int, str]]:
    with Session(engine) as session:
        rows = session.exec(select(StepNotice).order_by(StepNotice.id)).all()
        return [(row.case_id, row.step) for row in rows]


def test_an_overdue_step_is_noticed_once_content_free(engine: Engine) -> None:
    world = build_world(engine)
    with Session(engine) as session:  # the doctor of team A gets a mail address
        doctor = session.get(Account, world.a.doctor)
        assert doctor is not None
        doctor.email = "arts@team-a.example"
        session.add(doctor)
        session.commit()
    assert step_notices.run(engine, WEEK_7) == "2 overdue-step notices"
    assert step_notices.run(engine, WEEK_7) == "0 overdue-step notices"
    assert _notices(engine) == [(c, "problem_analysis") for c in world.a.cases]
    mails = _mails(engine)
    assert sorted(m.to for m in mails) == [  # each case: its employer and the doctor
        "arts@team-a.example",
        "arts@team-a.example",
        "hr0@werkgever.example",
        "hr1@werkgever.example",
    ]
    for mail in mails:
        assert "Persoon" not in mail.body and "MEDISCH" not in mail.body
        assert "/employer-case?case=" in mail.body or "/care-problem-analysis?case=" in mail.body
    assert tasks.job(tasks.STEP_NOTICES).name == "step_notices"


def test_a_done_step_is_not_noticed_and_each_due_date_once(engine: Engine) -> None:
    world = build_world(engine)
    full_file(engine, world)  # case 0: analysis released, plan of action and evaluation sent
    step_notices.run(engine, WEEK_13)
    step_notices.run(engine, WEEK_13)
    other = world.a.cases[1]
    assert _notices(engine) == [(other, "problem_analysis"), (other, "plan_of_action")]
    assert sorted(m.to for m in _mails(engine)) == ["hr1@werkgever.example"]


def test_racing_runs_send_once(engine: Engine) -> None:
    world = build_world(engine)
    with ThreadPoolExecutor(max_workers=4) as pool:
        summaries = list(pool.map(lambda _n: step_notices.run(engine, WEEK_7), range(4)))
    assert sum(int(s.split()[0]) for s in summaries) == 2
    assert sorted(_notices(engine)) == [(c, "problem_analysis") for c in sorted(world.a.cases)]
    assert sorted(m.to for m in _mails(engine)) == [
        "hr0@werkgever.example",
        "hr1@werkgever.example",
    ]
