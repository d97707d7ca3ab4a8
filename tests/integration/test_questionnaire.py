"""The intake questionnaire before the first consult (issue 15 item 2), driven through the
page's real handlers (tests/integration/state_driver.py) on the portal's own database.

The employee answers, reads and corrects his answers until his first consult; bad answers
get a message at their field and nothing is written; a correction changes the answer in
place with an audit row that carries no content; the doctor's team reads the answers in the
case file; nobody else reaches them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from kwportal.models import AuditEvent, QuestionnaireAnswer
from kwportal.services import audit, runner
from kwportal.services.employee.questionnaire import do_save_intake, do_show_intake, intake
from kwportal.ui.pages.care.case_admin import CaseAdminState
from kwportal.ui.pages.care.case_file import CareCaseState
from kwportal.ui.pages.employee.questionnaire import MyQuestionnaireState
from tests.integration.auth_helpers import cheap_argon2  # noqa: F401 - fixture
from tests.integration.questionnaire_world import PAGE, World, appointment, build
from tests.integration.served import portal_database
from tests.integration.state_driver import call, page_state

pytestmark = pytest.mark.usefixtures("cheap_argon2")
URL = f"{PAGE}/my-questionnaire"
CANARY = "MEDISCH-INTAKE rugpijn na tillen"


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    with portal_database(tmp_path, monkeypatch) as engine:
        yield build(engine)


def complete(**changes: str) -> dict[str, str]:
    answers: dict[str, str] = {}
    for q in intake().questions:
        if q.kind == "choice":
            answers[q.key] = q.choices[1].value
        elif q.kind == "scale":
            answers[q.key] = "6"
        elif q.required:
            answers[q.key] = f"{CANARY} ({q.key})"
    answers.update(changes)
    return answers


def rows(engine: Engine) -> list[QuestionnaireAnswer]:
    with Session(engine) as session:
        return list(session.exec(select(QuestionnaireAnswer).order_by(col(QuestionnaireAnswer.id))))


def audit_rows(engine: Engine, event_type: str) -> list[AuditEvent]:
    with Session(engine) as session:
        return list(session.exec(select(AuditEvent).where(AuditEvent.event_type == event_type)))


def employee_page(world: World, who: str = "employee") -> MyQuestionnaireState:
    state = page_state(MyQuestionnaireState, world.token(who), url=URL)
    call(state, "load")
    return state


def test_he_answers_reads_and_corrects_in_place_with_a_content_free_audit(world: World) -> None:
    state = employee_page(world)
    assert state.has_case and state.editable
    assert [q.key for q in state.questions] == [q.key for q in intake().questions]
    assert state.questions[0].text == intake().questions[0].nl
    call(state, "save", complete())
    assert state.notice_key == "questionnaire.saved" and state.errors == []
    first = rows(world.engine)
    assert {r.question_key for r in first} == set(complete())
    assert all(r.version == intake().version and r.case_id == world.case for r in first)
    treatment = next(r for r in first if r.question_key == "treatment")
    assert treatment.answer == "Ja, bij de huisarts"
    assert treatment.question == intake().question("treatment").nl  # type: ignore[union-attr]
    # the form shows what he gave, and he corrects one answer: same row, new text
    shown = {q.key: q.value for q in state.questions}
    assert shown["treatment"] == "gp" and shown["severity"] == "6"
    call(state, "save", complete(complaints="MEDISCH-INTAKE hoofdpijn", severity="3"))
    second = rows(world.engine)
    assert [r.id for r in second] == [r.id for r in first]
    changed = {r.question_key: r.answer for r in second}
    assert changed["complaints"] == "MEDISCH-INTAKE hoofdpijn" and changed["severity"] == "3"
    [answered] = audit_rows(world.engine, "intake_answered")
    [corrected] = audit_rows(world.engine, "intake_corrected")
    assert corrected.action == "update" and corrected.subject_employee_id == world.employee
    assert json.loads(corrected.details)["questions"] == ["complaints", "severity"]
    for event in (answered, corrected):
        assert "MEDISCH" not in event.details + event.objects
        assert "rugpijn" not in event.details and "hoofdpijn" not in event.details
    # saving the same answers again changes nothing and writes no audit row
    call(state, "save", complete(complaints="MEDISCH-INTAKE hoofdpijn", severity="3"))
    assert len(audit_rows(world.engine, "intake_corrected")) == 1


def test_english_questions_are_kept_as_asked(world: World) -> None:
    state = page_state(MyQuestionnaireState, world.token("employee"), url=URL)
    state.lang = "en"
    call(state, "load")
    assert state.questions[0].text == intake().questions[0].en
    call(state, "save", complete())
    treatment = next(r for r in rows(world.engine) if r.question_key == "treatment")
    assert treatment.answer == "Yes, by my GP"
    assert treatment.question == intake().question("treatment").en  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("changes", "key", "message"),
    [
        ({"complaints": "   "}, "complaints", "Beantwoord deze vraag."),
        ({"severity": "11"}, "severity", "Kies een getal op de schaal."),
        ({"treatment": "homeopath"}, "treatment", "Kies een van de antwoorden."),
        ({"since_when": "x" * 201}, "since_when", "ten hoogste 200 tekens"),
        ({"to_discuss": "x" * 5000}, "to_discuss", "ten hoogste 2000 tekens"),
    ],
)
def test_bad_answers_get_a_message_at_their_field_and_nothing_is_written(
    world: World, changes: dict[str, str], key: str, message: str
) -> None:
    state = employee_page(world)
    result = call(state, "save", complete(**changes))
    assert rows(world.engine) == []
    assert state.notice_key == "questionnaire.check_answers"
    errors = {q.key: q.error for q in state.questions if q.error}
    assert list(errors) == [key] and message in errors[key]
    assert len(state.errors) == 1 and message in state.errors[0][1]
    assert f"q-{key}" in str(result)  # focus moves to the field


def test_after_the_first_consult_he_reads_but_no_longer_corrects(world: World) -> None:
    state = employee_page(world)
    call(state, "save", complete())
    now = datetime.now(UTC)
    # a consult ahead, or one that was called off, keeps it open
    appointment(world.engine, world, now + timedelta(days=2))
    appointment(world.engine, world, now - timedelta(days=1), status="cancelled")
    assert employee_page(world).editable
    # an open page, then the consult takes place
    appointment(world.engine, world, now - timedelta(minutes=5))
    before = [(r.id, r.answer) for r in rows(world.engine)]
    call(state, "save", complete(complaints="MEDISCH-INTAKE later"))
    assert state.notice_key == "questionnaire.closed" and not state.editable
    assert [(r.id, r.answer) for r in rows(world.engine)] == before
    closed = employee_page(world)
    assert closed.has_case and not closed.editable
    assert any(CANARY in q.answer for q in closed.questions)


def test_attendance_recorded_closes_it_too(world: World) -> None:
    appointment(world.engine, world, datetime.now(UTC) + timedelta(hours=3), attendance="attended")
    assert not employee_page(world).editable


def test_no_case_means_no_questionnaire(world: World) -> None:
    with Session(world.engine) as session, session.begin():
        from kwportal.models import SickLeaveCase

        for case in session.exec(select(SickLeaveCase)):
            session.delete(case)
    state = employee_page(world)
    assert not state.has_case and state.questions == []
    call(state, "save", complete())
    assert state.notice_key == "questionnaire.no_case" and rows(world.engine) == []


def test_his_answers_go_to_his_own_case_only(world: World) -> None:
    call(employee_page(world, "other"), "save", complete())
    assert {r.case_id for r in rows(world.engine)} == {world.other_case}
    mine = employee_page(world)
    assert all(q.answer == "" for q in mine.questions)


@pytest.mark.parametrize("who", ["doctor", "member", "manager", "contact", "privacy", "admin"])
def test_nobody_else_opens_or_fills_his_questionnaire(world: World, who: str) -> None:
    call(employee_page(world), "save", complete())
    token = world.token(who)
    state = page_state(MyQuestionnaireState, token, url=URL)
    for handler, args in (("load", ()), ("save", (complete(complaints="MEDISCH-X"),))):
        call(state, handler, *args)
        assert state.questions == [] and not state.has_case
    caller = runner.Caller(token, audit.AccessPoint("127.0.0.1", "pytest"))
    for work, args in ((do_show_intake, ("nl",)), (do_save_intake, ({}, "nl"))):
        with pytest.raises(runner.RoleRefused):
            runner.run(caller, work, *args)
    assert "MEDISCH-X" not in " ".join(r.answer for r in rows(world.engine))


@pytest.mark.parametrize("who", ["doctor", "member"])
def test_the_doctors_team_reads_question_and_answer_in_the_case_file(
    world: World, who: str
) -> None:
    call(employee_page(world), "save", complete())
    state = page_state(CareCaseState, world.token(who), url=f"{PAGE}/care-case?case={world.case}")
    call(state, "load")
    assert state.found
    questions = [a.question for a in state.answers]
    assert questions[0] == intake().questions[0].nl  # in the questionnaire's order
    complaints = state.answers[0]
    assert CANARY in complaints.answer and "verzuim-intake" in complaints.meta
    assert len(state.answers) == len(complete())  # unanswered optional questions left out


@pytest.mark.parametrize("who", ["manager", "contact", "privacy", "admin", "stranger"])
def test_no_one_outside_the_team_gets_the_answers(world: World, who: str) -> None:
    call(employee_page(world), "save", complete())
    url = f"{PAGE}/care-case?case={world.case}"
    for state_class in (CareCaseState, CaseAdminState):
        state = page_state(state_class, world.token(who), url=url)
        call(state, "load")
        dumped = repr(state.dict()) + repr(state.__dict__)
        assert "MEDISCH-INTAKE" not in dumped, (who, state_class.__name__)


def test_a_save_is_one_unit(world: World) -> None:
    from sqlalchemy import event

    state = employee_page(world)
    seen: list[int] = []
    listener = lambda *_: seen.append(1)  # noqa: E731
    event.listen(world.engine, "begin", listener)
    try:
        call(state, "save", complete())
    finally:
        event.remove(world.engine, "begin", listener)
    assert len(seen) == 1
    with Session(world.engine) as session:
        assert session.exec(select(func.count()).select_from(QuestionnaireAnswer)).one() > 0
