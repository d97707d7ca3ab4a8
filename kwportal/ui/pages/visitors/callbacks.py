"""The case managers' queue of callback requests from the public site: who, which number,
when to call and about what; set each to in progress or done (done starts its retention
term)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.domain.visitors import CallbackStatus
from kwportal.i18n.fmt import fmt_datetime
from kwportal.services.visitors import callbacks
from kwportal.ui import routes
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr

ROUTE = routes.CALLBACKS


@dataclass
class CallbackItem:
    callback_id: str = ""
    name: str = ""
    phone: str = ""
    preferred_time: str = ""
    topic: str = ""
    message: str = ""
    status: str = ""
    received: str = ""


class CallbackQueueState(AuthState):
    queue: list[CallbackItem] = []

    def _show(self, lines: callbacks.Queue) -> None:
        self.queue = [
            CallbackItem(
                str(line.callback_id),
                line.name,
                line.phone,
                line.preferred_time,
                line.topic,
                line.message,
                line.status,
                fmt_datetime(line.received_at, short=True),
            )
            for line in lines
        ]

    @rx.event
    @guarded(Role.CASE_MANAGER)
    def load(self) -> None:
        self.notice_key = ""
        self._show(self._run(callbacks.do_queue))

    @rx.event
    @guarded(Role.CASE_MANAGER)
    def change_callback(self, form_data: dict[str, Any]) -> None:
        raw_id = str(form_data.get("callback_id", ""))[:12]
        status = str(form_data.get("status", ""))[:20]
        if not raw_id.isdigit():
            self.notice_key = "visitor.callback_gone"
            return
        changed = self._run(callbacks.do_change_status, int(raw_id), status)
        self.notice_key = changed.problem or "callbacks.updated"
        self._show(changed.queue)


def _status_form(row: Any, status: CallbackStatus) -> rx.Component:
    return rx.el.form(
        rx.el.input(type="hidden", name="callback_id", value=row.callback_id),
        rx.el.input(type="hidden", name="status", value=str(status)),
        rx.el.button(tr(f"callbacks.to_{status}"), type="submit", class_name="button secondary"),
        on_submit=CallbackQueueState.change_callback,
        class_name="inline-form",
    )


def _item(row: Any) -> rx.Component:
    return rx.el.li(
        rx.el.h2(row.name),
        rx.el.dl(
            rx.el.dt(tr("visitor.field.phone")),
            rx.el.dd(rx.el.a(row.phone, href="tel:" + row.phone)),
            rx.el.dt(tr("visitor.field.preferred_time")),
            rx.el.dd(
                rx.match(
                    row.preferred_time,
                    *[(str(p), tr(f"visitor.time.{p}")) for p in ("morning", "afternoon")],
                    tr("visitor.time.any"),
                )
            ),
            rx.el.dt(tr("visitor.field.topic")),
            rx.el.dd(
                rx.match(
                    row.topic,
                    *[
                        (str(p), tr(f"visitor.topic.{p}"))
                        for p in ("absence", "reintegration", "prevention", "pmo")
                    ],
                    tr("visitor.topic.other"),
                )
            ),
            rx.el.dt(tr("visitor.field.message")),
            rx.el.dd(rx.cond(row.message != "", row.message, "—")),
            rx.el.dt(tr("callbacks.received")),
            rx.el.dd(row.received),
            rx.el.dt(tr("callbacks.status")),
            rx.el.dd(
                rx.cond(
                    row.status == "new",
                    tr("callbacks.status_new"),
                    tr("callbacks.status_in_progress"),
                )
            ),
            class_name="items",
        ),
        rx.cond(row.status == "new", _status_form(row, CallbackStatus.IN_PROGRESS)),
        _status_form(row, CallbackStatus.DONE),
        class_name="rights-request",
    )


def callback_queue_page() -> rx.Component:
    return portal_page(
        rx.el.h1(tr("callbacks.title")),
        notice(CallbackQueueState.notice_text, CallbackQueueState.notice_kind),
        rx.el.p(tr("callbacks.intro")),
        rx.cond(
            _var(CallbackQueueState.queue).length() > 0,
            rx.el.ul(rx.foreach(CallbackQueueState.queue, _item), class_name="plain rights-list"),
            rx.el.p(tr("callbacks.none")),
        ),
    )


def _var(value: Any) -> Any:
    """A state field as the Var it is at compile time (for the type checker)."""
    return value
