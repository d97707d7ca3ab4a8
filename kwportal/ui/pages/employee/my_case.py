"""My case (issue 5 item 7): appointments, the people helping me, and my documents (problem
analysis, plan of action), each downloadable (audited). A consult ahead can be confirmed or
asked to be moved, with a reason only the care team reads (issue 15 item 1)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.i18n.fmt import fmt_date
from kwportal.services.case.consult_mail import local_minute
from kwportal.services.employee import my_case
from kwportal.ui import routes
from kwportal.ui.components import case_links as case_links_for
from kwportal.ui.components.case_links import case_links
from kwportal.ui.components.counter import char_counter, counted
from kwportal.ui.components.downloads import download_button
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import Localised
from kwportal.ui.text import tr

ROUTE = routes.MY_CASE
ROLES = ("company_doctor", "care_team", "case_manager")


STATUSES = ("booked", "confirmed", "move_requested", "cancelled")
PLACE_KINDS = ("location", "phone", "video")


@dataclass
class AppointmentRow:
    when: str = ""
    location: str = ""
    role: str = ""
    appointment_id: str = ""
    minutes: str = ""
    place_kind: str = ""
    status: str = ""
    attendance: str = ""
    move_reason: str = ""
    can_answer: bool = False


def appointment_row(a: my_case.AppointmentLine) -> AppointmentRow:
    # the subject is medical: it stays in the export, out of every websocket frame;
    # care staff by function, never by name (seed ch. 1)
    return AppointmentRow(
        local_minute(a.starts_at),
        a.location,
        a.with_role,
        str(a.appointment_id),
        str(a.minutes) if a.minutes else "",
        a.place_kind,
        a.status,
        a.attendance,
        a.move_reason,
        a.can_answer,
    )


@dataclass
class HelperRow:
    name: str = ""
    role: str = ""
    organisation: str = ""
    phone: str = ""
    email: str = ""


@dataclass
class DocumentRow:
    href: str = ""
    kind: str = ""
    title: str = ""
    date: str = ""


class MyCaseState(Localised, AuthState):
    has_case: bool = False
    sick_since: str = ""
    recovered_on: str = ""
    appointments: list[AppointmentRow] = []
    helpers: list[HelperRow] = []
    documents: list[DocumentRow] = []
    #: the consult whose move form shows a refusal, and the refusal's key
    move_error_for: str = ""
    move_error_key: str = ""

    @rx.var
    def move_error(self) -> str:
        return t(self.move_error_key, self._lang) if self.move_error_key else ""

    @rx.event
    @guarded(Role.EMPLOYEE)
    def load(self) -> None:
        self.notice_key, self.move_error_for, self.move_error_key = "", "", ""
        self._show(self._run(my_case.do_show_case))

    @rx.event
    @guarded(Role.EMPLOYEE)
    def confirm(self, appointment_id: str) -> None:
        self._answer("my_case.confirmed", "", my_case.do_confirm_consult, appointment_id)

    @rx.event
    @guarded(Role.EMPLOYEE)
    def ask_move(self, form_data: dict[str, Any]) -> None:
        appointment_id = str(form_data.get("appointment", ""))[:20]
        reason = str(form_data.get("reason", ""))[: my_case.MAX_MOVE_REASON + 1]
        self._answer(
            "my_case.move_asked", appointment_id, my_case.do_ask_move, appointment_id, reason
        )

    def _answer(self, done: str, form_of: str, work: Any, appointment_id: str, *args: Any) -> None:
        """Confirm or ask to move one of his consults; a refusal of the reason shows at the
        field of that consult's form, any other as the notice."""
        self.move_error_for, self.move_error_key = "", ""
        ident = int(appointment_id) if appointment_id.isdigit() and len(appointment_id) < 19 else 0
        try:
            case = self._run(work, ident, *args)
        except my_case.MyCaseError as error:
            if form_of and error.code.startswith("my_case.move_reason"):
                self.notice_key, self.move_error_for, self.move_error_key = "", form_of, error.code
            else:
                self.notice_key = error.code
            return
        self.notice_key = done
        self._show(case)

    def _show(self, case: my_case.MyCase | None) -> None:
        self.has_case = case is not None
        if case is None:
            self.appointments, self.helpers, self.documents = [], [], []
            return
        self.sick_since = fmt_date(case.sick_since, short=True)
        self.recovered_on = fmt_date(case.recovered_on, short=True)
        self.appointments = [appointment_row(a) for a in case.appointments]
        self.helpers = [
            HelperRow(h.name, h.helper_role, h.organisation, h.phone, h.email) for h in case.helpers
        ]
        self.documents = [
            DocumentRow(
                routes.document_href(d.document_id),
                d.kind,
                d.title,
                fmt_date(d.created_at, short=True),
            )
            for d in case.documents
        ]


def _move_form(row: Any) -> rx.Component:
    state = MyCaseState
    ident = "move-reason-" + row.appointment_id
    has_error = (state.move_error_for == row.appointment_id) & (state.move_error != "")
    return rx.el.details(
        rx.el.summary(tr("my_case.move")),
        rx.el.form(
            rx.el.input(type="hidden", name="appointment", value=row.appointment_id),
            rx.el.div(
                rx.el.label(tr("my_case.move_reason"), html_for=ident),
                rx.el.p(tr("my_case.move_reason_hint"), class_name="hint"),
                rx.el.textarea(
                    name="reason",
                    rows=3,
                    aria_describedby=ident + "-error",
                    aria_invalid=rx.cond(has_error, "true", "false"),
                    **counted(ident, my_case.MAX_MOVE_REASON),
                ),
                char_counter(ident, my_case.MAX_MOVE_REASON),
                rx.el.p(
                    rx.cond(has_error, state.move_error, ""),
                    id=ident + "-error",
                    class_name="field-error",
                ),
                class_name="field",
            ),
            rx.el.button(tr("my_case.move_send"), type="submit", class_name="button"),
            on_submit=state.ask_move,
            class_name="form",
        ),
        open=has_error,
    )


def _consult_state(row: Any) -> rx.Component:
    statuses = [(s, tr(f"consults.status.{s}")) for s in STATUSES]
    return rx.el.p(
        rx.match(row.status, *statuses, row.status),
        rx.match(
            row.attendance,
            ("attended", rx.el.span(" · ", tr("consults.attended"))),
            ("not_attended", rx.el.span(" · ", tr("consults.not_attended"))),
            rx.fragment(),
        ),
        class_name="meta",
    )


def _appointment(row: Any) -> rx.Component:
    kinds = [(k, tr(f"consults.kind.{k}")) for k in PLACE_KINDS]
    return rx.el.li(
        rx.el.strong(row.when),
        rx.cond(
            row.minutes != "", rx.el.span(" · ", row.minutes, " ", tr("consults.minutes_short"))
        ),
        rx.el.br(),
        rx.cond(row.place_kind != "", rx.el.span(rx.match(row.place_kind, *kinds, ""), ": ")),
        row.location,
        rx.el.br(),
        rx.match(row.role, *[(r, tr(f"role.{r}")) for r in ROLES], row.role),
        _consult_state(row),
        rx.cond(
            row.move_reason != "",
            rx.el.p(tr("my_case.your_reason"), " ", row.move_reason, class_name="meta"),
        ),
        rx.cond(
            row.can_answer,
            rx.el.div(
                rx.cond(
                    row.status != "confirmed",
                    rx.el.button(
                        tr("my_case.confirm"),
                        type="button",
                        class_name="button",
                        on_click=MyCaseState.confirm(row.appointment_id),
                    ),
                ),
                _move_form(row),
                class_name="consult-actions",
            ),
        ),
    )


def _helper(row: Any) -> rx.Component:
    return rx.el.li(
        rx.el.strong(row.name),
        " · ",
        row.role,
        rx.cond(row.organisation != "", rx.el.span(" · ", row.organisation), rx.fragment()),
        rx.cond(row.phone != "", rx.el.p(tr("my_case.phone"), " ", row.phone), rx.fragment()),
        rx.cond(row.email != "", rx.el.p(tr("my_case.email"), " ", row.email), rx.fragment()),
    )


def _document(row: Any) -> rx.Component:
    kinds = [(k, tr(f"my_case.kind.{k}")) for k in my_case.ENTITLED_KINDS]
    return rx.el.li(
        rx.el.strong(rx.match(row.kind, *kinds, row.kind)),
        ": ",
        row.title,
        " (",
        row.date,
        ")",
        download_button(tr("my_case.download"), row.href),
    )


def _list(title: str, items: Any, render: Any, empty: str) -> rx.Component:
    return rx.el.section(
        rx.el.h2(tr(title)),
        rx.cond(
            items.length() > 0,
            rx.el.ul(rx.foreach(items, render), class_name="plain"),
            rx.el.p(tr(empty)),
        ),
        class_name="card",
    )


def my_case_page() -> rx.Component:
    state = MyCaseState
    return portal_page(
        rx.el.h1(tr("my_case.title")),
        notice(state.notice_text, state.notice_kind),
        rx.cond(
            state.has_case,
            rx.el.div(
                rx.el.p(tr("employer_case.sick_since"), " ", state.sick_since),
                rx.cond(
                    state.recovered_on != "",
                    rx.el.p(tr("employer_case.recovered_on"), " ", state.recovered_on),
                    rx.fragment(),
                ),
                case_links(case_links_for.EMPLOYEE),
                _list("my_case.appointments", state.appointments, _appointment, "my_case.none"),
                _list("my_case.helpers", state.helpers, _helper, "my_case.none"),
                _list("my_case.documents", state.documents, _document, "my_case.no_documents"),
                rx.el.p(tr("my_case.download_note")),
            ),
            rx.el.p(tr("my_view.no_case")),
        ),
    )
