"""The problem analysis (issue 15 item 3, week 6): a medical part that stays in the file
and an employer part (the four items and advice) released through the feedback flow.

The doctor writes the medical part here; the employer part is the case's feedback draft,
written, shared with the employee and released on the feedback page (one release flow:
identical text to employer and employee at the same moment). Only the company doctor's
session loads this state; nothing of it reaches the employer, the case manager or the desk.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.services.case import problem_analysis as pa
from kwportal.services.views import PolicyDeniedError
from kwportal.ui import routes
from kwportal.ui.components.counter import char_counter, counted
from kwportal.ui.components.employer_case import day
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.components.restriction_notice import restriction_notice, since_text
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import Localised
from kwportal.ui.text import tr

ROUTE = routes.CARE_PROBLEM_ANALYSIS
FIELD = "pa-medical"


@dataclass
class EarlierRow:
    written: str = ""
    released: str = ""
    medical: str = ""


class ProblemAnalysisState(Localised, AuthState):
    found: bool = False
    not_found_key: str = ""
    case_ref: str = ""
    name: str = ""
    sick_since: str = ""
    has_current: bool = False
    medical: str = ""
    part: str = ""
    earlier: list[EarlierRow] = []
    field_error_key: str = ""
    #: a new value re-renders the form with what was saved
    form_key: int = 0
    #: the use of his data stopped (issue 17 item 3), and since when
    restricted: bool = False
    restricted_since: str = ""
    _case_id: int = 0
    _document_id: int = 0
    _stamp: str = ""

    @rx.var
    def not_found(self) -> str:
        return t(self.not_found_key, self._lang) if self.not_found_key else ""

    @rx.var
    def field_error(self) -> str:
        return t(self.field_error_key, self._lang) if self.field_error_key else ""

    def _clear(self, key: str) -> None:
        self.found, self.not_found_key, self.case_ref, self.name = False, key, "", ""
        self.sick_since, self.has_current, self.medical, self.part = "", False, "", ""
        self.earlier, self.field_error_key = [], ""
        self.restricted, self.restricted_since = False, ""
        self._case_id, self._document_id, self._stamp = 0, 0, ""

    def _fill(self, page: pa.ProblemAnalysisPage) -> None:
        self.found, self.not_found_key = True, ""
        self._case_id, self.case_ref = page.case_id, str(page.case_id)
        self.name, self.sick_since = page.name, day(page.sick_since)
        self.restricted = page.restriction is not None
        self.restricted_since = since_text(page.restriction and page.restriction.since)
        current = page.current
        self.has_current = current is not None
        self.medical = current.medical if current else ""
        self.part = current.employer_part if current else ""
        self._document_id = current.document_id if current else 0
        self._stamp = current.stamp if current else ""
        self.form_key += 1
        self.earlier = [
            EarlierRow(day(line.created_at), day(line.released_at), line.medical)
            for line in page.earlier
        ]

    @rx.event
    @guarded(Role.COMPANY_DOCTOR)
    def load(self) -> None:
        self.notice_key, self.field_error_key = "", ""
        case_id = routes.case_id_from(str(self.router.url))
        if case_id is None:
            self._clear("problem_analysis.not_found")
            return
        try:
            self._fill(self._run(pa.do_open_problem_analysis, case_id))
        except PolicyDeniedError:
            self._clear("problem_analysis.not_found")

    @rx.event
    @guarded(Role.COMPANY_DOCTOR)
    def save(self, form_data: dict[str, Any]) -> Any:
        if not self._case_id:
            self._clear("problem_analysis.not_found")
            return None
        text = str(form_data.get("medical", ""))[: pa.MAX_MEDICAL + 1]
        try:
            page = self._run(
                pa.do_save_problem_analysis, self._case_id, self._document_id, self._stamp, text
            )
        except pa.AnalysisError as error:
            self.notice_key, self.field_error_key = "", error.code
            return rx.set_focus(FIELD)
        except PolicyDeniedError:
            self._clear("problem_analysis.not_found")
            return None
        self._fill(page)
        self.notice_key, self.field_error_key = "problem_analysis.saved", ""
        return None


def _has(items: Any) -> Any:
    return items.length() > 0


def _key(counter: Any) -> Any:
    return counter.to(str)


def _part_line() -> rx.Component:
    state = ProblemAnalysisState
    return rx.el.section(
        rx.el.h2(tr("problem_analysis.employer_part")),
        rx.el.p(tr("problem_analysis.employer_part_intro")),
        rx.el.p(
            rx.match(
                state.part,
                ("draft", tr("problem_analysis.part.draft")),
                ("shared", tr("problem_analysis.part.shared")),
                tr("problem_analysis.part.none"),
            ),
            class_name="meta",
        ),
        rx.el.p(
            rx.el.a(
                tr("problem_analysis.to_feedback"),
                href=routes.case_href(routes.CARE_FEEDBACK, state.case_ref),
            )
        ),
        class_name="card",
    )


def _form() -> rx.Component:
    state = ProblemAnalysisState
    return rx.el.form(
        rx.el.div(
            rx.el.label(tr("problem_analysis.medical"), html_for=FIELD),
            rx.el.p(tr("problem_analysis.medical_hint"), id="pa-medical-hint", class_name="meta"),
            rx.el.textarea(
                name="medical",
                rows=12,
                **counted(FIELD, pa.MAX_MEDICAL),
                default_value=state.medical,
                aria_describedby="pa-medical-hint pa-medical-error",
                aria_invalid=rx.cond(state.field_error != "", "true", "false"),
            ),
            rx.cond(
                state.field_error != "",
                rx.el.p(state.field_error, id="pa-medical-error", class_name="field-error"),
            ),
            char_counter(FIELD, pa.MAX_MEDICAL),
            class_name="field",
        ),
        rx.el.button(
            rx.cond(state.has_current, tr("problem_analysis.save"), tr("problem_analysis.start")),
            type="submit",
            class_name="button",
        ),
        key=_key(state.form_key),
        on_submit=ProblemAnalysisState.save,
        class_name="form",
    )


def _earlier(row: Any) -> rx.Component:
    return rx.el.li(
        rx.el.p(
            tr("problem_analysis.written"),
            " ",
            row.written,
            " · ",
            tr("problem_analysis.released"),
            " ",
            row.released,
            class_name="meta",
        ),
        rx.el.p(row.medical, class_name="note-body"),
    )


def problem_analysis_page() -> rx.Component:
    state = ProblemAnalysisState
    return portal_page(
        rx.el.h1(tr("problem_analysis.title")),
        notice(state.not_found),
        notice(state.notice_text, state.notice_kind),
        rx.cond(
            state.found,
            rx.el.div(
                rx.el.p(
                    state.name, " · ", tr("problem_analysis.sick_since"), " ", state.sick_since
                ),
                restriction_notice(state.restricted, state.restricted_since, audience="staff"),
                rx.el.p(
                    rx.el.a(
                        tr("problem_analysis.to_case"),
                        href=routes.case_href(routes.CARE_CASE, state.case_ref),
                    )
                ),
                rx.el.section(
                    rx.el.h2(tr("problem_analysis.medical_part")),
                    rx.el.p(tr("problem_analysis.medical_intro")),
                    _form(),
                    class_name="card",
                ),
                rx.cond(state.has_current, _part_line()),
                rx.el.section(
                    rx.el.h2(tr("problem_analysis.earlier")),
                    rx.cond(
                        _has(state.earlier),
                        rx.el.ul(rx.foreach(state.earlier, _earlier), class_name="plain care-list"),
                        rx.el.p(tr("problem_analysis.none_earlier")),
                    ),
                    class_name="card",
                ),
            ),
        ),
    )
