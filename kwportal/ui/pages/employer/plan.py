"""The employer writes the plan of action (week 8), its evaluations and the first-year
evaluation (issue 15 item 3): goals, agreed actions (what, who, by when) and its own view
on the re-integration; saved as a draft, then sent to the employee, who adds his view.

The case id comes from the query string; a case of another organisation reads as "not
found". The employer types here, so the page warns, as the sick-report form does, that
nothing about the illness belongs in it, and the server refuses flagged words at their
field. The re-integration report (PDF) is downloaded from here after a fresh code."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.services import runner
from kwportal.services.employer import plan as plan_service
from kwportal.services.employer.plan_form import MAX_ACTIONS, MAX_TEXT, PlanError, input_from
from kwportal.services.views import PolicyDeniedError
from kwportal.ui import routes
from kwportal.ui.components.counter import char_counter
from kwportal.ui.components.employer_case import day
from kwportal.ui.components.forms import notice
from kwportal.ui.components.plan_card import (
    PlanCard,
    as_key,
    field_error,
    has_items,
    plan_card,
    plan_cards,
)
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import Localised
from kwportal.ui.text import tr

ROUTE = routes.EMPLOYER_PLAN


@dataclass
class ActionRow:
    index: str = "0"
    description: str = ""
    owner: str = ""
    due: str = ""
    description_error: str = ""
    owner_error: str = ""
    due_error: str = ""


@dataclass
class OptionRow:
    value: str = ""
    label: str = ""


def error_text(code: str, terms: list[str], lang: str) -> str:
    return t(code, lang).replace("{terms}", ", ".join(terms))


class EmployerPlanState(Localised, AuthState):
    found: bool = False
    not_found_key: str = ""
    case_ref: str = ""
    name: str = ""
    has_draft: bool = False
    draft_title: str = ""
    goals: str = ""
    employer_view: str = ""
    rows: list[ActionRow] = []
    plans: list[PlanCard] = []
    options: list[OptionRow] = []
    has_report: bool = False
    #: ``[field, message]`` of the last refused save, in the reader's language
    errors: list[list[str]] = []
    form_key: int = 0
    _case_id: int = 0
    _plan_id: int = 0
    _version: int = 0

    @rx.var
    def not_found(self) -> str:
        return t(self.not_found_key, self._lang) if self.not_found_key else ""

    @rx.var
    def error_lines(self) -> list[str]:
        return [message for _field, message in self.errors]

    @rx.var
    def goals_error(self) -> str:
        return next((m for f, m in self.errors if f == "goals"), "")

    @rx.var
    def view_error(self) -> str:
        return next((m for f, m in self.errors if f == "employer_view"), "")

    @rx.var
    def actions_error(self) -> str:
        return next((m for f, m in self.errors if f in ("actions", "form")), "")

    @rx.var
    def report_href(self) -> str:
        path = routes.reintegration_report_href(int(self.case_ref or 0))
        return routes.with_query(path, lang=self._lang, back="employer")

    def _clear(self, key: str) -> None:
        self.found, self.not_found_key, self.name, self.case_ref = False, key, "", ""
        self.has_draft, self.draft_title, self.goals, self.employer_view = False, "", "", ""
        self.rows, self.plans, self.options, self.errors = [], [], [], []
        self.has_report, self._case_id, self._plan_id, self._version = False, 0, 0, 0

    def _fill(self, page: plan_service.EmployerPlanPage) -> None:
        lang = self._lang
        self.found, self.not_found_key, self.errors = True, "", []
        self._case_id, self.case_ref, self.name = page.case_id, str(page.case_id), page.name
        self.plans = [plan_card(p, lang) for p in page.plans if p.status != "draft"]
        self.options = [
            OptionRow(
                f"{o.kind}|{o.due.isoformat()}", f"{t(f'step.{o.kind}', lang)} · {day(o.due)}"
            )
            for o in page.can_start
        ]
        self.has_report = page.has_report
        draft = page.draft
        self.has_draft = draft is not None
        self._plan_id = draft.plan_id if draft else 0
        self._version = draft.version if draft else 0
        self.draft_title = (
            f"{t(f'step.{draft.kind}', lang)} · {day(draft.due)}" if draft is not None else ""
        )
        self.goals = draft.goals if draft else ""
        self.employer_view = draft.employer_view if draft else ""
        saved = [
            ActionRow(str(i), a.description, a.owner, a.due_on.isoformat())
            for i, a in enumerate(draft.actions if draft else ())
        ]
        self.rows = saved + ([ActionRow(str(len(saved)))] if len(saved) < MAX_ACTIONS else [])
        self.form_key += 1

    def _refused(self, error: PlanError, form_data: dict[str, Any]) -> None:
        lang = self._lang
        self.notice_key = ""
        self.errors = [[e.field, error_text(e.code, list(e.terms), lang)] for e in error.errors]
        by_field = {f: m for f, m in self.errors}
        self.goals = str(form_data.get("goals", ""))[: MAX_TEXT + 1]
        self.employer_view = str(form_data.get("employer_view", ""))[: MAX_TEXT + 1]
        self.rows = [
            ActionRow(
                str(i),
                str(form_data.get(f"description_{i}", ""))[:600],
                str(form_data.get(f"owner_{i}", ""))[:300],
                str(form_data.get(f"due_{i}", ""))[:10],
                by_field.get(f"description_{i}", ""),
                by_field.get(f"owner_{i}", ""),
                by_field.get(f"due_{i}", ""),
            )
            for i in range(len(self.rows))
        ]
        self.form_key += 1

    @rx.event
    @guarded(Role.EMPLOYER_CONTACT)
    def load(self) -> None:
        self.notice_key = ""
        case_id = routes.case_id_from(str(self.router.url))
        if case_id is None:
            self._clear("employer_plan.not_found")
            return
        try:
            self._fill(self._run(plan_service.do_open_plans, case_id))
        except PolicyDeniedError:
            self._clear("employer_plan.not_found")

    @rx.event
    @guarded(Role.EMPLOYER_CONTACT)
    def start(self, form_data: dict[str, Any]) -> None:
        kind, _, due = str(form_data.get("step", ""))[:60].partition("|")
        if not self._case_id:
            self._clear("employer_plan.not_found")
            return
        try:
            page = self._run(plan_service.do_start_plan, self._case_id, kind, due)
        except PlanError as error:
            self.errors = [[e.field, t(e.code, self._lang)] for e in error.errors]
            return
        except PolicyDeniedError:
            self._clear("employer_plan.not_found")
            return
        self._fill(page)
        self.notice_key = "employer_plan.started"

    @rx.event
    @guarded(Role.EMPLOYER_CONTACT)
    def add_row(self) -> None:
        if self.has_draft and len(self.rows) < MAX_ACTIONS:
            self.rows = [*self.rows, ActionRow(str(len(self.rows)))]

    @rx.event
    @guarded(Role.EMPLOYER_CONTACT)
    def save(self, form_data: dict[str, Any]) -> None:
        if not self._case_id or not self._plan_id:
            return
        submit = str(form_data.get("then", "")) == "submit"
        try:
            page = self._run(
                plan_service.do_save_plan,
                self._case_id,
                self._plan_id,
                self._version,
                input_from(form_data),
                submit,
            )
        except PlanError as error:
            self._refused(error, form_data)
            return
        except PolicyDeniedError:
            self._clear("employer_plan.not_found")
            return
        self._fill(page)
        self.notice_key = "employer_plan.sent" if submit else "employer_plan.saved"

    @rx.event
    @guarded(Role.EMPLOYER_CONTACT)
    def download_report(self) -> Any:
        if not self.has_report:
            return None
        self._run(runner.do_confirm_fresh_code)
        return rx.download(url=self.report_href, filename="")


def _text_area(name: str, label: str, value: Any, error: Any) -> rx.Component:
    ident = f"plan-{name}"
    return rx.el.div(
        rx.el.label(tr(label), html_for=ident),
        rx.el.textarea(
            id=ident,
            name=name,
            rows=5,
            max_length=MAX_TEXT,
            default_value=value,
            aria_describedby=f"plan-warning {ident}-error",
            aria_invalid=rx.cond(error != "", "true", "false"),
            custom_attrs={"data-limit": str(MAX_TEXT)},
        ),
        char_counter(ident, MAX_TEXT),
        field_error(error, f"{ident}-error"),
        class_name="field",
    )


def _row_input(
    row: Any, name: str, label: str, value: Any, error: Any, **attrs: Any
) -> rx.Component:
    ident = "plan-" + name + "-" + row.index
    return rx.el.div(
        rx.el.label(tr(label), html_for=ident),
        rx.el.input(
            id=ident,
            name=name + "_" + row.index,
            default_value=value,
            aria_invalid=rx.cond(error != "", "true", "false"),
            aria_describedby=ident + "-error",
            **attrs,
        ),
        field_error(error, ident + "-error"),
        class_name="field",
    )


def _action_row(row: Any) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(tr("plan.action"), " ", row.index.to(int) + 1),
        _row_input(
            row,
            "description",
            "plan.action_description",
            row.description,
            row.description_error,
            max_length=500,
        ),
        _row_input(row, "owner", "plan.action_owner", row.owner, row.owner_error, max_length=200),
        _row_input(row, "due", "plan.action_due", row.due, row.due_error, type="date"),
        class_name="plan-action",
    )


def _then() -> rx.Component:
    choices = (("draft", "employer_plan.then_draft"), ("submit", "employer_plan.then_submit"))
    return rx.el.fieldset(
        rx.el.legend(tr("employer_plan.then")),
        *[
            rx.el.div(
                rx.el.input(
                    type="radio",
                    id=f"plan-then-{value}",
                    name="then",
                    value=value,
                    default_checked=value == "draft",
                ),
                rx.el.label(tr(label), html_for=f"plan-then-{value}"),
                class_name="toggle",
            )
            for value, label in choices
        ],
        class_name="field",
    )


def _draft_form() -> rx.Component:
    state = EmployerPlanState
    return rx.el.section(
        rx.el.h2(state.draft_title),
        rx.el.p(tr("employer_plan.warning"), id="plan-warning", class_name="warning", role="note"),
        rx.el.form(
            _text_area("goals", "plan.goals", state.goals, state.goals_error),
            _text_area(
                "employer_view", "plan.employer_view", state.employer_view, state.view_error
            ),
            rx.el.h3(tr("plan.actions")),
            rx.el.p(tr("employer_plan.actions_hint"), class_name="hint"),
            field_error(state.actions_error, "plan-actions-error"),
            rx.foreach(state.rows, _action_row),
            rx.el.button(
                tr("employer_plan.add_row"),
                type="button",
                class_name="link-button",
                on_click=EmployerPlanState.add_row,
            ),
            _then(),
            rx.el.button(tr("employer_plan.save"), type="submit", class_name="button"),
            key=as_key(state.form_key),
            on_submit=EmployerPlanState.save,
            class_name="form plan-form",
        ),
        class_name="card",
    )


def _start_form() -> rx.Component:
    state = EmployerPlanState
    return rx.cond(
        has_items(state.options),
        rx.el.section(
            rx.el.h2(tr("employer_plan.start_title")),
            rx.el.form(
                rx.el.div(
                    rx.el.label(tr("employer_plan.step"), html_for="plan-step"),
                    rx.el.select(
                        rx.foreach(state.options, lambda o: rx.el.option(o.label, value=o.value)),
                        id="plan-step",
                        name="step",
                    ),
                    class_name="field",
                ),
                rx.el.button(tr("employer_plan.start"), type="submit", class_name="button"),
                on_submit=EmployerPlanState.start,
                class_name="form",
            ),
            class_name="card",
        ),
    )


def _error_summary() -> rx.Component:
    state = EmployerPlanState
    return rx.cond(
        has_items(state.error_lines),
        rx.el.div(
            rx.el.p(rx.el.strong(tr("employer_plan.errors_title"))),
            rx.el.ul(rx.foreach(state.error_lines, lambda line: rx.el.li(line))),
            role="alert",
            class_name="notice error-summary",
        ),
    )


def employer_plan_page() -> rx.Component:
    state = EmployerPlanState
    return portal_page(
        rx.el.h1(tr("employer_plan.title")),
        notice(state.not_found),
        notice(state.notice_text, state.notice_kind),
        _error_summary(),
        rx.cond(
            state.found,
            rx.el.div(
                rx.el.p(state.name),
                rx.el.p(
                    rx.el.a(
                        tr("employer_plan.back"),
                        href=routes.case_href(routes.EMPLOYER_CASE, state.case_ref),
                    )
                ),
                rx.el.p(tr("employer_plan.intro")),
                rx.cond(state.has_draft, _draft_form(), _start_form()),
                plan_cards(state.plans, "employer_plan.none"),
                rx.cond(
                    state.has_report,
                    rx.el.section(
                        rx.el.h2(tr("reintegration.title")),
                        rx.el.p(tr("reintegration.intro_employer")),
                        rx.el.button(
                            tr("reintegration.download"),
                            type="button",
                            class_name="button",
                            on_click=EmployerPlanState.download_report,
                        ),
                        class_name="card",
                    ),
                ),
            ),
        ),
    )
