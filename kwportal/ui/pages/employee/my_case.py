"""My case (issue 5 item 7): appointments, the people helping me, and my documents (problem
analysis, plan of action), each downloadable (audited)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.services.employee import my_case
from kwportal.ui import routes
from kwportal.ui.components import case_links as case_links_for
from kwportal.ui.components.case_links import case_links
from kwportal.ui.components.downloads import download_button
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr

ROUTE = routes.MY_CASE
ROLES = ("company_doctor", "care_team", "case_manager")


@dataclass
class AppointmentRow:
    when: str = ""
    location: str = ""
    role: str = ""


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


class MyCaseState(AuthState):
    has_case: bool = False
    sick_since: str = ""
    recovered_on: str = ""
    appointments: list[AppointmentRow] = []
    helpers: list[HelperRow] = []
    documents: list[DocumentRow] = []

    @rx.event
    @guarded(Role.EMPLOYEE)
    def load(self) -> None:
        case = self._run(my_case.do_show_case)
        self.has_case = case is not None
        if case is None:
            self.appointments, self.helpers, self.documents = [], [], []
            return
        self.sick_since = case.sick_since.isoformat()
        self.recovered_on = case.recovered_on.isoformat() if case.recovered_on else ""
        self.appointments = [
            # the subject is medical: it stays in the export, out of every websocket frame
            # care staff by function, never by name (seed ch. 1)
            AppointmentRow(f"{a.starts_at:%Y-%m-%d %H:%M}", a.location, a.with_role)
            for a in case.appointments
        ]
        self.helpers = [
            HelperRow(h.name, h.helper_role, h.organisation, h.phone, h.email) for h in case.helpers
        ]
        self.documents = [
            DocumentRow(
                routes.document_href(d.document_id), d.kind, d.title, f"{d.created_at:%Y-%m-%d}"
            )
            for d in case.documents
        ]


def _appointment(row: Any) -> rx.Component:
    return rx.el.li(
        rx.el.strong(row.when),
        rx.cond(row.location != "", rx.el.span(" · ", row.location), rx.fragment()),
        rx.el.br(),
        rx.match(row.role, *[(r, tr(f"role.{r}")) for r in ROLES], row.role),
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
