"""My details (issue 5 item 8; issue 17 item 2): what is stored about me, and per field a
short form to ask for the value it should have (seed ch. 3 B, "Op uw verzoek worden de
gegevens aangepast"), checked at the field; for my medical file, my own statement (WGBO
art. 7:454). Under each field the outcome of what I asked: in behandeling, aangepast,
geweigerd with the reason, or my statement added. My care address and my statement never
come back over the websocket: the address is shown in its own frame, a statement only by
its outcome."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from kwportal.domain import rectification as rules
from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.i18n.fmt import fmt_date
from kwportal.services.employee import my_details
from kwportal.services.employee.my_details import RectificationError, RightsError
from kwportal.ui import routes
from kwportal.ui.components.counter import char_counter, counted
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.components.rights import ItemRow, field_label, item_row, outcome_items
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import AppState, Localised
from kwportal.ui.text import tr

ROUTE = routes.MY_DETAILS
MAX_INPUT = 100_000
MEDICAL_FORM = "statement-form"
CARE_FORM = "care-address-form"
#: the input each field asks with
INPUT_TYPES = {
    **dict.fromkeys(rules.DATE_FIELDS, "date"),
    "email": "email",
    "phone": "tel",
    "hours_per_week": "text",
}
HINTS = {
    **dict.fromkeys(rules.DATE_FIELDS, "rectification.hint.date"),
    "postal_code": "rectification.hint.postal_code",
    "gender": "rectification.hint.gender",
    "hours_per_week": "rectification.hint.hours_per_week",
}


@dataclass
class DetailRow:
    field: str = ""
    value: str = ""
    input_type: str = "text"
    hint_key: str = ""


@dataclass
class CaseChoice:
    case_id: str = ""
    sick_since: str = ""


def _detail_row(line: my_details.DetailLine) -> DetailRow:
    return DetailRow(
        line.field,
        line.value,
        INPUT_TYPES.get(line.field, "text"),
        HINTS.get(line.field, ""),
    )


class MyDetailsState(Localised, AuthState):
    details: list[DetailRow] = []
    #: his rectification items, newest first (no care address, no statement)
    items: list[ItemRow] = []
    cases: list[CaseChoice] = []
    #: the field the last refusal belongs at, and its message key
    error_field: str = ""
    error_key: str = ""

    @rx.var
    def error_text(self) -> str:
        return t(self.error_key, self._lang) if self.error_key else ""

    @rx.var
    def other_items(self) -> list[ItemRow]:
        """The care-address and medical items (the employee fields show theirs inline)."""
        return [i for i in self.items if i.kind != str(rules.TargetKind.EMPLOYEE)]

    def _show(self, page: my_details.DetailsPage) -> None:
        self.details = [_detail_row(d) for d in page.details]
        self.items = [item_row(i) for i in page.items]
        self.cases = [
            CaseChoice(str(c.case_id), fmt_date(c.sick_since, short=True)) for c in page.cases
        ]

    def _refused(self, error: RightsError) -> None:
        self.error_field = error.field if isinstance(error, RectificationError) else ""
        self.error_key = self.notice_key = error.code

    @rx.event
    @guarded(Role.EMPLOYEE)
    def load(self) -> None:
        self.notice_key, self.error_field, self.error_key = "", "", ""
        # the care addresses are not loaded here: they reach the page only in a frame
        self._show(self._run(my_details.do_show_details))

    @rx.event
    @guarded(Role.EMPLOYEE)
    def ask_correction(self, form_data: dict[str, Any]) -> Any:
        """Ask that one field get the value typed; a bad value is refused at the field."""
        field = str(form_data.get("field", ""))[:40]
        value = str(form_data.get("correction", ""))[:MAX_INPUT]
        raw_case = str(form_data.get("case_id", ""))[:12]
        case_id = int(raw_case) if raw_case.isascii() and raw_case.isdigit() else None
        try:
            page = self._run(my_details.do_ask_correction, field, value, case_id)
        except RightsError as error:
            self._refused(error)
            return None
        self.error_field, self.error_key = "", ""
        self.notice_key = "details.sent"
        self._show(page)
        form = CARE_FORM if field == my_details.CARE_ADDRESS else f"fix-form-{field}"
        return rx.call_script(f"document.getElementById('{form}')?.reset()")

    @rx.event
    @guarded(Role.EMPLOYEE)
    def add_statement(self, form_data: dict[str, Any]) -> Any:
        """His own statement about his medical file; the doctor adds it next to the text."""
        raw_case = str(form_data.get("statement_case", ""))[:12]
        case_id = int(raw_case) if raw_case.isascii() and raw_case.isdigit() else None
        note = str(form_data.get("note", ""))[:20]
        statement = str(form_data.get("statement", ""))[: rules.MAX_STATEMENT + 1]
        try:
            page = self._run(my_details.do_add_statement, case_id, note, statement)
        except RightsError as error:
            self._refused(error)
            return None
        self.error_field, self.error_key = "", ""
        self.notice_key = "rectification.statement_sent"
        self._show(page)
        return rx.call_script(f"document.getElementById('{MEDICAL_FORM}')?.reset()")


def _error_at(name: Any, ident: Any) -> rx.Component:
    state = MyDetailsState
    return rx.el.p(
        rx.cond(state.error_field == name, state.error_text, ""),
        id=ident,
        class_name="field-error",
    )


def _invalid(name: Any) -> Any:
    return rx.cond(MyDetailsState.error_field == name, "true", "false")


def _value_input(row: Any, ident: Any) -> rx.Component:
    attrs = {
        "name": "correction",
        "id": ident,
        "required": True,
        "aria_describedby": ident + "-hint " + ident + "-error",
        "aria_invalid": _invalid(row.field),
    }
    return rx.cond(
        row.field == "gender",
        rx.el.select(
            *[rx.el.option(g, value=g) for g in rules.GENDERS],
            **attrs,
        ),
        # no maxlength: the server refuses an over-long value at the field, with a message
        rx.el.input(type=row.input_type, **attrs),
    )


def _fix_form(row: Any) -> rx.Component:
    ident = "fix-" + row.field
    return rx.el.details(
        rx.el.summary(tr("details.fix")),
        rx.el.form(
            rx.el.input(type="hidden", name="field", value=row.field),
            rx.el.div(
                rx.el.label(tr("details.correction"), html_for=ident),
                rx.el.p(
                    rx.match(
                        row.hint_key,
                        *[(k, tr(k)) for k in sorted(set(HINTS.values()))],
                        "",
                    ),
                    id=ident + "-hint",
                    class_name="hint",
                ),
                _error_at(row.field, ident + "-error"),
                _value_input(row, ident),
                class_name="field",
            ),
            rx.el.button(tr("details.send"), type="submit", class_name="button"),
            id="fix-form-" + row.field,
            on_submit=MyDetailsState.ask_correction,
            class_name="form",
        ),
        open=MyDetailsState.error_field == row.field,
    )


def _outcome(item: Any) -> rx.Component:
    return rx.el.li(
        rx.el.dl(*outcome_items(item), class_name="items"),
        class_name="rectification-item",
    )


def _field_outcomes(row: Any) -> rx.Component:
    return rx.foreach(
        MyDetailsState.items,
        lambda item: rx.cond(item.field == row.field, rx.el.ul(_outcome(item), class_name="plain")),
    )


def _detail(row: Any) -> rx.Component:
    return rx.el.li(
        rx.el.strong(field_label(row.field)),
        ": ",
        rx.cond(row.value != "", rx.el.span(row.value), rx.el.span(tr("details.empty"))),
        _field_outcomes(row),
        _fix_form(row),
    )


def _case_select(name: str, ident: str) -> rx.Component:
    return rx.el.div(
        rx.el.label(tr("rectification.case_label"), html_for=ident),
        _error_at(name, ident + "-error"),
        rx.el.select(
            rx.foreach(
                MyDetailsState.cases,
                lambda c: rx.el.option(c.sick_since, value=c.case_id),
            ),
            id=ident,
            name=name,
            required=True,
            aria_describedby=ident + "-error",
            aria_invalid=_invalid(name),
        ),
        class_name="field",
    )


def _care_form() -> rx.Component:
    name, ident = my_details.CARE_ADDRESS, "fix-care-address"
    return rx.el.details(
        rx.el.summary(tr("details.fix")),
        rx.el.form(
            rx.el.input(type="hidden", name="field", value=name),
            _case_select("case_id", "care-case"),
            rx.el.div(
                rx.el.label(tr("rectification.care_value"), html_for=ident),
                rx.el.p(tr("rectification.care_hint"), id=ident + "-hint", class_name="hint"),
                _error_at(name, ident + "-error"),
                rx.el.textarea(
                    name="correction",
                    rows=2,
                    required=True,
                    aria_describedby=ident + "-hint " + ident + "-error",
                    aria_invalid=_invalid(name),
                    **counted(ident, rules.LIMITS[name]),
                ),
                char_counter(ident, rules.LIMITS[name]),
                class_name="field",
            ),
            rx.el.button(tr("details.send"), type="submit", class_name="button"),
            id=CARE_FORM,
            on_submit=MyDetailsState.ask_correction,
            class_name="form",
        ),
        open=MyDetailsState.error_field == name,
    )


def _medical_form() -> rx.Component:
    return rx.el.form(
        _case_select("statement_case", "statement-case"),
        rx.el.div(
            rx.el.label(tr("rectification.note_label"), html_for="statement-note"),
            rx.el.p(tr("rectification.note_hint"), id="statement-note-hint", class_name="hint"),
            _error_at("note", "statement-note-error"),
            rx.el.input(
                id="statement-note",
                name="note",
                input_mode="numeric",
                max_length=12,
                aria_describedby="statement-note-hint statement-note-error",
                aria_invalid=_invalid("note"),
            ),
            class_name="field",
        ),
        rx.el.div(
            rx.el.label(tr("rectification.statement_label"), html_for="statement-body"),
            _error_at("statement", "statement-body-error"),
            rx.el.textarea(
                name="statement",
                rows=6,
                required=True,
                aria_describedby="statement-body-error",
                aria_invalid=_invalid("statement"),
                **counted("statement-body", rules.MAX_STATEMENT),
            ),
            char_counter("statement-body", rules.MAX_STATEMENT),
            class_name="field",
        ),
        rx.el.button(tr("rectification.statement_send"), type="submit", class_name="button"),
        id=MEDICAL_FORM,
        on_submit=MyDetailsState.add_statement,
        class_name="form",
    )


def _other_item(item: Any) -> rx.Component:
    return rx.el.li(
        rx.el.h3(field_label(item.field)),
        rx.el.dl(*outcome_items(item), class_name="items"),
        class_name="rectification-item",
    )


def my_details_page() -> rx.Component:
    state = MyDetailsState
    others: Any = state.other_items
    cases: Any = state.cases
    return portal_page(
        rx.el.h1(tr("details.title")),
        notice(state.notice_text, state.notice_kind),
        rx.el.p(tr("details.intro")),
        rx.el.section(
            rx.el.h2(tr("details.personal")),
            rx.el.ul(rx.foreach(state.details, _detail), class_name="plain details"),
            class_name="card",
        ),
        rx.el.section(
            rx.el.h2(tr("details.field.care_address")),
            rx.el.p(tr("details.care_note")),
            rx.el.iframe(
                src=f"{routes.API_CARE_ADDRESS}?lang={AppState.lang}",
                title=tr("details.field.care_address"),
                class_name="secret-frame",
            ),
            rx.cond(cases.length() > 0, _care_form()),
            class_name="card",
        ),
        rx.el.section(
            rx.el.h2(tr("rectification.medical_title")),
            rx.el.p(tr("rectification.medical_intro")),
            rx.cond(cases.length() > 0, _medical_form(), rx.el.p(tr("rectification.no_cases"))),
            class_name="card",
        ),
        rx.cond(
            others.length() > 0,
            rx.el.section(
                rx.el.h2(tr("rectification.mine_title")),
                rx.el.ul(rx.foreach(others, _other_item), class_name="plain"),
                class_name="card",
            ),
        ),
    )
