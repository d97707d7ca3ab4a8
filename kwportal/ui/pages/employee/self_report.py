"""The employee reports himself sick or recovered (issue 15 item 7), where his employer
allows it; otherwise the page says so and whom to call, without a form.

What he types goes to the server in the submit event and is never put in a state var: this
session holds only whether he may report, his employer's name, his open case's first day
and the refusal codes."""

from __future__ import annotations

from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.i18n.fmt import fmt_iso_date
from kwportal.services.employee import self_report
from kwportal.services.employer import partial_recovery
from kwportal.ui import routes
from kwportal.ui.components import field_errors
from kwportal.ui.components.field_errors import FOCUS_FIRST_ERROR
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import Localised
from kwportal.ui.text import tr

ROUTE = routes.MY_REPORT
SICK_FORM, RECOVERED_FORM = "self-sick-form", "self-recovered-form"
FIELDS = (*self_report.FIELDS, "recovery_date", *partial_recovery.FIELDS)
PARTIAL_FORM = "self-partial-form"


class MySelfReportState(Localised, AuthState):
    loaded: bool = False
    allowed: bool = False
    organisation: str = ""
    open_since: str = ""
    today: str = ""
    error_keys: list[list[str]] = []

    @rx.var
    def errors(self) -> dict[str, str]:
        return field_errors.messages(self.error_keys, FIELDS, self._lang)

    @rx.var
    def error_list(self) -> list[list[str]]:
        return field_errors.links(self.error_keys, "self-", FIELDS, self._lang)

    @rx.var
    def open_line(self) -> str:
        if not self.open_since:
            return ""
        return t("self_report.open_since", self._lang).replace(
            "{date}", fmt_iso_date(self.open_since, self._lang)
        )

    def _show(self, screen: self_report.SelfReportScreen) -> None:
        self.loaded, self.allowed = True, screen.allowed
        self.organisation = screen.organisation
        self.open_since = screen.open_since.isoformat() if screen.open_since else ""
        self.today = screen.today.isoformat()

    @rx.event
    @guarded(Role.EMPLOYEE)
    def load(self) -> None:
        self.notice_key, self.error_keys = "", []
        self._show(self._run(self_report.do_show))

    @rx.event
    @guarded(Role.EMPLOYEE)
    def report_sick(self, form_data: dict[str, Any]) -> Any:
        raw = {name: str(form_data.get(name, ""))[:400] for name in self_report.FIELDS}
        return self._report(self_report.do_report_sick, raw, "self_report.sick_done", SICK_FORM)

    @rx.event
    @guarded(Role.EMPLOYEE)
    def report_recovered(self, form_data: dict[str, Any]) -> Any:
        raw = str(form_data.get("recovery_date", ""))[:20]
        return self._report(
            self_report.do_report_recovered, raw, "self_report.recovered_done", RECOVERED_FORM
        )

    @rx.event
    @guarded(Role.EMPLOYEE)
    def report_partial(self, form_data: dict[str, Any]) -> Any:
        """From which day he works which percentage (issue 18 item 7); 100 % is recovery."""
        raw = (
            str(form_data.get("from_date", ""))[:20],
            str(form_data.get("percent_working", ""))[:10],
        )
        done = "self_report.partial_done"
        if partial_recovery.parse_percent(raw[1]) == 100:
            done = "self_report.recovered_done"
        return self._report(self_report.do_report_partial, raw, done, PARTIAL_FORM, spread=True)

    def _report(
        self, use_case: Any, raw: Any, done_key: str, form_id: str, *, spread: bool = False
    ) -> Any:
        self.notice_key = ""
        try:
            screen = self._run(use_case, *raw) if spread else self._run(use_case, raw)
        except self_report.ReportError as error:
            self.error_keys = [[e.field, e.code] for e in error.errors]
            return rx.call_script(FOCUS_FIRST_ERROR)
        except self_report.SelfReportError as error:
            # his employer switched it off meanwhile: the page says whom to call instead
            self.error_keys, self.notice_key, self.allowed = [], error.code, False
            return None
        self.error_keys, self.notice_key = [], done_key
        self._show(screen)
        return rx.call_script(f"document.getElementById('{form_id}')?.reset()")


def _not_allowed() -> rx.Component:
    return rx.el.section(
        rx.el.p(tr("self_report.not_allowed")),
        rx.el.p(tr("self_report.who_to_call")),
        rx.el.dl(
            rx.el.dt(tr("self_report.employer")),
            rx.el.dd(MySelfReportState.organisation),
            class_name="items",
        ),
        class_name="card",
    )


def _duration() -> rx.Component:
    return rx.el.div(
        rx.el.label(tr("self_report.expected_duration"), html_for="self-expected_duration"),
        rx.el.p(
            MySelfReportState.errors["expected_duration"],
            id="self-expected_duration-error",
            class_name="field-error",
        ),
        rx.el.select(
            *[
                rx.el.option(tr(f"sick.duration.{key}"), value=key)
                for key in self_report.EXPECTED_DURATIONS
            ],
            id="self-expected_duration",
            name="expected_duration",
            required=True,
            aria_describedby="self-expected_duration-error",
        ),
        class_name="field",
    )


def _sick_form() -> rx.Component:
    errors = MySelfReportState.errors
    return rx.el.form(
        rx.el.h2(tr("self_report.sick_title")),
        rx.el.p(tr("self_report.warning"), id="self-warning", class_name="warning", role="note"),
        field_errors.field(
            "self_report.first_sick_day",
            "first_sick_day",
            "self-first_sick_day",
            errors,
            type="date",
            required=True,
            max=MySelfReportState.today,
        ),
        # partly sick from the first day (issue 18 item 7): empty is fully sick
        field_errors.field(
            "sick.percent_working",
            "percent_working",
            "self-percent_working",
            errors,
            hint_key="self_report.percent_working_hint",
            type="number",
            input_mode="numeric",
            min=1,
            max=99,
            step=1,
        ),
        field_errors.field(
            "self_report.contact_phone",
            "contact_phone",
            "self-contact_phone",
            errors,
            hint_key="self_report.contact_hint",
            type="tel",
            max_length=30,
            auto_complete="tel",
        ),
        field_errors.field(
            "self_report.contact_email",
            "contact_email",
            "self-contact_email",
            errors,
            type="email",
            max_length=254,
            auto_complete="email",
        ),
        field_errors.field(
            "self_report.care_address",
            "care_address",
            "self-care_address",
            errors,
            hint_key="self_report.care_address_hint",
            max_length=self_report.MAX_CARE_ADDRESS,
            auto_complete="off",
        ),
        _duration(),
        rx.el.button(tr("self_report.submit_sick"), type="submit", class_name="button"),
        id=SICK_FORM,
        on_submit=MySelfReportState.report_sick,
        aria_describedby="self-warning",
        class_name="form",
    )


def _recovered_form() -> rx.Component:
    return rx.el.form(
        rx.el.h2(tr("self_report.recovered_title")),
        rx.el.p(MySelfReportState.open_line),
        field_errors.field(
            "self_report.recovery_date",
            "recovery_date",
            "self-recovery_date",
            MySelfReportState.errors,
            type="date",
            required=True,
            min=MySelfReportState.open_since,
            max=MySelfReportState.today,
        ),
        rx.el.button(tr("self_report.submit_recovered"), type="submit", class_name="button"),
        id=RECOVERED_FORM,
        on_submit=MySelfReportState.report_recovered,
        class_name="form",
    )


def _partial_form() -> rx.Component:
    """Partly back at work (issue 18 item 7): from which day, which percentage."""
    state = MySelfReportState
    return rx.el.form(
        rx.el.h2(tr("self_report.partial_title")),
        rx.el.p(tr("self_report.partial_intro")),
        field_errors.field(
            "partial_recovery.from_date",
            "from_date",
            "self-from_date",
            state.errors,
            type="date",
            required=True,
            min=state.open_since,
        ),
        field_errors.field(
            "partial_recovery.percent_working",
            "percent_working",
            "self-percent_working",
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
        id=PARTIAL_FORM,
        on_submit=MySelfReportState.report_partial,
        class_name="form",
    )


def my_report_page() -> rx.Component:
    state = MySelfReportState
    return portal_page(
        rx.el.h1(tr("self_report.title")),
        notice(state.notice_text, state.notice_kind),
        rx.cond(
            state.loaded,
            rx.cond(
                state.allowed,
                rx.fragment(
                    rx.el.p(tr("self_report.intro")),
                    rx.el.p(tr("self_report.employer_sees")),
                    field_errors.summary(state.error_list, "self_report.errors_title"),
                    rx.cond(
                        state.open_since != "",
                        rx.fragment(_partial_form(), _recovered_form()),
                        _sick_form(),
                    ),
                ),
                _not_allowed(),
            ),
            rx.el.span(),
        ),
    )
