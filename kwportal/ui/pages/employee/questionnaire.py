"""The intake questionnaire (issue 15 item 2): the employee answers before his first
consult and may read and correct his answers until then; only the doctor's team reads them.

The questions come from the service in his language; his answers are his own medical data
and this state is only ever filled for him (every handler is the employee's)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.i18n.fmt import fmt_datetime
from kwportal.services.employee.questionnaire import (
    MyIntake,
    QuestionnaireError,
    do_save_intake,
    do_show_intake,
)
from kwportal.ui import routes
from kwportal.ui.components import case_links as case_links_for
from kwportal.ui.components.case_links import case_links
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import Localised
from kwportal.ui.text import tr

ROUTE = routes.MY_QUESTIONNAIRE
FORM_ID = "intake-form"


@dataclass
class QuestionRow:
    key: str = ""
    kind: str = ""
    text: str = ""
    required: bool = False
    #: [[value, label], ...] of a choice
    choices: list[list[str]] = field(default_factory=list)
    scale: list[str] = field(default_factory=list)
    max_length: int = 0
    #: what the form shows (a choice's value) and the answer as kept
    value: str = ""
    answer: str = ""
    asked: str = ""
    hint: str = ""
    #: the message at the field after a refused save ("" when fine)
    error: str = ""


def _local(moment: datetime | None) -> str:
    return fmt_datetime(moment, short=True)


class MyQuestionnaireState(Localised, AuthState):
    loaded: bool = False
    has_case: bool = False
    editable: bool = False
    questions: list[QuestionRow] = []
    #: [[question text, message], ...] for the summary above the form
    errors: list[list[str]] = []
    saved_at: str = ""
    #: bumped on every fill, so the form is drawn anew with the kept answers
    revision: int = 0

    def _fill(self, intake: MyIntake) -> None:
        self.loaded, self.has_case, self.editable = True, intake.has_case, intake.editable
        limit = t("questionnaire.max_chars", self._lang)
        self.questions = [
            QuestionRow(
                q.key,
                q.kind,
                q.text,
                q.required,
                [[value, label] for value, label in q.choices],
                list(q.scale),
                q.max_length,
                q.value,
                q.answer,
                q.asked,
                limit.replace("{max}", str(q.max_length)) if q.kind == "text" else "",
            )
            for q in intake.questions
        ]
        self.saved_at = _local(intake.answered_at)
        self.errors, self.revision = [], self.revision + 1

    @rx.var
    def saved_line(self) -> str:
        if not self.saved_at:
            return ""
        return t("questionnaire.saved_at", self._lang).replace("{when}", self.saved_at)

    @rx.event
    @guarded(Role.EMPLOYEE)
    def load(self) -> None:
        self.notice_key = ""
        self._fill(self._run(do_show_intake, self._lang))

    @rx.event
    @guarded(Role.EMPLOYEE)
    def save(self, form_data: dict[str, Any]) -> Any:
        """Only the known questions' fields are read, each cut one past its limit (so an
        over-long answer is refused, never silently shortened)."""
        limits = {q.key: q.max_length for q in self.questions}
        raw = {key: str(form_data.get(key, ""))[: limit + 1] for key, limit in limits.items()}
        self.notice_key = ""
        try:
            intake = self._run(do_save_intake, raw, self._lang)
        except QuestionnaireError as error:
            return self._refused(error)
        self._fill(intake)
        self.notice_key = "questionnaire.saved"
        return None

    def _refused(self, error: QuestionnaireError) -> Any:
        """Each answer at fault gets its message at its field, the summary lists them, and
        focus moves to the first; a refusal without answers at fault is a notice."""
        if not error.problems:
            # closed (the consult has been, or the case ended) since the page was opened
            self.notice_key, self.editable = error.code, False
            return None
        by_key = {p.key: t(p.code, self._lang) for p in error.problems}
        rows = [
            replace(row, error=by_key.get(row.key, "").replace("{max}", str(row.max_length)))
            for row in self.questions
        ]
        self.questions = rows
        self.errors = [[row.text, row.error, f"#q-{row.key}"] for row in rows if row.error]
        self.notice_key = error.code
        first = error.problems[0].key
        return rx.call_script(f"document.getElementById('q-{first}')?.focus()")


def _label(row: Any) -> rx.Component:
    return rx.fragment(
        row.text,
        " ",
        rx.el.span(
            rx.cond(
                row.required, tr("questionnaire.required_mark"), tr("questionnaire.optional_mark")
            ),
            class_name="meta",
        ),
    )


def _error(row: Any) -> rx.Component:
    """Always there (empty when fine), so the field's aria-describedby never points at
    nothing."""
    return rx.el.p(row.error, id="q-" + row.key + "-error", class_name="field-error")


def _text_input(row: Any) -> rx.Component:
    ident = "q-" + row.key
    return rx.el.div(
        rx.el.label(_label(row), html_for=ident),
        rx.el.p(row.hint, id=ident + "-hint", class_name="hint"),
        rx.el.textarea(
            id=ident,
            name=row.key,
            rows=3,
            default_value=row.value,
            max_length=row.max_length,
            aria_describedby=ident + "-hint " + ident + "-error",
            aria_invalid=rx.cond(row.error != "", "true", "false"),
        ),
        _error(row),
        class_name="field",
    )


def _choice_input(row: Any) -> rx.Component:
    ident = "q-" + row.key
    return rx.el.fieldset(
        rx.el.legend(_label(row)),
        rx.foreach(
            row.choices,
            lambda choice, n: rx.el.label(
                rx.el.input(
                    type="radio",
                    name=row.key,
                    value=choice[0],
                    default_checked=row.value == choice[0],
                    # the first radio is where focus goes when the answer is refused
                    id=rx.cond(n == 0, ident, ident + "-" + choice[0]),
                ),
                " ",
                choice[1],
                class_name="choice",
            ),
        ),
        _error(row),
        aria_describedby=ident + "-error",
        class_name="field choices",
    )


def _scale_input(row: Any) -> rx.Component:
    ident = "q-" + row.key
    return rx.el.div(
        rx.el.label(_label(row), html_for=ident),
        rx.el.select(
            rx.el.option(tr("questionnaire.choose"), value=""),
            rx.foreach(row.scale, lambda n: rx.el.option(n, value=n)),
            id=ident,
            name=row.key,
            default_value=row.value,
            aria_describedby=ident + "-error",
            aria_invalid=rx.cond(row.error != "", "true", "false"),
        ),
        _error(row),
        class_name="field",
    )


def _question(row: Any) -> rx.Component:
    return rx.match(
        row.kind,
        ("choice", _choice_input(row)),
        ("scale", _scale_input(row)),
        _text_input(row),
    )


def _error_summary() -> rx.Component:
    errors: Any = MyQuestionnaireState.errors
    return rx.cond(
        errors.length() > 0,
        rx.el.div(
            rx.el.p(rx.el.strong(tr("questionnaire.errors_title"))),
            rx.el.ul(rx.foreach(errors, lambda e: rx.el.li(rx.el.a(e[0], ": ", e[1], href=e[2])))),
            role="alert",
            class_name="notice error-summary",
        ),
    )


def _form() -> rx.Component:
    state = MyQuestionnaireState
    return rx.el.form(
        rx.foreach(state.questions, _question),
        rx.el.button(tr("questionnaire.save"), type="submit", class_name="button"),
        id=FORM_ID,
        key=state.revision,
        no_validate=True,
        on_submit=state.save,
        class_name="form intake-form",
    )


def _answer(row: Any) -> rx.Component:
    return rx.fragment(
        rx.el.dt(row.asked),
        rx.el.dd(rx.cond(row.answer != "", row.answer, tr("questionnaire.no_answer"))),
    )


def _read_only() -> rx.Component:
    state = MyQuestionnaireState
    return rx.el.section(
        rx.el.h2(tr("questionnaire.your_answers")),
        rx.el.p(tr("questionnaire.closed")),
        rx.el.dl(rx.foreach(state.questions, _answer), class_name="items answers"),
        class_name="card",
    )


def _body() -> rx.Component:
    state = MyQuestionnaireState
    return rx.cond(
        state.has_case,
        rx.fragment(
            rx.el.p(tr("questionnaire.intro")),
            rx.el.p(tr("questionnaire.privacy"), class_name="meta", role="note"),
            rx.cond(state.saved_line != "", rx.el.p(state.saved_line, class_name="meta")),
            rx.cond(
                state.editable,
                rx.fragment(
                    rx.el.p(tr("questionnaire.open_until")),
                    _error_summary(),
                    _form(),
                ),
                _read_only(),
            ),
        ),
        rx.el.p(tr("questionnaire.no_case")),
    )


def my_questionnaire_page() -> rx.Component:
    state = MyQuestionnaireState
    return portal_page(
        rx.el.h1(tr("questionnaire.title")),
        case_links(case_links_for.EMPLOYEE),
        notice(state.notice_text, state.notice_kind),
        rx.cond(state.loaded, _body()),
    )
