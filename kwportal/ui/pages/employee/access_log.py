"""Who opened my file: the employee's access log (issue 5, item 3), filtered by period and
paged, as cards on any width. The lines come from :mod:`kwportal.services.employee.access_log`;
this state keeps only their strings and translates them in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.i18n.fmt import fmt_datetime, fmt_time, fmt_time_range
from kwportal.services.employee import access_log as service
from kwportal.ui import routes
from kwportal.ui.components.access_log import date_input, label, role_label
from kwportal.ui.components.forms import notice
from kwportal.ui.components.lists import card_section, item, optional_item, pager
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import Localised
from kwportal.ui.text import tr

ROUTE = routes.MY_ACCESS_LOG
PAGE_SIZE = 20


@dataclass
class AccessRow:
    """One line as stored in the state: names and keys, not yet translated."""

    name: str = ""
    role: str = ""
    organisation: str = ""
    categories: str = ""
    action: str = ""
    ground: str = ""
    when: str = ""
    count: str = "1"


@dataclass
class AccessLine:
    """One line as shown, in the reader's language."""

    who: str = ""
    role: str = ""
    organisation: str = ""
    what: str = ""
    action: str = ""
    ground: str = ""
    when: str = ""
    times: str = ""


def translate(row: AccessRow, lang: str) -> AccessLine:
    role = role_label(row.role, lang)
    categories = [label("category", c, lang) for c in row.categories.split()]
    return AccessLine(
        who=row.name or role,
        role=role,
        organisation=row.organisation,
        what=", ".join(categories) or t("access_log.unknown", lang),
        action=label("action", row.action, lang),
        ground=label("ground", row.ground, lang),
        when=row.when,
        times=t("access_log.times", lang).replace("{count}", row.count) if row.count != "1" else "",
    )


def as_row(line: service.AccessLogLine) -> AccessRow:
    when = fmt_datetime(line.last_at, short=True)
    if line.count > 1 and fmt_time(line.first_at) != fmt_time(line.last_at):
        when = fmt_time_range(line.first_at, line.last_at, short=True)
    return AccessRow(
        name=line.name,
        role=line.role,
        organisation=line.organisation,
        categories=" ".join(line.categories),
        action=line.action,
        ground=line.ground,
        when=when,
        count=str(line.count),
    )


class MyAccessLogState(Localised, AuthState):
    rows: list[AccessRow] = []
    since: str = ""
    until: str = ""
    today: str = ""
    page: int = 1
    has_older: bool = False

    @rx.var
    def lines(self) -> list[AccessLine]:
        return [translate(row, self._lang) for row in self.rows]

    @rx.var
    def page_line(self) -> str:
        return t("access_log.page", self._lang).replace("{page}", str(self.page))

    def _show(self, since: Any, until: Any, page: int) -> None:
        """Load one page; a refused period leaves the lines shown as they were."""
        try:
            first, last = date_input(since), date_input(until)
            result = self._run(service.do_read_log, first, last, page, PAGE_SIZE)
        except service.AccessLogError as error:
            self.notice_key = error.code
            return
        self.notice_key = ""
        self.rows = [as_row(line) for line in result.lines]
        self.since, self.until = result.since.isoformat(), result.until.isoformat()
        self.today = service.local_today().isoformat()
        self.page, self.has_older = result.page, result.has_older

    @rx.event
    @guarded(Role.EMPLOYEE)
    def load(self) -> None:
        self._show(None, None, 1)

    @rx.event
    @guarded(Role.EMPLOYEE)
    def filter_period(self, form_data: dict[str, Any]) -> None:
        data = form_data if isinstance(form_data, dict) else {}
        self._show(data.get("since"), data.get("until"), 1)

    @rx.event
    @guarded(Role.EMPLOYEE)
    def older(self) -> None:
        if self.has_older:
            self._show(self.since, self.until, self.page + 1)

    @rx.event
    @guarded(Role.EMPLOYEE)
    def newer(self) -> None:
        if self.page > 1:
            self._show(self.since, self.until, self.page - 1)


def _date_field(label_key: str, name: str, value: Any) -> rx.Component:
    ident = f"access-{name}"
    return rx.el.div(
        rx.el.label(tr(label_key), html_for=ident),
        rx.el.input(
            id=ident,
            name=name,
            type="date",
            default_value=value,
            max=MyAccessLogState.today,
            required=True,
        ),
        class_name="field",
    )


def _period_form() -> rx.Component:
    state = MyAccessLogState
    return rx.el.form(
        rx.el.fieldset(
            rx.el.legend(tr("access_log.period")),
            _date_field("access_log.since", "since", state.since),
            _date_field("access_log.until", "until", state.until),
            class_name="period",
        ),
        rx.el.button(tr("access_log.show"), type="submit", class_name="button"),
        on_submit=state.filter_period,
        # a new key remounts the inputs, so they show the period actually loaded
        key=state.since + "/" + state.until,
        class_name="form period-form",
    )


def _card(line: Any) -> rx.Component:
    return rx.el.li(
        rx.el.p(rx.el.strong(line.who), class_name="who"),
        rx.el.dl(
            *item("access_log.role", line.role),
            optional_item("access_log.organisation", line.organisation),
            *item("access_log.what", line.what),
            *item("access_log.action", line.action),
            *item("access_log.ground", line.ground),
            *item(
                "access_log.when",
                rx.el.span(line.when, rx.cond(line.times != "", rx.el.span(" (", line.times, ")"))),
            ),
            class_name="items",
        ),
        class_name="access-card",
    )


def _pager() -> rx.Component:
    state = MyAccessLogState
    return pager(
        label_key="access_log.paging",
        back_key="access_log.newer",
        on_back=state.newer,
        back_disabled=state.page <= 1,
        page_line=state.page_line,
        forward_key="access_log.older",
        on_forward=state.older,
        forward_disabled=~state.has_older,
    )


def my_access_log_page() -> rx.Component:
    return portal_page(
        rx.el.h1(tr("access_log.title")),
        rx.el.div(
            rx.el.p(tr("access_log.intro"), class_name="lead"),
            rx.el.p(tr("access_log.function_note")),
            class_name="access-intro",
        ),
        notice(MyAccessLogState.notice_text, MyAccessLogState.notice_kind),
        _period_form(),
        card_section("access_log.caption", MyAccessLogState.lines, _card, "access_log.none"),
        _pager(),
    )
