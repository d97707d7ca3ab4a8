"""The employer reports a partial or full recovery on one case (issue 18 item 7): from which
day the employee works which percentage of the hours. The page shows the case's course as
dates and percentages only; what is typed goes to the server in the submit event and is
never put in a state var. The case id comes from the query string (``?case=123``); a case of
another organisation reads as "not found"."""

from __future__ import annotations

from datetime import date
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.i18n.fmt import fmt_date, fmt_percent
from kwportal.services.employer import partial_recovery
from kwportal.services.views import PolicyDeniedError
from kwportal.ui import routes
from kwportal.ui.components import field_errors
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import Localised
from kwportal.ui.text import tr

ROUTE = routes.EMPLOYER_RECOVERY
FORM_ID = "partial-recovery-form"


def period_line(first: str, last: str, percent: str, lang: str) -> str:
    """ "1 december 2026 – 14 december 2026: 50 %" in the reader's language (``last`` "":
    still running)."""
    until = (
        fmt_date(date.fromisoformat(last), lang) if last else t("partial_recovery.running", lang)
    )
    shown = fmt_percent(int(percent), lang, decimals=0)
    return f"{fmt_date(date.fromisoformat(first), lang)} – {until}: {shown}"


def done_key(percent: int) -> str:
    if percent == 100:
        return "partial_recovery.full_recorded"
    return "partial_recovery.sick_recorded" if percent == 0 else "partial_recovery.done"


class EmployerRecoveryState(Localised, AuthState):
    found: bool = False
    not_found_key: str = ""
    case_ref: str = ""
    name: str = ""
    first_sick_day: str = ""
    recovery_date: str = ""
    percent_now: int = 0
    #: ``[[first, last or "", percent], ...]`` as ISO dates: dates and percentages only
    period_data: list[list[str]] = []
    is_open: bool = False
    earliest: str = ""
    latest: str = ""
    error_keys: list[list[str]] = []
    _case_id: int | None = None

    @rx.var
    def not_found(self) -> str:
        return t(self.not_found_key, self._lang) if self.not_found_key else ""

    @rx.var
    def errors(self) -> dict[str, str]:
        return field_errors.messages(self.error_keys, partial_recovery.FIELDS, self._lang)

    @rx.var
    def error_list(self) -> list[list[str]]:
        return field_errors.links(self.error_keys, "partial-", partial_recovery.FIELDS, self._lang)

    @rx.var
    def periods(self) -> list[str]:
        return [period_line(row[0], row[1], row[2], self._lang) for row in self.period_data]

    @rx.var
    def facts(self) -> list[list[str]]:
        """(label, value) lines: first sick day, percentage now, the recovery date."""
        if not self.found:
            return []
        lines = [
            [
                t("partial_recovery.first_sick_day", self._lang),
                fmt_date(date.fromisoformat(self.first_sick_day), self._lang),
            ],
            [
                t("partial_recovery.now", self._lang),
                fmt_percent(self.percent_now, self._lang, decimals=0),
            ],
        ]
        if self.recovery_date:
            day = fmt_date(date.fromisoformat(self.recovery_date), self._lang)
            lines.append([t("partial_recovery.recovered_on", self._lang), day])
        return lines

    def _clear(self) -> None:
        self.found, self.not_found_key, self._case_id = False, "partial_recovery.not_found", None
        self.period_data, self.is_open, self.error_keys, self.name = [], False, [], ""

    def _show(self, screen: partial_recovery.RecoveryScreen) -> None:
        self.found, self.not_found_key = True, ""
        self._case_id, self.case_ref = screen.case_id, str(screen.case_id)
        self.name = f"{screen.first_name} {screen.last_name} ({screen.personnel_number})"
        self.first_sick_day = screen.first_sick_day.isoformat()
        self.recovery_date = screen.recovery_date.isoformat() if screen.recovery_date else ""
        self.percent_now, self.is_open = screen.percent_now, screen.is_open
        self.period_data = [
            [p.first.isoformat(), p.last.isoformat() if p.last else "", str(p.percent_working)]
            for p in screen.periods
        ]
        self.earliest, self.latest = self.first_sick_day, screen.latest_day.isoformat()

    @rx.event
    @guarded(Role.EMPLOYER_CONTACT)
    def load(self) -> None:
        self.notice_key, self.error_keys = "", []
        case_id = routes.case_id_from(str(self.router.url))
        try:
            if case_id is None:
                raise PolicyDeniedError("no case")
            self._show(self._run(partial_recovery.do_show, case_id))
        except PolicyDeniedError:
            self._clear()

    @rx.event
    @guarded(Role.EMPLOYER_CONTACT)
    def report(self, form_data: dict[str, Any]) -> Any:
        case_id = self._case_id
        if case_id is None:
            return None
        self.notice_key = ""
        raw_date = str(form_data.get("from_date", ""))[:20]
        raw_percent = str(form_data.get("percent_working", ""))[:10]
        try:
            screen = self._run(partial_recovery.do_report, case_id, raw_date, raw_percent)
        except partial_recovery.ReportError as error:
            self.error_keys = [[e.field, e.code] for e in error.errors]
            return rx.call_script(field_errors.FOCUS_FIRST_ERROR)
        except PolicyDeniedError:
            self._clear()
            return None
        self.error_keys = []
        self._show(screen)
        self.notice_key = done_key(partial_recovery.parse_percent(raw_percent) or 0)
        return rx.call_script(f"document.getElementById('{FORM_ID}')?.reset()")


def _course() -> rx.Component:
    state = EmployerRecoveryState
    return rx.el.section(
        rx.el.h2(state.name),
        rx.el.dl(
            rx.foreach(
                state.facts,
                lambda line: rx.fragment(rx.el.dt(line[0]), rx.el.dd(line[1])),
            ),
            class_name="items",
        ),
        rx.el.h3(tr("partial_recovery.periods")),
        rx.el.ul(
            rx.foreach(state.periods, lambda line: rx.el.li(line)),
            class_name="plain recovery-periods",
        ),
        class_name="card",
    )


def _form() -> rx.Component:
    state = EmployerRecoveryState
    return rx.el.form(
        rx.el.p(
            tr("partial_recovery.employer_sees"),
            id="partial-recovery-warning",
            class_name="warning",
            role="note",
        ),
        field_errors.field(
            "partial_recovery.from_date",
            "from_date",
            "partial-from_date",
            state.errors,
            type="date",
            required=True,
            min=state.earliest,
            max=state.latest,
        ),
        field_errors.field(
            "partial_recovery.percent_working",
            "percent_working",
            "partial-percent_working",
            state.errors,
            hint_key="partial_recovery.percent_hint",
            type="number",
            input_mode="numeric",
            min=0,
            max=100,
            step=1,
            required=True,
        ),
        rx.el.button(tr("partial_recovery.submit"), type="submit", class_name="button"),
        id=FORM_ID,
        on_submit=EmployerRecoveryState.report,
        aria_describedby="partial-recovery-warning",
        class_name="form",
    )


def employer_recovery_page() -> rx.Component:
    state = EmployerRecoveryState
    return portal_page(
        rx.el.h1(tr("partial_recovery.title")),
        rx.el.p(
            rx.el.a(
                tr("partial_recovery.back"),
                href=routes.case_href(routes.EMPLOYER_CASE, state.case_ref),
                # a tap target of its own (WCAG 2.5.5): 44 px high
                style={"display": "inline-flex", "align_items": "center", "min_height": "44px"},
            )
        ),
        notice(state.not_found),
        notice(state.notice_text, state.notice_kind),
        field_errors.summary(state.error_list, "sick.errors_title"),
        rx.cond(
            state.found,
            rx.el.div(
                _course(),
                rx.cond(
                    state.is_open,
                    rx.el.section(
                        rx.el.p(tr("partial_recovery.intro")),
                        _form(),
                        class_name="card",
                    ),
                    rx.el.p(tr("partial_recovery.closed")),
                ),
            ),
            rx.el.span(),
        ),
    )
