"""Recording a Poortwachter step as done, for the acts the portal holds no document of (the
42nd-week report to UWV, the WIA application): the calendar shows done instead of overdue;
each role records only its own steps, once, for a deadline the case really has; audited. A
step a document makes done (problem analysis, plan of action, evaluations, first-year
evaluation) cannot be ticked off (issue 15 item 3; its documents are tested in
test_plan.py and test_problem_analysis.py)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from kwportal.domain.policy import Actor
from kwportal.domain.poortwachter import Step
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent, StepCompletion
from kwportal.services import audit
from kwportal.services.employer import dashboard as employer_dashboard
from kwportal.services.employer.step_completion import StepError, record_step
from tests import factories
from tests.conftest import TEST_SECRET

WEB = audit.AccessPoint(ip="127.0.0.1", agent="pytest")
TODAY = date(2026, 6, 1)
FIRST = date(2026, 1, 5)  # week 8 ends 2026-03-01, week 14 ends 2026-04-12
#: the 42nd-week report: the first working day after 2026-10-25 (D + 293)
UWV_DUE = date(2026, 10, 26)


def _case(session: Session) -> tuple[Actor, int, Actor, Actor]:
    org, other = factories.organisation(session), factories.organisation(session)
    person = factories.employee(session, org)
    case = factories.sick_case(session, person, sick_report_date=FIRST)
    account = factories.account(session, Role.EMPLOYER_CONTACT, organisation_id=org.id)
    boss = Actor(account.id, Role.EMPLOYER_CONTACT, organisation_id=org.id)
    doctor_account = factories.account(session, Role.COMPANY_DOCTOR)
    doctor = Actor(doctor_account.id, Role.COMPANY_DOCTOR, employer_ids=frozenset({org.id}))
    stranger_account = factories.account(session, Role.EMPLOYER_CONTACT, organisation_id=other.id)
    stranger = Actor(stranger_account.id, Role.EMPLOYER_CONTACT, organisation_id=other.id)
    return boss, case.id, doctor, stranger


def _lines(
    session: Session, actor: Actor, case_id: int
) -> dict[tuple[Step, date], tuple[bool, bool]]:
    page = employer_dashboard.case_page(
        actor, case_id, session=session, today=TODAY, access=WEB, secret=TEST_SECRET
    )
    return {(d.step, d.due): (d.overdue, d.done) for d in page.deadlines}


def _record(session: Session, actor: Actor, case_id: int, step: Step, due: date, on: str) -> None:
    record_step(
        actor,
        case_id,
        str(step),
        due.isoformat(),
        on,
        session=session,
        today=TODAY,
        access=WEB,
        secret=TEST_SECRET,
    )


def test_a_recorded_step_shows_done_not_overdue(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        boss, case_id, _, _ = _case(session)
        before = _lines(session, boss, case_id)
        uwv = next(key for key in before if key[0] is Step.UWV_SICK_REPORT)
        wia = next(key for key in before if key[0] is Step.WIA_APPLICATION)
        _record(session, boss, case_id, *uwv, "2026-05-29")
        _record(session, boss, case_id, *wia, "2026-05-30")
        after = _lines(session, boss, case_id)
        events = session.exec(
            select(AuditEvent).where(AuditEvent.event_type == "poortwachter_step")
        ).all()
    for key in (uwv, wia):
        assert before[key] == (False, False)  # both still ahead on TODAY
        assert after[key] == (False, True)
    plan = (Step.PLAN_OF_ACTION, date(2026, 3, 1))
    assert after[plan] == (True, False)  # recording other steps makes no document
    assert len(events) == 2


@pytest.mark.parametrize(
    ("who", "step", "due", "on", "code"),
    [
        ("boss", Step.PROBLEM_ANALYSIS, date(2026, 2, 15), "2026-02-10", "steps.error.by_document"),
        (
            "doctor",
            Step.PROBLEM_ANALYSIS,
            date(2026, 2, 15),
            "2026-02-10",
            "steps.error.by_document",
        ),
        ("boss", Step.PLAN_OF_ACTION, date(2026, 3, 1), "2026-02-27", "steps.error.by_document"),
        ("boss", Step.EVALUATION, date(2026, 4, 12), "2026-04-10", "steps.error.by_document"),
        (
            "boss",
            Step.FIRST_YEAR_EVALUATION,
            date(2027, 1, 3),
            "2026-05-01",
            "steps.error.by_document",
        ),
        ("doctor", Step.UWV_SICK_REPORT, UWV_DUE, "2026-05-10", "steps.error.not_yours"),
        ("stranger", Step.UWV_SICK_REPORT, UWV_DUE, "2026-05-10", "employer_case.not_found"),
        ("boss", Step.UWV_SICK_REPORT, date(2026, 3, 2), "2026-05-10", "steps.error.unknown"),
        ("boss", Step.UWV_SICK_REPORT, UWV_DUE, "2026-06-02", "steps.error.future"),
        ("boss", Step.UWV_SICK_REPORT, UWV_DUE, "gisteren", "steps.error.date"),
        ("boss", Step.WAGE_PAYMENT_END, date(2027, 12, 31), "2026-02-10", "steps.error.not_yours"),
    ],
)
def test_refused(engine: Engine, who: str, step: Step, due: date, on: str, code: str) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        boss, case_id, doctor, stranger = _case(session)
        actor = {"boss": boss, "doctor": doctor, "stranger": stranger}[who]
        with pytest.raises(StepError) as error:
            _record(session, actor, case_id, step, due, on)
        rows = session.exec(select(StepCompletion)).all()
    assert error.value.code == code
    assert rows == []


def test_a_second_record_of_the_same_step_is_refused(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        boss, case_id, _, _ = _case(session)
        _record(session, boss, case_id, Step.UWV_SICK_REPORT, UWV_DUE, "2026-05-27")
        with pytest.raises(StepError) as error:
            _record(session, boss, case_id, Step.UWV_SICK_REPORT, UWV_DUE, "2026-05-28")
        with pytest.raises(StepError) as bad_step:
            record_step(
                boss,
                case_id,
                "diagnose",
                "2026-03-01",
                "2026-02-28",
                session=session,
                today=TODAY,
                access=WEB,
                secret=TEST_SECRET,
            )
    assert error.value.code == "steps.error.already"
    assert bad_step.value.code == "steps.error.unknown"
