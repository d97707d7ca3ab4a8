"""The employer's overview: its own organisation's open cases, one page at a time, as cards
on a phone and a table on a wide screen. Nothing about health beyond the released expected
period (seed ch. 1, "Aan werkgever")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from kwportal.domain.poortwachter import Step
from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.services.employer import dashboard as employer_dashboard
from kwportal.ui import routes
from kwportal.ui.components.employer_case import day, secrecy_note
from kwportal.ui.components.lists import STACK, cell, pager
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.components.restriction_notice import restriction_badge
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr

ROUTE = routes.EMPLOYER
STEP_KEYS = tuple(step.value for step in Step)
SORT_LABELS = {
    "sick_since": "employer.sort.sick_since_old",
    "-sick_since": "employer.sort.sick_since_new",
    "name": "employer.sort.name",
    "-name": "employer.sort.name_desc",
    "number": "employer.sort.number",
    "-number": "employer.sort.number_desc",
}


@dataclass
class OverviewRow:
    href: str = ""
    name: str = ""
    number: str = ""
    sick_since: str = ""
    expected_period: str = ""
    deadline_step: str = ""
    deadline_due: str = ""
    overdue: bool = False
    new_feedback: bool = False
    #: the use of his data stopped (a flag only: policy.RESTRICTION_SHOWN)
    restricted: bool = False


def step_label(key: Any) -> rx.Component:
    return rx.match(key, *[(k, tr(f"step.{k}")) for k in STEP_KEYS], key)


def _row(line: employer_dashboard.OverviewLine) -> OverviewRow:
    deadline = line.next_deadline
    return OverviewRow(
        href=routes.case_href(routes.EMPLOYER_CASE, line.case_id),
        name=f"{line.first_name} {line.last_name}",
        number=line.personnel_number,
        sick_since=day(line.sick_report_date),
        expected_period=line.expected_period,
        deadline_step=str(deadline.step) if deadline else "",
        deadline_due=day(deadline.due) if deadline else "",
        overdue=line.overdue,
        new_feedback=line.new_feedback,
        restricted=line.restricted,
    )


class EmployerOverviewState(AuthState):
    rows: list[OverviewRow] = []
    page: int = 1
    pages: int = 1
    total: int = 0
    sort: str = employer_dashboard.DEFAULT_SORT
    query: str = ""

    @rx.var
    def page_line(self) -> str:
        return (
            t("employer.page_of", self.lang)
            .replace("{page}", str(self.page))
            .replace("{pages}", str(self.pages))
            .replace("{total}", str(self.total))
        )

    def _refresh(self) -> None:
        result = self._run(employer_dashboard.do_overview, self.page, self.sort, self.query)
        self.rows = [_row(line) for line in result.lines]
        self.page, self.pages, self.total = result.page, result.pages, result.total
        self.sort, self.query = result.sort, result.search

    @rx.event
    @guarded(Role.EMPLOYER_CONTACT)
    def load(self) -> None:
        self.page, self.sort, self.query = 1, employer_dashboard.DEFAULT_SORT, ""
        self._refresh()

    @rx.event
    @guarded(Role.EMPLOYER_CONTACT)
    def search(self, form_data: dict[str, Any]) -> None:
        self.query = str(form_data.get("q", ""))[: employer_dashboard.MAX_SEARCH]
        self.page = 1
        self._refresh()

    @rx.event
    @guarded(Role.EMPLOYER_CONTACT)
    def go_to_page(self, page: int) -> None:
        self.page = page if isinstance(page, int) and not isinstance(page, bool) else 1
        self._refresh()

    @rx.event
    @guarded(Role.EMPLOYER_CONTACT)
    def sort_by(self, value: str) -> None:
        self.sort = employer_dashboard.normalise_sort(str(value))
        self.page = 1
        self._refresh()


def _badges(row: Any) -> rx.Component:
    return rx.fragment(
        rx.cond(row.overdue, rx.el.span(tr("employer.overdue"), class_name="badge overdue")),
        rx.cond(row.new_feedback, rx.el.span(tr("employer.new"), class_name="badge new")),
        restriction_badge(row.restricted),
    )


def _deadline(row: Any) -> rx.Component:
    return rx.cond(
        row.deadline_due != "",
        rx.el.span(step_label(row.deadline_step), ": ", row.deadline_due),
        rx.el.span(tr("employer.none")),
    )


def _expected(row: Any) -> rx.Component:
    return rx.cond(
        row.expected_period != "",
        rx.el.span(row.expected_period),
        rx.el.span(tr("employer.not_released")),
    )


def _card(row: Any) -> rx.Component:
    return rx.el.li(
        rx.el.p(rx.el.a(row.name, href=row.href, class_name="case-link"), " ", _badges(row)),
        rx.el.dl(
            rx.el.dt(tr("employer.col.number")),
            rx.el.dd(row.number),
            rx.el.dt(tr("employer.col.sick_since")),
            rx.el.dd(row.sick_since),
            rx.el.dt(tr("employer.col.expected")),
            rx.el.dd(_expected(row)),
            rx.el.dt(tr("employer.col.deadline")),
            rx.el.dd(_deadline(row)),
            class_name="items",
        ),
        class_name="case-card",
    )


def _table_row(row: Any) -> rx.Component:
    return rx.el.tr(
        cell(tr("employer.col.name"), rx.el.a(row.name, href=row.href), " ", _badges(row)),
        cell(tr("employer.col.number"), row.number),
        cell(tr("employer.col.sick_since"), row.sick_since),
        cell(tr("employer.col.expected"), _expected(row)),
        cell(tr("employer.col.deadline"), _deadline(row)),
    )


def _table() -> rx.Component:
    headers = ("name", "number", "sick_since", "expected", "deadline")
    return rx.el.table(
        rx.el.caption(tr("employer.caption")),
        rx.el.thead(rx.el.tr(*[rx.el.th(tr(f"employer.col.{h}"), scope="col") for h in headers])),
        rx.el.tbody(rx.foreach(EmployerOverviewState.rows, _table_row)),
        class_name=f"case-table wide-only {STACK}",
    )


def _controls() -> rx.Component:
    return rx.el.div(
        rx.el.form(
            rx.el.div(
                rx.el.label(tr("employer.search"), html_for="employer-search"),
                rx.el.input(
                    id="employer-search",
                    name="q",
                    type="search",
                    max_length=employer_dashboard.MAX_SEARCH,
                    auto_complete="off",
                    default_value=EmployerOverviewState.query,
                ),
                class_name="field",
            ),
            rx.el.button(tr("employer.search_button"), type="submit", class_name="button"),
            on_submit=EmployerOverviewState.search,
            role="search",
            class_name="form search-form",
        ),
        rx.el.div(
            rx.el.label(tr("employer.sort"), html_for="employer-sort"),
            rx.el.select(
                *[rx.el.option(tr(label), value=key) for key, label in SORT_LABELS.items()],
                id="employer-sort",
                value=EmployerOverviewState.sort,
                on_change=EmployerOverviewState.sort_by,
            ),
            class_name="field",
        ),
        class_name="controls",
    )


def _pager() -> rx.Component:
    state = EmployerOverviewState
    return pager(
        label_key="employer.paging",
        back_key="employer.previous",
        on_back=state.go_to_page(state.page - 1),
        back_disabled=state.page <= 1,
        page_line=state.page_line,
        forward_key="employer.next",
        on_forward=state.go_to_page(state.page + 1),
        forward_disabled=state.page >= state.pages,
    )


def employer_overview_page() -> rx.Component:
    rows: Any = EmployerOverviewState.rows
    return portal_page(
        rx.el.h1(tr("employer.title")),
        secrecy_note(),
        _controls(),
        rx.cond(
            rows.length() > 0,
            rx.el.div(
                rx.el.ul(
                    rx.foreach(rows, _card),
                    class_name="plain case-cards narrow-only",
                ),
                _table(),
            ),
            rx.el.p(tr("employer.no_cases")),
        ),
        _pager(),
    )
