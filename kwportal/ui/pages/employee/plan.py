"""The employee's side of the plan of action and its evaluations (issue 15 item 3): he
reads what his employer wrote, adds his own view and agrees or disagrees with a reason.

His own case, no ``?case=``. His problem analyses are listed for download (his own file,
WGBO art. 7:456), and the re-integration report for his WIA application is downloaded
here after a fresh code."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.services import runner
from kwportal.services.employee import plan as my_plan
from kwportal.services.employer.plan_form import MAX_TEXT, PlanError
from kwportal.ui import routes
from kwportal.ui.components.counter import char_counter, counted
from kwportal.ui.components.employer_case import day
from kwportal.ui.components.forms import notice
from kwportal.ui.components.plan_card import (
    PlanCard,
    as_key,
    field_error,
    has_items,
    plan_article,
    plan_card,
    plan_cards,
)
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.components.second_opinion import deskundigenoordeel
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import Localised
from kwportal.ui.states.downloads import DownloadState
from kwportal.ui.text import tr

ROUTE = routes.MY_PLAN


@dataclass
class AnalysisRow:
    href: str = ""
    written: str = ""
    released: str = ""


class MyPlanState(Localised, AuthState):
    has_case: bool = False
    plans: list[PlanCard] = []
    pending: list[PlanCard] = []
    analyses: list[AnalysisRow] = []
    has_report: bool = False
    case_ref: str = ""
    #: ``[field, message]`` of the last refused answer, with the plan it was for
    errors: list[list[str]] = []
    error_plan: str = ""
    form_key: int = 0

    @rx.var
    def error_lines(self) -> list[str]:
        return [message for _field, message in self.errors]

    @rx.var
    def report_href(self) -> str:
        path = routes.reintegration_report_href(int(self.case_ref or 0))
        return routes.with_query(path, lang=self._lang)

    def _error_for(self, name: str) -> str:
        return next((m for f, m in self.errors if f == name), "")

    @rx.var
    def choose_error(self) -> str:
        return self._error_for("agrees")

    @rx.var
    def view_error(self) -> str:
        return self._error_for("employee_view")

    @rx.var
    def reason_error(self) -> str:
        return self._error_for("employee_reason")

    def _fill(self, page: my_plan.MyPlanPage) -> None:
        lang = self._lang
        self.has_case = page.case_id is not None
        self.case_ref = str(page.case_id or "")
        cards = [plan_card(p, lang) for p in page.plans]
        self.pending = [c for c in cards if c.status == "submitted"]
        self.plans = [c for c in cards if c.status != "submitted"]
        self.analyses = [
            AnalysisRow(routes.document_href(a.document_id), day(a.created_at), day(a.released_at))
            for a in page.analyses
        ]
        self.has_report = page.has_report
        self.errors, self.error_plan = [], ""
        self.form_key += 1

    @rx.event
    @guarded(Role.EMPLOYEE)
    def load(self) -> None:
        self.notice_key = ""
        self._fill(self._run(my_plan.do_show_my_plans))

    @rx.event
    @guarded(Role.EMPLOYEE)
    def respond(self, form_data: dict[str, Any]) -> None:
        plan_id, version = str(form_data.get("plan", "")), str(form_data.get("version", ""))
        if not (plan_id.isdigit() and version.isdigit()):
            return
        try:
            page = self._run(
                my_plan.do_respond_to_plan,
                int(plan_id),
                int(version),
                str(form_data.get("employee_view", ""))[: MAX_TEXT + 1],
                str(form_data.get("agrees", ""))[:5],
                str(form_data.get("employee_reason", ""))[: my_plan.MAX_REASON + 1],
            )
        except PlanError as error:
            self.notice_key, self.error_plan = "", plan_id
            self.errors = [
                [e.field, t(e.code, self._lang).replace("{terms}", ", ".join(e.terms))]
                for e in error.errors
            ]
            return
        self._fill(page)
        self.notice_key = "my_plan.answered"

    @rx.event
    @guarded(Role.EMPLOYEE)
    def download_report(self) -> Any:
        if not self.has_report:
            return None
        self._run(runner.do_confirm_fresh_code)
        return rx.download(url=self.report_href, filename="")


def _answer_form(card: Any) -> rx.Component:
    state = MyPlanState
    mine = state.error_plan == card.plan_id

    def ident(name: str) -> Any:
        return "my-plan-" + name + "-" + card.plan_id

    choices = (("yes", "my_plan.agree"), ("no", "my_plan.disagree"))
    return rx.el.form(
        rx.el.input(type="hidden", name="plan", value=card.plan_id),
        rx.el.input(type="hidden", name="version", value=card.version),
        rx.el.p(tr("my_plan.warning"), id=ident("warning"), class_name="warning", role="note"),
        rx.el.div(
            rx.el.label(tr("plan.employee_view"), html_for=ident("view")),
            rx.el.textarea(
                name="employee_view",
                rows=5,
                aria_describedby=ident("warning") + " " + ident("view-error"),
                **counted(ident("view"), MAX_TEXT),
            ),
            char_counter(ident("view"), MAX_TEXT),
            field_error(rx.cond(mine, state.view_error, ""), ident("view-error")),
            class_name="field",
        ),
        rx.el.fieldset(
            rx.el.legend(tr("my_plan.agree_question")),
            *[
                rx.el.div(
                    rx.el.input(type="radio", id=ident(v), name="agrees", value=v),
                    rx.el.label(tr(label), html_for=ident(v)),
                    class_name="toggle",
                )
                for v, label in choices
            ],
            field_error(rx.cond(mine, state.choose_error, ""), ident("agrees-error")),
            class_name="field",
        ),
        rx.el.div(
            rx.el.label(tr("plan.employee_reason"), html_for=ident("reason")),
            rx.el.p(tr("my_plan.reason_hint"), id=ident("reason-hint"), class_name="hint"),
            rx.el.textarea(
                name="employee_reason",
                rows=3,
                aria_describedby=ident("reason-hint") + " " + ident("reason-error"),
                **counted(ident("reason"), my_plan.MAX_REASON),
            ),
            char_counter(ident("reason"), my_plan.MAX_REASON),
            field_error(rx.cond(mine, state.reason_error, ""), ident("reason-error")),
            class_name="field",
        ),
        rx.el.button(tr("my_plan.send"), type="submit", class_name="button"),
        on_submit=MyPlanState.respond,
        class_name="form",
    )


def _pending(card: Any) -> rx.Component:
    return rx.el.div(plan_article(card), _answer_form(card), class_name="card")


def _analysis(row: Any) -> rx.Component:
    return rx.el.li(
        rx.el.button(
            tr("my_plan.analysis_download"),
            " ",
            row.written,
            type="button",
            class_name="link-button",
            on_click=DownloadState.fetch(row.href),
        ),
        rx.cond(
            row.released != "",
            rx.el.p(tr("my_plan.analysis_released"), " ", row.released, class_name="meta"),
            rx.el.p(tr("my_plan.analysis_not_released"), class_name="meta"),
        ),
    )


def my_plan_page() -> rx.Component:
    state = MyPlanState
    return portal_page(
        rx.el.h1(tr("my_plan.title")),
        notice(state.notice_text, state.notice_kind),
        rx.cond(
            has_items(state.error_lines),
            rx.el.div(
                rx.el.ul(rx.foreach(state.error_lines, lambda line: rx.el.li(line))),
                role="alert",
                class_name="notice error-summary",
            ),
        ),
        rx.cond(
            state.has_case,
            rx.el.div(
                rx.el.p(tr("my_plan.intro")),
                rx.cond(
                    has_items(state.pending),
                    rx.el.section(
                        rx.el.h2(tr("my_plan.pending")),
                        rx.el.div(rx.foreach(state.pending, _pending), key=as_key(state.form_key)),
                    ),
                ),
                plan_cards(state.plans, "my_plan.none"),
                rx.el.section(
                    rx.el.h2(tr("second_opinion.title")),
                    deskundigenoordeel(),
                    class_name="card",
                ),
                rx.el.section(
                    rx.el.h2(tr("problem_analysis.title")),
                    rx.el.p(tr("my_plan.analysis_intro")),
                    rx.cond(
                        has_items(state.analyses),
                        rx.el.ul(rx.foreach(state.analyses, _analysis), class_name="plain"),
                        rx.el.p(tr("my_plan.analysis_none")),
                    ),
                    class_name="card",
                ),
                rx.cond(
                    state.has_report,
                    rx.el.section(
                        rx.el.h2(tr("reintegration.title")),
                        rx.el.p(tr("reintegration.intro_employee")),
                        rx.el.button(
                            tr("reintegration.download"),
                            type="button",
                            class_name="button",
                            on_click=MyPlanState.download_report,
                        ),
                        class_name="card",
                    ),
                ),
            ),
            rx.el.p(tr("my_plan.no_case")),
        ),
    )
