"""The employer's sick report (BRIEF.md, "What the employer may record at a sick report"):
only the Dutch DPA's list, a warning wherever the employer can type, every field checked on
the server. The typed values go to the server in the submit event and are never put in a state
var: after the submit this session holds the new case's id and a message, nothing more (the
care address and the date of birth in particular never come back). Someone not known yet is
reported with his name: the sick report is how a person comes in (issue 17 item 1)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.services.employer import sick_report
from kwportal.ui import routes
from kwportal.ui.components import field_errors
from kwportal.ui.components.counter import char_counter
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import Localised
from kwportal.ui.text import tr

ROUTE = routes.EMPLOYER_SICK_REPORT
FORM_ID = "sick-report-form"
FIELD_LABELS = {
    "personnel_number": "sick.personnel_number",
    "first_name": "sick.first_name",
    "last_name": "sick.last_name",
    "first_sick_day": "sick.first_sick_day",
    "percent_working": "sick.percent_working",
    "date_of_birth": "sick.date_of_birth",
    "contact_phone": "sick.contact_phone",
    "contact_email": "sick.contact_email",
    "care_address": "sick.care_address",
    "expected_duration": "sick.expected_duration",
    "handover_work": "sick.handover_work",
    "safety_net": "sick.safety_net",
    "work_accident": "sick.work_accident",
    "traffic_accident": "sick.traffic_accident",
    "case": "sick.personnel_number",
    "recovery_date": "recovery.date",
    "step": "employer_case.deadlines",
}


def error_lines(keys: list[list[str]], lang: str) -> list[str]:
    """``[[field, code], ...]`` as "label: message" in the reader's language."""
    return [f"{t(FIELD_LABELS.get(f, 'sick.title'), lang)}: {t(c, lang)}" for f, c in keys]


def error_links(keys: list[list[str]], lang: str) -> list[list[str]]:
    """The sick report's refusals as ``[#field-id, "label: message"]``: the summary links
    each to its field (issue 18 item 1)."""
    return field_errors.links(keys, "sick-", sick_report.FIELDS, lang, FIELD_LABELS)


class SickReportState(Localised, AuthState):
    error_keys: list[list[str]] = []
    case_href: str = ""
    today: str = ""

    @rx.var
    def errors(self) -> list[list[str]]:
        return error_links(self.error_keys, self._lang)

    @rx.var
    def field_errors(self) -> dict[str, str]:
        """Each refused field's message, shown at the field."""
        return field_errors.messages(self.error_keys, sick_report.FIELDS, self._lang)

    @rx.event
    @guarded(Role.EMPLOYER_CONTACT)
    def load(self) -> None:
        self.error_keys, self.case_href, self.notice_key = [], "", ""
        self.today = self._run(sick_report.do_open_form).isoformat()

    @rx.event
    @guarded(Role.EMPLOYER_CONTACT)
    def submit_report(self, form_data: dict[str, Any]) -> Any:
        self.case_href, self.notice_key = "", ""
        raw = {name: form_data.get(name, "") for name in sick_report.FIELDS}
        try:
            case_id = self._run(sick_report.do_report_sick, raw)
        except sick_report.ReportError as error:
            self.error_keys = [[e.field, e.code] for e in error.errors]
            return rx.call_script(field_errors.FOCUS_FIRST_ERROR)
        self.error_keys = []
        self.notice_key = "sick.done"
        self.case_href = routes.case_href(routes.EMPLOYER_CASE, case_id)
        return rx.call_script(f"document.getElementById('{FORM_ID}')?.reset()")


def error_summary(errors: Any) -> rx.Component:
    return rx.cond(
        errors.length() > 0,
        rx.el.div(
            rx.el.p(rx.el.strong(tr("sick.errors_title"))),
            rx.el.ul(rx.foreach(errors, lambda line: rx.el.li(line))),
            role="alert",
            class_name="notice error-summary",
        ),
        rx.el.span(),
    )


def _error(name: str) -> rx.Component:
    """The refusal of field ``name``, at the field."""
    message = SickReportState.field_errors[name]
    return rx.el.p(message, id=f"sick-{name}-error", role="alert", class_name="field-error")


def _invalid(name: str) -> Any:
    return rx.cond(SickReportState.field_errors[name] != "", "true", "false")


def text_field(name: str, *, hint: str = "", **attrs: Any) -> rx.Component:
    ident = f"sick-{name}"
    described = f"{ident}-hint {ident}-error" if hint else f"{ident}-error"
    return rx.el.div(
        rx.el.label(tr(FIELD_LABELS[name]), html_for=ident),
        rx.el.p(tr(hint), id=f"{ident}-hint", class_name="hint") if hint else rx.fragment(),
        _error(name),
        rx.el.input(
            id=ident, name=name, aria_describedby=described, aria_invalid=_invalid(name), **attrs
        ),
        class_name="field",
    )


def yes_no(name: str) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(tr(FIELD_LABELS[name])),
        _error(name),
        *[
            rx.el.label(
                rx.el.input(
                    type="radio",
                    name=name,
                    value=value,
                    required=True,
                    # the summary's link lands on the first choice
                    id=f"sick-{name}" if value == "yes" else f"sick-{name}-{value}",
                    aria_invalid=_invalid(name),
                ),
                " ",
                tr(f"sick.{value}"),
                class_name="choice",
            )
            for value in ("yes", "no")
        ],
        aria_describedby=f"sick-{name}-error",
        class_name="field yes-no",
    )


def _form() -> rx.Component:
    return rx.el.form(
        rx.el.p(tr("sick.warning"), id="sick-warning", class_name="warning", role="note"),
        text_field("personnel_number", required=True, max_length=40, auto_complete="off"),
        rx.el.fieldset(
            rx.el.legend(tr("sick.new_person_hint"), class_name="hint"),
            text_field("first_name", max_length=100, auto_complete="off"),
            text_field("last_name", max_length=150, auto_complete="off"),
            class_name="field-group",
        ),
        text_field("first_sick_day", type="date", required=True, max=SickReportState.today),
        # partly sick from the first day (issue 18 item 7): empty is fully sick
        text_field(
            "percent_working",
            hint="sick.percent_working_hint",
            type="number",
            input_mode="numeric",
            min=1,
            max=99,
            step=1,
        ),
        text_field(
            "date_of_birth",
            hint="sick.date_of_birth_hint",
            type="date",
            max=SickReportState.today,
            auto_complete="off",
        ),
        text_field(
            "contact_phone",
            hint="sick.contact_hint",
            type="tel",
            max_length=30,
            auto_complete="off",
        ),
        text_field("contact_email", type="email", max_length=254, auto_complete="off"),
        text_field(
            "care_address",
            hint="sick.care_address_hint",
            max_length=300,
            auto_complete="off",
        ),
        rx.el.div(
            rx.el.label(tr("sick.expected_duration"), html_for="sick-expected_duration"),
            rx.el.select(
                *[
                    rx.el.option(tr(f"sick.duration.{key}"), value=key)
                    for key in sick_report.EXPECTED_DURATIONS
                ],
                id="sick-expected_duration",
                name="expected_duration",
                required=True,
                aria_describedby="sick-expected_duration-error",
                aria_invalid=_invalid("expected_duration"),
            ),
            _error("expected_duration"),
            class_name="field",
        ),
        rx.el.div(
            rx.el.label(tr("sick.handover_work"), html_for="sick-handover_work"),
            rx.el.p(tr("sick.warning"), id="sick-handover-warning", class_name="warning"),
            rx.el.textarea(
                id="sick-handover_work",
                name="handover_work",
                rows=4,
                max_length=sick_report.MAX_HANDOVER,
                aria_describedby="sick-handover-warning sick-handover_work-error",
                aria_invalid=_invalid("handover_work"),
                custom_attrs={"data-limit": str(sick_report.MAX_HANDOVER)},
            ),
            char_counter("sick-handover_work", sick_report.MAX_HANDOVER),
            _error("handover_work"),
            class_name="field",
        ),
        yes_no("safety_net"),
        yes_no("work_accident"),
        yes_no("traffic_accident"),
        rx.el.button(tr("sick.submit"), type="submit", class_name="button"),
        id=FORM_ID,
        on_submit=SickReportState.submit_report,
        aria_describedby="sick-warning",
        class_name="form sick-form",
    )


def sick_report_page() -> rx.Component:
    state = SickReportState
    return portal_page(
        rx.el.h1(tr("sick.title")),
        rx.el.p(tr("sick.intro")),
        notice(state.notice_text, state.notice_kind),
        rx.cond(
            state.case_href != "",
            rx.el.p(rx.el.a(tr("sick.open_case"), href=state.case_href)),
            rx.el.span(),
        ),
        field_errors.summary(state.errors, "sick.errors_title"),
        _form(),
    )
