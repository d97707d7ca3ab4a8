"""The employee's retention page: until when his file is kept and why, and his consent to
keep it longer — granted or withdrawn with a fresh code (step-up)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import reflex as rx

from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.services.auth import sessions
from kwportal.services.retention import consent as retention_consent
from kwportal.services.retention import desk as retention_desk
from kwportal.ui.components.forms import field, notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import retention_sentence, tr

ROUTE = "/my-retention"
STEP_UP = f"/stepup?next={ROUTE}"


@dataclass
class ConsentLine:
    consent_id: str
    until: str
    granted: str
    withdrawn: str


class MyRetentionState(AuthState):
    until: str = ""
    rule: str = ""
    holds: list[str] = []
    consents: list[ConsentLine] = []

    @rx.var
    def sentence(self) -> str:
        return retention_sentence(self.lang, self.until, self.rule, self.holds)

    def _refresh(self) -> None:
        actor = self._actor()
        with transaction() as session:
            decision = retention_desk.own_retention(session, actor)
            lines = retention_consent.list_own(session, actor)
        self.until = decision.destroy_from.isoformat() if decision and decision.destroy_from else ""
        self.rule = str(decision.rule) if decision else ""
        self.holds = [str(h) for h in decision.holds] if decision else []
        self.consents = [
            ConsentLine(
                str(c.consent_id),
                c.until.isoformat(),
                f"{c.granted_at:%Y-%m-%d}",
                f"{c.withdrawn_at:%Y-%m-%d}" if c.withdrawn_at else "",
            )
            for c in lines
        ]

    @rx.event
    @guarded(Role.EMPLOYEE)
    def load(self) -> None:
        self.notice_key = ""
        self._refresh()

    def _fresh_code(self) -> bool:
        assert self._signed_in is not None
        return not sessions.needs_step_up(self._signed_in, datetime.now(UTC))

    @rx.event
    @guarded(Role.EMPLOYEE)
    def grant_consent(self, form_data: dict[str, Any]) -> Any:
        if not self._fresh_code():
            return rx.redirect(STEP_UP)
        try:
            until = date.fromisoformat(str(form_data.get("until", ""))[:10])
        except ValueError:
            self.notice_key = "consent.bad_date"
            return None
        return self._change(
            lambda s, ctx: retention_consent.grant(
                s, self._actor(), until=until, now=ctx.now, access=ctx.access, secret=ctx.secret
            ),
            "consent.granted",
        )

    @rx.event
    @guarded(Role.EMPLOYEE)
    def withdraw_consent(self, form_data: dict[str, Any]) -> Any:
        if not self._fresh_code():
            return rx.redirect(STEP_UP)
        raw = str(form_data.get("consent_id", ""))
        if not raw.isdigit():
            self.notice_key = "consent.unknown"
            return None
        return self._change(
            lambda s, ctx: retention_consent.withdraw(
                s,
                self._actor(),
                consent_id=int(raw),
                now=ctx.now,
                access=ctx.access,
                secret=ctx.secret,
            ),
            "consent.withdrawn",
        )

    def _change(self, work: Any, done_key: str) -> None:
        ctx = self._context()
        try:
            with transaction() as session:
                work(session, ctx)
        except retention_consent.ConsentError as error:
            self.notice_key = error.code
            return
        self.notice_key = done_key
        self._refresh()


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
        notice(MyRetentionState.notice_text),
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
