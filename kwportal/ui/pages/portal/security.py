"""My security: where I am signed in, sign out everywhere, recovery codes, password."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from kwportal.i18n import t
from kwportal.i18n.fmt import fmt_datetime
from kwportal.services.auth import portal
from kwportal.ui import routes
from kwportal.ui.components.forms import notice, password_field, post_form, submit
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthPageState, AuthState
from kwportal.ui.states.base import AppState, Localised
from kwportal.ui.text import tr

ROUTE = routes.SECURITY


@dataclass
class SessionRow:
    label: str
    ip: str
    last_seen: str
    current: bool


class SecurityState(Localised, AuthState):
    session_rows: list[SessionRow] = []
    codes_left: int = 0
    needs_step_up: bool = True

    @rx.var
    def codes_line(self) -> str:
        return t("security.codes_left", self._lang).replace("{count}", str(self.codes_left))

    @rx.event
    @guarded()
    def load(self) -> None:
        page = self._run(portal.do_open_security)
        self.session_rows = [
            SessionRow(
                label=line.user_agent[:80] or "?",
                ip=line.ip,
                last_seen=fmt_datetime(line.last_seen_at, short=True),
                current=line.current,
            )
            for line in page.sessions
        ]
        self.codes_left = page.codes_left
        self.needs_step_up = page.needs_step_up


def _session_item(row: SessionRow) -> rx.Component:
    return rx.el.li(
        rx.el.strong(row.label),
        rx.el.br(),
        row.ip,
        " · ",
        tr("security.last_seen"),
        " ",
        row.last_seen,
        rx.cond(row.current, rx.el.span(" (", tr("security.current"), ")"), rx.el.span()),
    )


def _credentials() -> rx.Component:
    return rx.cond(
        SecurityState.needs_step_up,
        rx.el.p(rx.el.a(tr("stepup.title"), href=routes.step_up_href(ROUTE), class_name="button")),
        rx.el.div(
            post_form(
                routes.API_RECOVERY_CODES,
                rx.el.input(type="hidden", name="lang", value=AppState.lang),
                submit("security.new_codes"),
            ),
            post_form(routes.API_TOTP, submit("security.new_totp")),
            post_form(
                routes.API_PASSWORD,
                password_field("security.current_password", "current", "current-password"),
                password_field("invite.password", "password", "new-password"),
                password_field("invite.repeated", "repeated", "new-password"),
                submit("security.password"),
            ),
        ),
    )


def security_page() -> rx.Component:
    return portal_page(
        rx.el.h1(tr("security.title")),
        notice(AuthPageState.message, AuthPageState.message_kind),
        rx.el.section(
            rx.el.h2(tr("security.sessions")),
            rx.el.ul(rx.foreach(SecurityState.session_rows, _session_item), class_name="plain"),
            post_form(routes.API_LOGOUT_EVERYWHERE, submit("security.logout_all")),
            class_name="card",
        ),
        rx.el.section(
            rx.el.h2(tr("security.password")),
            rx.el.p(SecurityState.codes_line),
            rx.el.p(tr("security.stepup_note")),
            _credentials(),
            class_name="card",
        ),
    )
