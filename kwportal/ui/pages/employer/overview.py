"""The employer's overview: its own organisation's open cases, one page at a time, as cards
on a phone and a table on a wide screen, the most urgent first: each names the step to take
next and its date, or how late it is (issue 18 item 5). Nothing about health beyond the
released expected period (seed ch. 1, "Aan werkgever")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.services.employer import dashboard as employer_dashboard
from kwportal.ui import routes
from kwportal.ui.components.employer_case import day, secrecy_note
from kwportal.ui.components.lists import STACK, cell, pager
from kwportal.ui.components.next_step import more_late_text, next_step_text
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.components.restriction_notice import restriction_badge
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import Localised
from kwportal.ui.text import tr

ROUTE = routes.EMPLOYER
SORT_LABELS = {
    "urgency": "employer.sort.urgency",
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
    #: the step to take next (the earliest late one while any is late), its date (ISO)
    next_step: str = ""
    next_due: str = ""
    days_late: int = 0
    #: other late steps besides the next one
    more_late: int = 0
    overdue: bool = False
    new_feedback: bool = False
    #: the use of his data stopped (a flag only: policy.RESTRICTION_SHOWN)
    restricted: bool = False


def _row(line: employer_dashboard.OverviewLine) -> OverviewRow:
    deadline = line.next_deadline
    late = deadline.days_late if deadline else 0
    return OverviewRow(
        href=routes.case_href(routes.EMPLOYER_CASE, line.case_id),
        name=f"{line.first_name} {line.last_name}",
        number=line.personnel_number,
        sick_since=day(line.sick_report_date),
        expected_period=line.expected_period,
        next_step=str(deadline.step) if deadline else "",
        next_due=deadline.due.isoformat() if deadline else "",
        days_late=late,
        more_late=max(0, line.late_steps - (1 if late else 0)),
        overdue=line.overdue,
        new_feedback=line.new_feedback,
        restricted=line.restricted,
    )


class EmployerOverviewState(Localised, AuthState):
    rows: list[OverviewRow] = []
    page: int = 1
    pages: int = 1
    total: int = 0
    sort: str = employer_dashboard.DEFAULT_SORT
    query: str = ""
    #: the day the page was read (ISO): "due today" is said against it
    today: str = ""

    @rx.var
    def next_lines(self) -> list[str]:
        """Per row: "Plan van aanpak: 14 dagen te laat" or "…: uiterlijk 19 maart 2026"."""
        today = date.fromisoformat(self.today) if self.today else date.min
        return [
            next_step_text(
                r.next_step,
                date.fromisoformat(r.next_due) if r.next_due else None,
                r.days_late,
                today,
                self._lang,
            )
            for r in self.rows
        ]

    @rx.var
    def more_late_lines(self) -> list[str]:
        return [more_late_text(r.more_late, self._lang) for r in self.rows]

    @rx.var
    def page_line(self) -> str:
        return (
            t("employer.page_of", self._lang)
            .replace("{page}", str(self.page))
            .replace("{pages}", str(self.pages))
            .replace("{total}", str(self.total))
        )

    def _refresh(self) -> None:
        result = self._run(employer_dashboard.do_overview, self.page, self.sort, self.query)
        self.today = result.today.isoformat()
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
        rx.cond(row.new_feedback, rx.el.span(tr("employer.new"), class_name="badge new")),
        restriction_badge(row.restricted),
    )


def _next_step(row: Any, index: Any) -> rx.Component:
    """The step to take next, named, with its date or how late it is; a late one says so
    in words (and is marked by more than its colour: the badge class and the text)."""
    state = EmployerOverviewState
    return rx.el.span(
        rx.el.strong(state.next_lines[index]),
        rx.cond(
            row.more_late > 0,
            rx.el.span(" ", state.more_late_lines[index], class_name="meta"),
        ),
        class_name=rx.cond(row.days_late > 0, "next-step late", "next-step"),
    )


def _expected(row: Any) -> rx.Component:
    return rx.cond(
        row.expected_period != "",
        rx.el.span(row.expected_period),
        rx.el.span(tr("employer.not_released")),
    )


def _card(row: Any, index: Any) -> rx.Component:
    return rx.el.li(
        rx.el.p(rx.el.a(row.name, href=row.href, class_name="case-link"), " ", _badges(row)),
        rx.el.p(_next_step(row, index)),
        rx.el.dl(
            rx.el.dt(tr("employer.col.number")),
            rx.el.dd(row.number),
            rx.el.dt(tr("employer.col.sick_since")),
            rx.el.dd(row.sick_since),
            rx.el.dt(tr("employer.col.expected")),
            rx.el.dd(_expected(row)),
            class_name="items",
        ),
        class_name=rx.cond(row.days_late > 0, "case-card late", "case-card"),
    )


def _table_row(row: Any, index: Any) -> rx.Component:
    return rx.el.tr(
        cell(tr("employer.col.name"), rx.el.a(row.name, href=row.href), " ", _badges(row)),
        cell(tr("next_step.column"), _next_step(row, index)),
        cell(tr("employer.col.number"), row.number),
        cell(tr("employer.col.sick_since"), row.sick_since),
        cell(tr("employer.col.expected"), _expected(row)),
    )


def _table() -> rx.Component:
    headers = (
        "employer.col.name",
        "next_step.column",
        "employer.col.number",
        "employer.col.sick_since",
        "employer.col.expected",
    )
    return rx.el.table(
        rx.el.caption(tr("employer.caption")),
        rx.el.thead(rx.el.tr(*[rx.el.th(tr(h), scope="col") for h in headers])),
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
