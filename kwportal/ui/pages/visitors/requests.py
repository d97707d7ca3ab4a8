"""The privacy officer's queue of visitors' rights requests (confirmed by e-mail link): the
data found for each, and one action that does what was asked — send the data, correct the
name, or delete — and answers the visitor by e-mail. Kept apart from the employees' rights
desk (/rights-desk): visitors are no employees and have no file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n.fmt import fmt_date
from kwportal.services.visitors import rights, staff_unsubscribe
from kwportal.ui import routes
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr

ROUTE = routes.VISITOR_REQUESTS
UNSUBSCRIBE_FORM = "visitor-unsubscribe-form"


@dataclass
class VisitorRequestItem:
    request_id: str = ""
    kind: str = ""
    name: str = ""
    email: str = ""
    phone: str = ""
    details: str = ""
    received: str = ""
    due: str = ""
    overdue: str = ""
    newsletter: list[str] = field(default_factory=list)
    callbacks: list[str] = field(default_factory=list)


def _item(line: rights.DeskLine) -> VisitorRequestItem:
    return VisitorRequestItem(
        request_id=str(line.request_id),
        kind=line.kind,
        name=line.name,
        email=line.email,
        phone=line.phone,
        details=line.details,
        received=fmt_date(line.received_on, short=True),
        due=fmt_date(line.due_on, short=True),
        overdue="1" if line.overdue else "",
        newsletter=[f"{label}: {value}" for label, value in line.found.newsletter],
        callbacks=[f"{d} · {n} · {p} · {t}" for _i, n, p, t, d in line.found.callbacks],
    )


class VisitorRequestsState(AuthState):
    queue: list[VisitorRequestItem] = []

    def _show(self, lines: rights.Queue) -> None:
        self.queue = [_item(line) for line in lines]

    @rx.event
    @guarded(Role.PRIVACY_OFFICER)
    def load(self) -> None:
        self.notice_key = ""
        self._show(self._run(rights.do_queue))

    @rx.event
    @guarded(Role.PRIVACY_OFFICER)
    def carry_out_request(self, form_data: dict[str, Any]) -> None:
        raw_id = str(form_data.get("request_id", ""))[:12]
        new_name = str(form_data.get("new_name", ""))[:1000]
        if not raw_id.isdigit():
            self.notice_key = "visitor.request_gone"
            return
        done = self._run(rights.do_carry_out, int(raw_id), new_name)
        self.notice_key = done.message
        self._show(done.queue)

    @rx.event
    @guarded(Role.PRIVACY_OFFICER)
    def unsubscribe_address(self, form_data: dict[str, Any]) -> Any:
        """An address that asked by e-mail to be taken off the newsletter (issue 17 item 10):
        the address goes to the server in this event only, never into a state var."""
        email = str(form_data.get("email", ""))[:300]
        done = self._run(staff_unsubscribe.do_unsubscribe_address, email)
        self.notice_key = done.message
        if done.ok:
            return rx.call_script(f"document.getElementById('{UNSUBSCRIBE_FORM}')?.reset()")
        return None


def _found(row: Any) -> rx.Component:
    return rx.el.div(
        rx.el.h3(tr("visitor_requests.newsletter_data")),
        rx.cond(
            row.newsletter.length() > 0,
            rx.el.ul(rx.foreach(row.newsletter, lambda s: rx.el.li(s)), class_name="plain"),
            rx.el.p(tr("visitor.mail.data_none")),
        ),
        rx.el.h3(tr("visitor_requests.callback_data")),
        rx.cond(
            row.callbacks.length() > 0,
            rx.fragment(
                rx.el.ul(rx.foreach(row.callbacks, lambda s: rx.el.li(s)), class_name="plain"),
                rx.el.p(tr("visitor_requests.phone_unproven"), class_name="hint"),
            ),
            rx.el.p(tr("visitor.mail.data_none")),
        ),
    )


def _action_form(row: Any) -> rx.Component:
    ident = "new-name-" + row.request_id
    return rx.el.form(
        rx.el.input(type="hidden", name="request_id", value=row.request_id),
        rx.cond(
            row.kind == "rectification",
            rx.el.div(
                rx.el.label(tr("visitor_requests.new_name"), html_for=ident),
                rx.el.input(id=ident, name="new_name", type="text", max_length=200, required=True),
                class_name="field",
            ),
        ),
        rx.el.button(
            rx.match(
                row.kind,
                ("access", tr("visitor_requests.do_access")),
                ("rectification", tr("visitor_requests.do_rectification")),
                tr("visitor_requests.do_deletion"),
            ),
            type="submit",
            class_name="button",
        ),
        on_submit=VisitorRequestsState.carry_out_request,
        class_name="form",
    )


def _queue_item(row: Any) -> rx.Component:
    return rx.el.li(
        rx.el.h2(
            rx.cond(
                row.overdue != "", rx.el.span(tr("rights_desk.overdue"), class_name="badge overdue")
            ),
            rx.match(
                row.kind,
                ("access", tr("visitor_requests.heading.access")),
                ("rectification", tr("visitor_requests.heading.rectification")),
                tr("visitor_requests.heading.deletion"),
            ),
            " ",
            tr("rights_desk.heading_of"),
            " ",
            rx.cond(row.name != "", row.name, row.email),
        ),
        rx.el.dl(
            rx.el.dt(tr("visitor.field.email")),
            rx.el.dd(row.email),
            rx.el.dt(tr("visitor.field.name")),
            rx.el.dd(rx.cond(row.name != "", row.name, "—")),
            rx.el.dt(tr("visitor.field.phone")),
            rx.el.dd(rx.cond(row.phone != "", row.phone, "—")),
            rx.el.dt(tr("visitor_rights.details")),
            rx.el.dd(rx.cond(row.details != "", row.details, "—")),
            rx.el.dt(tr("rights.received_on")),
            rx.el.dd(row.received),
            rx.el.dt(tr("rights.due_on")),
            rx.el.dd(row.due),
            class_name="items",
        ),
        _found(row),
        _action_form(row),
        class_name=rx.cond(row.overdue != "", "rights-request overdue", "rights-request"),
    )


def _unsubscribe_form() -> rx.Component:
    """Take an address off the newsletter for a visitor who asked by e-mail or phone."""
    return rx.el.section(
        rx.el.h2(tr("visitor_unsubscribe.title")),
        rx.el.p(tr("visitor_unsubscribe.intro"), id="visitor-unsubscribe-hint", class_name="hint"),
        rx.el.form(
            rx.el.div(
                rx.el.label(tr("visitor.field.email"), html_for="visitor-unsubscribe-email"),
                rx.el.input(
                    id="visitor-unsubscribe-email",
                    name="email",
                    type="email",
                    max_length=254,
                    required=True,
                    auto_complete="off",
                    aria_describedby="visitor-unsubscribe-hint",
                ),
                class_name="field",
            ),
            rx.el.button(tr("visitor_unsubscribe.submit"), type="submit", class_name="button"),
            id=UNSUBSCRIBE_FORM,
            on_submit=VisitorRequestsState.unsubscribe_address,
            class_name="form",
        ),
        class_name="card",
    )


def visitor_requests_page() -> rx.Component:
    return portal_page(
        rx.el.h1(tr("visitor_requests.title")),
        notice(VisitorRequestsState.notice_text, VisitorRequestsState.notice_kind),
        rx.el.p(tr("visitor_requests.intro")),
        rx.cond(
            _var(VisitorRequestsState.queue).length() > 0,
            rx.el.ul(
                rx.foreach(VisitorRequestsState.queue, _queue_item), class_name="plain rights-list"
            ),
            rx.el.p(tr("visitor_requests.none")),
        ),
        _unsubscribe_form(),
    )


def _var(value: Any) -> Any:
    """A state field as the Var it is at compile time (for the type checker)."""
    return value
