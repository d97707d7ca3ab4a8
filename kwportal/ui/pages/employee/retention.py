"""The employee's retention page: until when his file is kept and why, and his consent to
keep it longer — granted or withdrawn with a fresh code (step-up)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n.fmt import fmt_date
from kwportal.services.employee import retention
from kwportal.ui import routes
from kwportal.ui.components.forms import field, notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import Localised
from kwportal.ui.text import retention_sentence, tr

ROUTE = routes.MY_RETENTION


@dataclass
class ConsentLine:
    consent_id: str
    until: str
    granted: str
    withdrawn: str


class MyRetentionState(Localised, AuthState):
    until: str = ""
    rule: str = ""
    holds: list[str] = []
    consents: list[ConsentLine] = []

    @rx.var
    def sentence(self) -> str:
        return retention_sentence(self._lang, self.until, self.rule, self.holds)

    def _show(self, mine: retention.MyRetention) -> None:
        self.until = mine.until.isoformat() if mine.until else ""
        self.rule = mine.rule
        self.holds = list(mine.holds)
        self.consents = [
            ConsentLine(
                str(c.consent_id),
                fmt_date(c.until, short=True),
                fmt_date(c.granted_at, short=True),
                fmt_date(c.withdrawn_at, short=True),
            )
            for c in mine.consents
        ]

    @rx.event
    @guarded(Role.EMPLOYEE)
    def load(self) -> None:
        self.notice_key = ""
        self._show(self._run(retention.do_show))

    @rx.event
    @guarded(Role.EMPLOYEE)
    def grant_consent(self, form_data: dict[str, Any]) -> None:
        """A fresh code first: the use case declares it, the guard sends for one."""
        try:
            until = date.fromisoformat(str(form_data.get("until", ""))[:10])
        except ValueError:
            self.notice_key = "consent.bad_date"
            return
        self._change(retention.do_grant, until, "consent.granted")

    @rx.event
    @guarded(Role.EMPLOYEE)
    def withdraw_consent(self, form_data: dict[str, Any]) -> None:
        raw = str(form_data.get("consent_id", ""))[:12]
        if not raw.isdigit():
            self.notice_key = "consent.unknown"
            return
        self._change(retention.do_withdraw, int(raw), "consent.withdrawn")

    def _change(self, use_case: Any, argument: Any, done_key: str) -> None:
        try:
            mine = self._run(use_case, argument)
        except retention.ConsentError as error:
            self.notice_key = error.code
            return
        self.notice_key = done_key
        self._show(mine)


def _consent_item(line: Any) -> rx.Component:
    return rx.el.li(
        tr("consent.until"),
        " ",
        line.until,
        " · ",
        tr("consent.granted_on"),
        " ",
        line.granted,
        rx.cond(
            line.withdrawn != "",
            rx.el.span(" · ", tr("consent.withdrawn_on"), " ", line.withdrawn),
            rx.el.form(
                rx.el.input(type="hidden", name="consent_id", value=line.consent_id),
                rx.el.button(tr("consent.withdraw"), type="submit", class_name="button"),
                on_submit=MyRetentionState.withdraw_consent,
                class_name="form",
            ),
        ),
    )


def my_retention_page() -> rx.Component:
    return portal_page(
        rx.el.h1(tr("retention.title")),
        notice(MyRetentionState.notice_text, MyRetentionState.notice_kind),
        rx.el.p(MyRetentionState.sentence),
        rx.el.p(tr("retention.source")),
        rx.el.section(
            rx.el.h2(tr("consent.longer_title")),
            rx.el.p(tr("consent.longer_text")),
            rx.el.form(
                field("consent.until", "until", type="date", required=True),
                rx.el.button(tr("consent.grant"), type="submit", class_name="button"),
                on_submit=MyRetentionState.grant_consent,
                class_name="form",
            ),
            rx.el.p(tr("consent.stepup_note")),
            rx.el.ul(rx.foreach(MyRetentionState.consents, _consent_item), class_name="plain"),
            class_name="card",
        ),
    )
