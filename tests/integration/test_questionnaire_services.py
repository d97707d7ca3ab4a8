"""The questionnaire and exposure use cases on both databases (SQLite and PostgreSQL), run
as the accounts that would run them on their pages (``demo.acting.act``): the first consult
closes the questionnaire, the answers reach the case file, and an exposure moves the
retention decision."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, select

from kwportal.db import transaction
from kwportal.domain.retention import Rule
from kwportal.models import (
    Account,
    Appointment,
    AuditEvent,
    Employee,
    ExposureRecord,
    QuestionnaireAnswer,
)
from kwportal.services.case.exposures import do_record_exposure
from kwportal.services.case.file import do_open_case_file
from kwportal.services.demo.acting import act
from kwportal.services.demo.case_questionnaire import TEXT_ANSWERS, Seeded, seed_case_questionnaire
from kwportal.services.employee.questionnaire import (
    QuestionnaireError,
    consult_held,
    do_save_intake,
    do_show_intake,
    intake,
)
from tests.conftest import TEST_SECRET
from tests.integration.care_world import build

NOW = datetime.now(UTC)


def as_account(session: Session, account_id: int) -> Account:
    account = session.get(Account, account_id)
    assert account is not None
    return account


def answers() -> dict[str, str]:
    return {
        q.key: q.choices[0].value
        if q.kind == "choice"
        else "4"
        if q.kind == "scale"
        else "MEDISCH-Q"
        for q in intake().questions
    }


def test_answers_until_the_consult_then_in_the_file(engine) -> None:
    a, _ = build(engine)
    with transaction(engine) as session:
        me = as_account(session, a.employee_accounts[0])
        act(session, me, do_save_intake, answers(), "nl", now=NOW, secret=TEST_SECRET)
        assert not consult_held(session, a.cases[0], NOW)
        session.add(
            Appointment(
                case_id=a.cases[0],
                employee_id=a.employees[0],
                starts_at=NOW - timedelta(hours=1),
                status="cancelled",
            )
        )
        session.flush()
        assert not consult_held(session, a.cases[0], NOW)
        session.add(
            Appointment(
                case_id=a.cases[0], employee_id=a.employees[0], starts_at=NOW - timedelta(minutes=1)
            )
        )
        session.flush()
        assert consult_held(session, a.cases[0], NOW)
        with pytest.raises(QuestionnaireError, match=re.escape("questionnaire.closed")):
            act(session, me, do_save_intake, answers(), "nl", now=NOW, secret=TEST_SECRET)
        shown = act(session, me, do_show_intake, "en", now=NOW, secret=TEST_SECRET)
        assert shown.has_case and not shown.editable
        page = act(
            session,
            as_account(session, a.member),
            do_open_case_file,
            a.cases[0],
            now=NOW,
            secret=TEST_SECRET,
        )
    assert [line.question for line in page.file.answers] == [q.nl for q in intake().questions]
    with Session(engine) as session:
        assert len(session.exec(select(QuestionnaireAnswer)).all()) == len(intake().questions)


def test_an_exposure_moves_the_retention_line(engine) -> None:
    a, _ = build(engine)
    with transaction(engine) as session:
        person = session.get(Employee, a.employees[0])
        assert person is not None
        person.date_of_birth = date(1970, 1, 1)
        change = act(
            session,
            as_account(session, a.doctor),
            do_record_exposure,
            a.cases[0],
            "ionising_radiation",
            "MEDISCH-E bron",
            "2010-01-01",
            "2020-06-30",
            now=NOW,
            secret=TEST_SECRET,
        )
    assert change.before.rule == Rule.WGBO_LAST_CHANGE_20Y
    assert change.panel.retention.rule == Rule.RADIATION_30Y_AFTER_WORK
    assert change.panel.retention.earliest == date(2050, 7, 1)


def test_the_demo_fills_intakes_and_records_exposures_through_the_use_cases(engine) -> None:
    a, _ = build(engine)
    with transaction(engine) as session:
        made = seed_case_questionnaire(
            session,
            case_id=a.cases[0],
            employee=as_account(session, a.employee_accounts[0]),
            doctor=as_account(session, a.doctor),
            answered_at=NOW - timedelta(days=2),
            secret=TEST_SECRET,
            exposure_kinds=("hazardous_substance", "ionising_radiation"),
        )
    assert made == Seeded(answers=11, exposures=2)
    with Session(engine) as session:
        rows = session.exec(select(QuestionnaireAnswer)).all()
        agents = session.exec(select(ExposureRecord.agent)).all()
        kinds = [e.event_type for e in session.exec(select(AuditEvent))]
    assert len(rows) == 11 and all(r.question_key and r.version == 1 for r in rows)
    texts = [r.answer for r in rows if r.question_key in TEXT_ANSWERS]
    assert texts and all(t.startswith("MEDISCH-Q") for t in texts)
    assert next(r.answer for r in rows if r.question_key == "severity") == "4"
    assert all(agent.startswith("MEDISCH-E") for agent in agents) and len(agents) == 2
    assert {"intake_answered", "intake_corrected", "exposure_recorded"} <= set(kinds)
