"""The employer's anonymised absence figures (seed ch. 1: reports to the employer only
anonymised): a chart of the organisation's absence percentage per quarter, and every table
as an accessible HTML table with hidden cells marked ``x``; a CSV download beside them.
Only published numbers reach this state: the suppression happens in the service."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.i18n.fmt import fmt_number, fmt_percent
from kwportal.services.employer import reports as employer_reports
from kwportal.services.employer.reports import ReportTable, shown
from kwportal.ui import routes
from kwportal.ui.components.lists import STACK, cell
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import Localised
from kwportal.ui.text import tr

ROUTE = routes.EMPLOYER_REPORTS


@dataclass
class RawTable:
    key: str = ""
    columns: list[str] = field(default_factory=list)
    #: per department: its name, then a shown value per column, then the row total
    rows: list[list[str]] = field(default_factory=list)
    #: a shown value per column, then the grand total
    totals: list[str] = field(default_factory=list)
    #: the values are percentages (else counts)
    percent: bool = False


@dataclass
class TableView:
    caption: str = ""
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    totals: list[str] = field(default_factory=list)


def raw_table(table: ReportTable) -> RawTable:
    published, percent = table.published, table.percent
    rows = [
        [department, *(shown(c, percent=percent) for c in cells), shown(total, percent=percent)]
        for department, cells, total in zip(
            table.rows, published.cells, published.row_totals, strict=True
        )
    ]
    totals = [
        *(shown(c, percent=percent) for c in published.column_totals),
        shown(published.grand_total, percent=percent),
    ]
    return RawTable(table.key, list(table.columns), rows, totals, percent)


def local_value(value: str, lang: str, *, percent: bool) -> str:
    """A published value in the reader's language ("0,4 %", "1.234"); a hidden one stays ``x``."""
    try:
        number = float(value)
    except ValueError:
        return value
    return fmt_percent(number, lang) if percent else fmt_number(number, lang)


def table_view(raw: RawTable, lang: str) -> TableView:
    no_department = t("reports.no_department", lang)
    return TableView(
        caption=t(f"reports.table.{raw.key}", lang),
        header=[
            t("reports.department", lang),
            *(t(f"reports.col.{c}", lang) for c in raw.columns),
            t("reports.total", lang),
        ],
        rows=[
            [row[0] or no_department, *(local_value(v, lang, percent=raw.percent) for v in row[1:])]
            for row in raw.rows
        ],
        totals=[
            t("reports.total", lang),
            *(local_value(v, lang, percent=raw.percent) for v in raw.totals),
        ],
    )


class EmployerReportsState(Localised, AuthState):
    year: str = ""
    years: list[str] = []
    raw_tables: list[RawTable] = []
    #: the organisation's published absence percentage per quarter (hidden ones left out)
    chart_points: list[list[str]] = []
    #: the roster gave workforce counts (issue 17 item 1); else the page asks for it
    workforce_known: bool = True

    @rx.var
    def tables(self) -> list[TableView]:
        return [table_view(raw, self._lang) for raw in self.raw_tables]

    @rx.var
    def chart(self) -> list[dict[str, Any]]:
        return [
            {"label": t(f"reports.col.{q}", self._lang), "percent": float(v)}
            for q, v in self.chart_points
        ]

    @rx.var
    def csv_href(self) -> str:
        return routes.with_query(routes.API_REPORTS_CSV, year=self.year, lang=self._lang)

    def _refresh(self, year: int) -> None:
        result = self._run(employer_reports.do_reports, year)
        self.year, self.years = str(result.year), [str(y) for y in result.years]
        self.raw_tables = [raw_table(table) for table in result.tables]
        absence = result.absence
        self.workforce_known = result.workforce_known
        self.chart_points = [
            [column, str(cell.value)]
            for column, cell in zip(absence.columns, absence.published.column_totals, strict=True)
            if cell.value is not None and result.workforce_known
        ]

    @rx.event
    @guarded(Role.EMPLOYER_CONTACT)
    def load(self) -> None:
        self._refresh(0)

    @rx.event
    @guarded(Role.EMPLOYER_CONTACT)
    def show_year(self, form_data: dict[str, Any]) -> None:
        raw = str(form_data.get("year", ""))[:4]
        self._refresh(int(raw) if raw.isdigit() else 0)


def _table(view: Any) -> rx.Component:
    return rx.el.div(
        rx.el.table(
            rx.el.caption(view.caption),
            rx.el.thead(rx.el.tr(rx.foreach(view.header, lambda h: rx.el.th(h, scope="col")))),
            rx.el.tbody(
                rx.foreach(
                    view.rows,
                    lambda row: rx.el.tr(
                        rx.el.th(row[0], scope="row"),
                        rx.foreach(row[1:], lambda v, i: cell(view.header[i + 1], v)),
                    ),
                )
            ),
            rx.el.tfoot(
                rx.el.tr(
                    rx.el.th(view.totals[0], scope="row"),
                    rx.foreach(view.totals[1:], lambda v, i: cell(view.header[i + 1], v)),
                )
            ),
            class_name=f"report-table {STACK}",
        ),
        class_name="table-scroll",
        tab_index=0,
        role="region",
        aria_label=view.caption,
    )


def _chart() -> rx.Component:
    return rx.el.figure(
        rx.el.figcaption(tr("reports.chart_title"), " ", tr("reports.chart_text")),
        rx.el.div(
            rx.recharts.bar_chart(
                rx.recharts.bar(data_key="percent", fill="#0b4f6c", is_animation_active=False),
                rx.recharts.x_axis(data_key="label"),
                rx.recharts.y_axis(),
                data=EmployerReportsState.chart,
                width="100%",
                height=220,
                # recharts 3 makes the chart a focusable "application"; the table below is
                # the accessible form, so the picture stays out of the tab order
                custom_attrs={"accessibilityLayer": False},
            ),
            aria_hidden="true",
            class_name="chart",
        ),
        class_name="card report-chart",
    )


def _year_form() -> rx.Component:
    return rx.el.form(
        rx.el.div(
            rx.el.label(tr("reports.year"), html_for="report-year"),
            rx.el.select(
                rx.foreach(EmployerReportsState.years, lambda y: rx.el.option(y, value=y)),
                id="report-year",
                name="year",
                value=EmployerReportsState.year,
                on_change=lambda value: EmployerReportsState.show_year({"year": value}),
            ),
            class_name="field",
        ),
        on_submit=EmployerReportsState.show_year,
        class_name="form",
    )


def employer_reports_page() -> rx.Component:
    state = EmployerReportsState
    return portal_page(
        rx.el.h1(tr("reports.title")),
        rx.el.p(tr("reports.intro")),
        _year_form(),
        rx.el.p(rx.el.a(tr("reports.download"), href=state.csv_href, download=True)),
        rx.cond(state.chart.length() > 0, _chart(), rx.el.span()),
        rx.cond(
            state.workforce_known,
            rx.el.span(),
            rx.el.p(tr("reports.no_workforce"), class_name="notice", role="status"),
        ),
        rx.foreach(state.tables, _table),
        rx.el.p(tr("reports.hidden"), class_name="meta"),
        rx.el.p(tr("reports.pmo_none"), class_name="meta"),
    )
