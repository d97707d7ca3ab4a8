"""The intake questionnaire before the first consult (issue 15 item 2).

The questions are data (``kwportal/data/questionnaires/intake.json``, versioned, Dutch and
English). The employee answers them for his current case and reads and corrects his answers
until his first consult; after that they are part of the medical file as he left them. Each
answer keeps the questionnaire's version and the question's text as it was put to him.

The answers are medical (BRIEF.md: "questionnaire answers"): besides him only the doctor's
team reads them (``services/case/file.py``, ``answers_for_file``). A correction
changes the answer in place and writes an audit row that says *that* it changed, never the
old or the new text.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib import resources

from sqlalchemy import and_, func, or_
from sqlmodel import Session, col, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import (
    Actor,
    intake_open,
    may_answer_intake,
    require,
)
from kwportal.domain.questionnaire import (
    AnswerProblem,
    Questionnaire,
    check_answers,
    form_value,
    parse,
)
from kwportal.domain.roles import Role
from kwportal.models import Appointment, QuestionnaireAnswer, SickLeaveCase
from kwportal.services import audit
from kwportal.services.employee.my_case import latest_case
from kwportal.services.unit import Ctx, use_case

INTAKE_FILE = "questionnaires/intake.json"
#: an appointment that was called off does not close the questionnaire
CALLED_OFF = ("cancelled",)


class QuestionnaireError(ValueError):
    """A refused save: ``code`` is a translation key, ``problems`` the answers at fault."""

    def __init__(self, code: str, problems: tuple[AnswerProblem, ...] = ()) -> None:
        super().__init__(code)
        self.code = code
        self.problems = problems


@cache
def intake() -> Questionnaire:
    """The intake questionnaire shipped with the portal (package data)."""
    text = resources.files("kwportal.data").joinpath(INTAKE_FILE).read_text(encoding="utf-8")
    return parse(json.loads(text))


def consult_held(session: Session, case_id: int, now: datetime) -> bool:
    """Has the first consult of the case taken place: an appointment (not called off) whose
    time has passed, or any appointment with attendance recorded."""
    found = session.exec(
        select(func.count())
        .select_from(Appointment)
        .where(
            Appointment.case_id == case_id,
            or_(
                col(Appointment.attendance) != "",
                and_(col(Appointment.starts_at) <= now, col(Appointment.status).not_in(CALLED_OFF)),
            ),
        )
    ).one()
    return bool(found)


def _rows(session: Session, case_id: int, name: str) -> list[QuestionnaireAnswer]:
    return list(
        session.exec(
            select(QuestionnaireAnswer)
            .where(
                QuestionnaireAnswer.case_id == case_id, QuestionnaireAnswer.questionnaire == name
            )
            .order_by(col(QuestionnaireAnswer.id))
        )
    )


# --- the employee's page -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuestionLine:
    key: str
    kind: str
    text: str
    required: bool
    #: (value, label) in his language; empty unless a choice
    choices: tuple[tuple[str, str], ...]
    #: the allowed values of a scale, lowest first; empty unless a scale
    scale: tuple[str, ...]
    max_length: int
    #: his answer as the form shows it (a choice's value), "" when none
    value: str
    #: his answer as it was kept, and the question as it was put to him
    answer: str
    asked: str


@dataclass(frozen=True, slots=True)
class MyIntake:
    #: no case at all: nothing to answer
    has_case: bool
    #: he may still answer and correct (an open case whose first consult is ahead)
    editable: bool
    version: int = 0
    questions: tuple[QuestionLine, ...] = ()
    answered_at: datetime | None = None


def _own_case(session: Session, actor: Actor) -> SickLeaveCase | None:
    employee_id = require(actor, Role.EMPLOYEE, has="employee_id", error=QuestionnaireError)
    case = latest_case(session, employee_id)
    if case is None or not may_answer_intake(actor, case.employee_id):
        return None
    return case


def _my_intake(session: Session, actor: Actor, lang: str, now: datetime) -> MyIntake:
    case = _own_case(session, actor)
    if case is None or case.id is None:
        return MyIntake(has_case=False, editable=False)
    questionnaire = intake()
    kept = {row.question_key: row for row in _rows(session, case.id, questionnaire.name)}
    editable = intake_open(
        case_open=case.recovery_date is None, consult_held=consult_held(session, case.id, now)
    )
    lines = []
    for q in questionnaire.questions:
        row = kept.get(q.key)
        answer = row.answer if row else ""
        lines.append(
            QuestionLine(
                q.key,
                q.kind,
                q.text(lang),
                q.required,
                tuple((c.value, c.label(lang)) for c in q.choices),
                q.scale() if q.kind == "scale" else (),
                q.max_length,
                form_value(q, answer),
                answer,
                row.question if row else q.text(lang),
            )
        )
    moments = [row.answered_at for row in kept.values()]
    return MyIntake(True, editable, questionnaire.version, tuple(lines), max(moments, default=None))


def _save(
    session: Session,
    actor: Actor,
    case: SickLeaveCase,
    answers: Mapping[str, str],
    lang: str,
    ctx: Ctx,
) -> None:
    """Write new answers, change corrected ones in place, leave the rest; one audit row for
    the answers given and one for the corrections, naming question keys, never content."""
    assert case.id is not None
    questionnaire = intake()
    kept = {row.question_key: row for row in _rows(session, case.id, questionnaire.name)}
    created: list[QuestionnaireAnswer] = []
    changed: list[QuestionnaireAnswer] = []
    for question in questionnaire.questions:
        answer, row = answers.get(question.key, ""), kept.get(question.key)
        if row is None:
            if answer:
                row = QuestionnaireAnswer(
                    employee_id=case.employee_id,
                    case_id=case.id,
                    questionnaire=questionnaire.name,
                    question=question.text(lang),
                    answer=answer,
                    answered_at=ctx.now,
                    question_key=question.key,
                    version=questionnaire.version,
                )
                session.add(row)
                created.append(row)
            continue
        if row.answer == answer and row.version == questionnaire.version:
            continue
        row.answer, row.question = answer, question.text(lang)
        row.version, row.answered_at = questionnaire.version, ctx.now
        session.add(row)
        changed.append(row)
    session.flush()
    for rows, action, event in (
        (created, audit.Action.CREATE, "intake_answered"),
        (changed, audit.Action.UPDATE, "intake_corrected"),
    ):
        if rows:
            _audit(session, actor, case.employee_id, rows, action, event, ctx)


def _audit(
    session: Session,
    actor: Actor,
    employee_id: int,
    rows: list[QuestionnaireAnswer],
    action: audit.Action,
    event_type: str,
    ctx: Ctx,
) -> None:
    audit.record(
        session,
        actor=actor,
        access=ctx.access,
        event_type=event_type,
        action=action,
        ground=audit.Ground.OWN_DATA,
        subject_employee_id=employee_id,
        objects=[
            audit.ObjectRef(str(Category.MEDICAL), "questionnaire_answer", r.id) for r in rows
        ],
        details={"questions": [r.question_key for r in rows], "version": rows[0].version},
        secret=ctx.secret,
        now=ctx.now,
    )


@use_case(Role.EMPLOYEE, person=True)
def do_show_intake(actor: Actor, lang: str, *, ctx: Ctx) -> MyIntake:
    """His questionnaire for his current case, with his answers so far."""
    return _my_intake(ctx.session, actor, lang, ctx.now)


@use_case(Role.EMPLOYEE, person=True)
def do_save_intake(actor: Actor, raw: dict[str, str], lang: str, *, ctx: Ctx) -> MyIntake:
    """Save or correct his answers (``QuestionnaireError`` when refused: no open case, the
    consult has been, or answers at fault — then nothing is written), then the page again."""
    case = _own_case(ctx.session, actor)
    if case is None or case.id is None or case.recovery_date is not None:
        raise QuestionnaireError("questionnaire.no_case")
    if consult_held(ctx.session, case.id, ctx.now):
        raise QuestionnaireError("questionnaire.closed")
    answers, problems = check_answers(intake(), raw, lang)
    if problems:
        raise QuestionnaireError("questionnaire.check_answers", problems)
    _save(ctx.session, actor, case, answers, lang, ctx)
    return _my_intake(ctx.session, actor, lang, ctx.now)
