"""The signed-in landing page for every role."""

from __future__ import annotations

import reflex as rx

from kwportal.i18n import t
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthPageState, AuthState
from kwportal.ui.text import tr

ROUTE = "/portal"


class PortalState(AuthState):
    @rx.var
    def welcome(self) -> str:
        return t("portal.welcome", self.lang).replace("{name}", self.display_name)

    @rx.var
    def role_line(self) -> str:
        if not self.role:
            return ""
        label = t(f"role.{self.role}", self.lang)
        return t("portal.role", self.lang).replace("{role}", label)

    @rx.event
    @guarded()
    def load(self) -> None:
        """The guard has resolved the session and filled name and role."""


def portal_home() -> rx.Component:
    return portal_page(
        rx.el.h1(tr("portal.title")),
        notice(AuthPageState.message),
        rx.el.p(PortalState.welcome),
        rx.el.p(PortalState.role_line),
        rx.el.p(tr("portal.coming")),
        rx.el.p(rx.el.a(tr("portal.security"), href="/security")),
    )
