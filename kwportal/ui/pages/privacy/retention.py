"""The privacy desk's retention page: what falls due, legal holds, earlier runs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.i18n.fmt import fmt_date, fmt_datetime, fmt_number
from kwportal.services.privacy.transfer import TransferError
from kwportal.services.retention import desk as retention_desk
from kwportal.ui import routes
from kwportal.ui.components.forms import field, notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import Localised
from kwportal.ui.text import tr

ROUTE = routes.RETENTION_DESK


@dataclass
class Upcoming:
    number: str
    name: str
    date: str
    rule_key: str


@dataclass
class Hold:
    hold_id: str
    number: str
    name: str
    reason: str
    set_at: str


@dataclass
class Handover:
    """An employer handed over to a new arbodienst: numbers only (issue 17 item 6)."""

    handover_id: str
    organisation: str
    successor: str
    contract_end: str
    cases: str
    released: str
    confirmed: str
    awaiting: bool


@dataclass
class Run:
    run_id: str
    date: str
    destroyed: str
    status: str


class RetentionDeskState(Localised, AuthState):
    upcoming: list[Upcoming] = []
    holds: list[Hold] = []
    runs: list[Run] = []
    handovers: list[Handover] = []
    due_now: int = 0

    @rx.var
    def due_line(self) -> str:
        return t("desk.due_now", self._lang).replace(
            "{count}", fmt_number(self.due_now, self._lang)
        )

    def _show(self, view: retention_desk.DeskView) -> None:
        self.due_now = view.due_now
        self.upcoming = [
            Upcoming(
                u.personnel_number, u.name, fmt_date(u.destroy_from, short=True), f"rule.{u.rule}"
            )
            for u in view.upcoming
        ]
        self.holds = [
            Hold(
                str(h.hold_id), h.personnel_number, h.name, h.reason, fmt_date(h.set_at, short=True)
            )
            for h in view.holds
        ]
        self.handovers = [
            Handover(
                str(h.handover_id),
                h.organisation,
                h.successor,
                fmt_date(h.contract_end, short=True),
                str(h.cases),
                str(h.released),
                str(h.confirmed),
                h.awaiting,
            )
            for h in view.handovers
        ]
        self.runs = [
            Run(
                str(r.run_id),
                fmt_datetime(r.started_at, short=True),
                fmt_number(r.destroyed, self._lang),
                r.status,
            )
            for r in view.runs
        ]

    @rx.event
    @guarded(Role.PRIVACY_OFFICER)
    def load(self) -> None:
        self.notice_key = ""
        self._show(self._run(retention_desk.do_view))

    @rx.event
    @guarded(Role.PRIVACY_OFFICER)
    def place_hold(self, form_data: dict[str, Any]) -> None:
        try:
            view = self._run(
                retention_desk.do_set_hold,
                str(form_data.get("personnel_number", ""))[:100],
                str(form_data.get("reason", ""))[:5000],
            )
        except retention_desk.DeskError as error:
            self.notice_key = error.code
            return
        self.notice_key = "desk.hold_set"
        self._show(view)

    @rx.event
    @guarded(Role.PRIVACY_OFFICER)
    def confirm_handover(self, form_data: dict[str, Any]) -> None:
        raw_id = str(form_data.get("handover_id", ""))[:12]
        if not raw_id.isdigit():
            self.notice_key = "handover.none"
            return
        try:
            _count, view = self._run(retention_desk.do_confirm_handover, int(raw_id))
        except TransferError as error:
            self.notice_key = error.code
            return
        self.notice_key = "handover.confirmed"
        self._show(view)

    @rx.event
    @guarded(Role.PRIVACY_OFFICER)
    def lift_hold(self, form_data: dict[str, Any]) -> None:
        raw_id = str(form_data.get("hold_id", ""))[:12]
        if not raw_id.isdigit():
            self.notice_key = "desk.unknown_hold"
            return
        try:
            view = self._run(
                retention_desk.do_lift_hold,
                int(raw_id),
                str(form_data.get("reason", ""))[:5000],
            )
        except retention_desk.DeskError as error:
            self.notice_key = error.code
            return
        self.notice_key = "desk.hold_lifted"
        self._show(view)


def _rule(key: Any) -> rx.Component:
    return rx.match(
        key,
        *[(k, tr(k)) for k in _RULE_KEYS],
        key,
    )


_RULE_KEYS = [
    "rule.medical_file_20y",
    "rule.wgbo_last_change_20y",
    "rule.statutory_longer",
    "rule.consent_longer",
    "rule.transferred_to_new_arbodienst",
]


def _upcoming_item(row: Any) -> rx.Component:
    return rx.el.li(
        rx.el.strong(row.number), " ", row.name, rx.el.br(), row.date, " · ", _rule(row.rule_key)
    )


def _hold_item(row: Any) -> rx.Component:
    return rx.el.li(
        rx.el.strong(row.number),
        " ",
        row.name,
        rx.el.br(),
        row.set_at,
        " · ",
        row.reason,
        rx.el.form(
            rx.el.input(type="hidden", name="hold_id", value=row.hold_id),
            field(
                "desk.lift_reason",
                "reason",
                field_id="lift-" + row.hold_id,
                required=True,
                max_length=1000,
            ),
            rx.el.button(tr("desk.lift"), type="submit", class_name="button"),
            on_submit=RetentionDeskState.lift_hold,
            class_name="form",
        ),
    )


def _handover_item(row: Any) -> rx.Component:
    return rx.el.li(
        rx.el.strong(row.organisation),
        " → ",
        row.successor,
        " (",
        row.contract_end,
        ")",
        rx.el.dl(
            rx.el.dt(tr("handover.cases")),
            rx.el.dd(row.cases),
            rx.el.dt(tr("handover.released")),
            rx.el.dd(row.released),
            rx.el.dt(tr("handover.confirmed_label")),
            rx.el.dd(row.confirmed),
            class_name="items",
        ),
        rx.cond(
            row.awaiting,
            rx.el.form(
                rx.el.input(type="hidden", name="handover_id", value=row.handover_id),
                rx.el.p(tr("handover.confirm_note")),
                rx.el.button(tr("handover.confirm"), type="submit", class_name="button"),
                on_submit=RetentionDeskState.confirm_handover,
                class_name="form",
            ),
            rx.el.span(),
        ),
    )


def _run_item(row: Any) -> rx.Component:
    return rx.el.li(
        tr("desk.col.run"),
        " ",
        row.run_id,
        ": ",
        row.date,
        " · ",
        tr("desk.col.destroyed"),
        " ",
        row.destroyed,
        " · ",
        row.status,
    )


def _section(title: str, items: Any, render: Any, empty: str) -> rx.Component:
    return rx.el.section(
        rx.el.h2(tr(title)),
        rx.cond(
            items.length() > 0,
            rx.el.ul(rx.foreach(items, render), class_name="plain"),
            rx.el.p(tr(empty)),
        ),
        class_name="card",
    )


def retention_desk_page() -> rx.Component:
    return portal_page(
        rx.el.h1(tr("desk.title")),
        notice(RetentionDeskState.notice_text, RetentionDeskState.notice_kind),
        rx.el.p(RetentionDeskState.due_line),
        _section(
            "desk.upcoming", RetentionDeskState.upcoming, _upcoming_item, "desk.none_upcoming"
        ),
        rx.el.section(
            rx.el.h2(tr("desk.set_hold")),
            rx.el.form(
                field(
                    "desk.personnel_number",
                    "personnel_number",
                    required=True,
                    max_length=40,
                    auto_complete="off",
                ),
                field("desk.reason", "reason", required=True, max_length=1000),
                rx.el.button(tr("desk.set_hold"), type="submit", class_name="button"),
                on_submit=RetentionDeskState.place_hold,
                reset_on_submit=True,
                class_name="form",
            ),
            class_name="card",
        ),
        _section("desk.holds", RetentionDeskState.holds, _hold_item, "desk.no_holds"),
        _section(
            "handover.desk_heading",
            RetentionDeskState.handovers,
            _handover_item,
            "handover.desk_none",
        ),
        _section("desk.runs", RetentionDeskState.runs, _run_item, "desk.no_runs"),
    )
