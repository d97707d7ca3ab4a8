"""One case for the employer: the shared employer view (released feedback and its history),
the appointments' dates and the Poortwachter deadlines. The case id comes from the query
string (``?case=123``); a case of another organisation reads as "not found"."""

from __future__ import annotations

from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.services.employer import case_screen, sick_report, step_completion
from kwportal.services.views import PolicyDeniedError
from kwportal.ui import routes
from kwportal.ui.components import case_links as case_links_for
from kwportal.ui.components.case_links import case_links
from kwportal.ui.components.employer_case import (
    CaseCard,
    DeadlineRow,
    case_card,
    deadline_row,
    deadlines_section,
    employer_case_card,
    secrecy_note,
)
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.components.restriction_notice import restriction_notice
from kwportal.ui.guard import guarded
from kwportal.ui.pages.employer.sick_report import error_lines, error_summary
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import Localised
from kwportal.ui.text import tr

ROUTE = routes.EMPLOYER_CASE


def step_row(step: case_screen.StepLine) -> DeadlineRow:
    return deadline_row(step.line, can_record=step.can_record)


class EmployerCaseState(Localised, AuthState):
    found: bool = False
    not_found_key: str = ""
    card: CaseCard = CaseCard()
    deadlines: list[DeadlineRow] = []
    is_open: bool = False
    today: str = ""
    error_keys: list[list[str]] = []
    _case_id: int | None = None
    #: the case's number for the links to its plan, messages and files
    case_ref: str = ""
    #: the use of his data stopped: the employer is told only that (issue 17 item 3)
    restricted: bool = False

    @rx.var
    def not_found(self) -> str:
        return t(self.not_found_key, self._lang) if self.not_found_key else ""

    @rx.var
    def errors(self) -> list[str]:
        return error_lines(self.error_keys, self._lang)

    def _clear(self, key: str) -> None:
        self.found, self.not_found_key, self._case_id = False, key, None
        self.card, self.deadlines = CaseCard(), []
        self.is_open, self.error_keys = False, []
        self.restricted = False

    @rx.event
    @guarded(Role.EMPLOYER_CONTACT)
    def load(self) -> None:
        self.notice_key, self.error_keys = "", []
        case_id = routes.case_id_from(str(self.router.url))
        if case_id is None:
            self._clear("employer_case.not_found")
            return
        try:
            screen = self._run(case_screen.do_show_case, case_id)
        except PolicyDeniedError:
            self._clear("employer_case.not_found")
            return
        self._show(screen)

    @rx.event
    @guarded(Role.EMPLOYER_CONTACT)
    def report_recovery(self, form_data: dict[str, Any]) -> None:
        case_id = self._case_id
        if case_id is None:
            return
        raw_date = str(form_data.get("recovery_date", ""))[:20]
        try:
            screen = self._run(case_screen.do_report_recovery, case_id, raw_date)
        except sick_report.ReportError as error:
            self.notice_key, self.error_keys = "", [[e.field, e.code] for e in error.errors]
            return
        except PolicyDeniedError:
            self._clear("employer_case.not_found")
            return
        self._show(screen)
        self.notice_key, self.error_keys = "recovery.done", []

    @rx.event
    @guarded(Role.EMPLOYER_CONTACT)
    def record_step(self, form_data: dict[str, Any]) -> None:
        case_id = self._case_id
        if case_id is None:
            return
        try:
            screen = self._run(
                case_screen.do_record_step,
                case_id,
                str(form_data.get("step", ""))[:40],
                str(form_data.get("due", ""))[:10],
                str(form_data.get("done_on", ""))[:10],
            )
        except step_completion.StepError as error:
            self.notice_key, self.error_keys = "", [["step", error.code]]
            return
        except PolicyDeniedError:
            self._clear("employer_case.not_found")
            return
        self._show(screen)
        self.notice_key, self.error_keys = "steps.recorded", []

    def _show(self, screen: case_screen.CaseScreen) -> None:
        self.found, self.not_found_key = True, ""
        self._case_id = screen.view.case_id
        self.case_ref = str(screen.view.case_id)
        self.card = case_card(screen.view)
        self.is_open = screen.is_open
        self.restricted = screen.restricted
        self.today = screen.today.isoformat()
        # the consults are in the card (date, time, attended), as on "what my employer sees"
        self.deadlines = [step_row(d) for d in screen.deadlines]


def _step_actions(row: Any) -> rx.Component:
    """What the employer does about a step: record it, or write its document."""
    return rx.fragment(
        rx.cond(row.can_record, _step_form(row), rx.el.span()),
        rx.cond(row.done, rx.el.span(), _made_by_document(row)),
    )


def _made_by_document(row: Any) -> rx.Component:
    """A step a document makes done has no tick box: the plan page writes it, or the
    company doctor does (the problem analysis's released employer part)."""
    return rx.match(
        row.made_in,
        (
            "plan",
            rx.el.p(
                rx.el.a(
                    tr("plans.write_step"),
                    href=routes.case_href(routes.EMPLOYER_PLAN, EmployerCaseState.case_ref),
                )
            ),
        ),
        ("doctor", rx.el.p(tr("plans.doctor_step"), class_name="meta")),
        rx.el.span(),
    )


def _step_form(row: Any) -> rx.Component:
    ident = "done-" + row.step + "-" + row.due_iso
    # empty, never today: the date the step was taken is the contact's to give; the
    # server refuses an empty or future one (issue 18 item 5)
    return rx.el.form(
        rx.el.input(type="hidden", name="step", value=row.step),
        rx.el.input(type="hidden", name="due", value=row.due_iso),
        rx.el.div(
            rx.el.label(tr("steps.done_on"), html_for=ident),
            rx.el.p(tr("steps.done_on_hint"), id=ident + "-hint", class_name="hint"),
            rx.el.input(
                id=ident,
                name="done_on",
                type="date",
                required=True,
                max=EmployerCaseState.today,
                aria_describedby=ident + "-hint",
            ),
            class_name="field",
        ),
        rx.el.button(tr("steps.submit"), type="submit", class_name="button"),
        on_submit=EmployerCaseState.record_step,
        class_name="form step-form",
    )


def _recovery_form() -> rx.Component:
    """Reporting the recovery: one tap away (a native disclosure), so the step to take next
    stays near the top of a phone's screen (issue 18 item 5)."""
    return rx.el.details(
        rx.el.summary(tr("recovery.title")),
        rx.el.p(tr("recovery.intro")),
        rx.el.form(
            rx.el.div(
                rx.el.label(tr("recovery.date"), html_for="recovery-date"),
                rx.el.input(
                    id="recovery-date",
                    name="recovery_date",
                    type="date",
                    required=True,
                    max=EmployerCaseState.today,
                ),
                class_name="field",
            ),
            rx.el.button(tr("recovery.submit"), type="submit", class_name="button"),
            on_submit=EmployerCaseState.report_recovery,
            class_name="form",
        ),
        class_name="card steps-fold recovery-fold",
    )


def employer_case_page() -> rx.Component:
    state = EmployerCaseState
    return portal_page(
        rx.el.h1(tr("employer_case.title")),
        rx.el.p(rx.el.a(tr("employer_case.back"), href=routes.EMPLOYER)),
        secrecy_note(),
        notice(state.not_found),
        notice(state.notice_text, state.notice_kind),
        error_summary(state.errors),
        rx.cond(
            state.found,
            rx.el.div(
                restriction_notice(state.restricted, audience="employer"),
                employer_case_card(state.card),
                # what to do next comes right after whom it is about (issue 18 item 5)
                deadlines_section(state.deadlines, _step_actions),
                rx.el.p(tr("plans.steps_who"), class_name="meta"),
                case_links(case_links_for.EMPLOYER, state.case_ref),
                rx.cond(state.is_open, _recovery_form(), rx.el.span()),
            ),
            rx.el.span(),
        ),
    )
