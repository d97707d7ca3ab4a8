"""The signed-in landing page for every role."""

from __future__ import annotations

import reflex as rx

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.services import retention_desk
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthPageState, AuthState
from kwportal.ui.text import tr

ROUTE = "/portal"


class PortalState(AuthState):
    retention_date: str = ""
    retention_rule: str = ""
    retention_holds: list[str] = []

    @rx.var
    def retention_text(self) -> str:
        if self.retention_date:
            return (
                t("retention.until", self.lang)
                .replace("{date}", self.retention_date)
                .replace("{rule}", t(f"rule.{self.retention_rule}", self.lang))
            )
        if self.retention_holds:
            reasons = "; ".join(t(f"hold.{h}", self.lang) for h in self.retention_holds)
            return t("retention.not_yet", self.lang).replace("{reasons}", reasons)
        return ""

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
        """The guard has resolved the session and filled name and role; an employee also
        sees until when his file is kept, and why."""
        signed_in = self._signed_in
        assert signed_in is not None
        self.retention_date, self.retention_rule, self.retention_holds = "", "", []
        if signed_in.role is not Role.EMPLOYEE:
            return
        actor = Actor(
            signed_in.account_id, signed_in.role, signed_in.organisation_id, signed_in.employee_id
        )
        with transaction() as session:
            decision = retention_desk.own_retention(session, actor)
        if decision is None:
            return
        if decision.destroy_from is not None:
            self.retention_date = decision.destroy_from.isoformat()
            self.retention_rule = str(decision.rule)
        self.retention_holds = [str(h) for h in decision.holds]


def portal_home() -> rx.Component:
    return portal_page(
        rx.el.h1(tr("portal.title")),
        notice(AuthPageState.message),
        rx.el.p(PortalState.welcome),
        rx.el.p(PortalState.role_line),
        rx.el.p(tr("portal.coming")),
        rx.cond(
            PortalState.retention_text != "",
            rx.el.section(
                rx.el.h2(tr("retention.title")),
                rx.el.p(PortalState.retention_text),
                rx.el.p(tr("retention.source")),
                class_name="card",
            ),
            rx.el.span(),
        ),
        rx.cond(
            PortalState.role == "privacy_officer",
            rx.el.p(rx.el.a(tr("desk.link"), href="/retention-desk")),
            rx.el.span(),
        ),
        rx.el.p(rx.el.a(tr("portal.security"), href="/security")),
    )
