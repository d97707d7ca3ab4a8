"""The signed-in landing page for every role."""

from __future__ import annotations

from typing import Any

import reflex as rx

from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.services.employee import notices as employee_notices
from kwportal.services.retention import desk as retention_desk
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthPageState, AuthState
from kwportal.ui.text import retention_sentence, tr

ROUTE = "/portal"


class PortalState(AuthState):
    retention_date: str = ""
    retention_rule: str = ""
    retention_holds: list[str] = []
    #: unread notices: (id, date) of each release the employee has not opened yet
    notice_ids: list[str] = []
    notice_dates: list[str] = []

    @rx.var
    def notice_lines(self) -> list[str]:
        return [t("notices.disclosure", self.lang).replace("{date}", d) for d in self.notice_dates]

    def _load_notices(self) -> None:
        actor = self._actor()
        if actor.employee_id is None:  # an employee account not (yet) linked to a person
            self.notice_ids, self.notice_dates = [], []
            return
        with transaction() as session:
            lines = employee_notices.unread(actor, session=session)
        self.notice_ids = [str(n.notice_id) for n in lines]
        self.notice_dates = [f"{n.created_at:%Y-%m-%d}" for n in lines]

    @rx.event
    @guarded(Role.EMPLOYEE)
    def read_notice(self, notice_id: str) -> None:
        if notice_id not in self.notice_ids:
            return
        ctx = self._context()
        with transaction() as session:
            employee_notices.mark_read(
                self._actor(),
                int(notice_id),
                session=session,
                access_point=ctx.access,
                secret=ctx.secret,
                now=ctx.now,
            )
        self._load_notices()

    @rx.var
    def retention_text(self) -> str:
        return retention_sentence(
            self.lang, self.retention_date, self.retention_rule, self.retention_holds
        )

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
        self.notice_ids, self.notice_dates = [], []
        if signed_in.role is not Role.EMPLOYEE:
            return
        self._load_notices()
        actor = self._actor()
        with transaction() as session:
            decision = retention_desk.own_retention(session, actor)
        if decision is None:
            return
        if decision.destroy_from is not None:
            self.retention_date = decision.destroy_from.isoformat()
            self.retention_rule = str(decision.rule)
        self.retention_holds = [str(h) for h in decision.holds]


#: what each role can do from its start page: (label key, route)
ROLE_LINKS: dict[Role, tuple[tuple[str, str], ...]] = {
    Role.EMPLOYEE: (
        ("my_view.link", "/my-employer-view"),
        ("access_log.link", "/my-access-log"),
        ("retention.link", "/my-retention"),
        ("rights.link", "/my-rights"),
        ("disclosures.link", "/my-disclosures"),
        ("consents.link", "/my-consents"),
        ("export.link", "/my-export"),
        ("my_case.link", "/my-case"),
        ("details.link", "/my-details"),
    ),
    Role.EMPLOYER_CONTACT: (
        ("employer.link", "/employer"),
        ("sick.link", "/employer-sick-report"),
        ("reports.link", "/employer-reports"),
        ("roster.link", "/employer-roster"),
    ),
    Role.COMPANY_DOCTOR: (("care.link", "/care"), ("consent_req.link", "/consent-requests")),
    Role.CARE_TEAM: (("care.link", "/care"), ("consent_req.link", "/consent-requests")),
    Role.CASE_MANAGER: (("care.link", "/care"), ("callbacks.link", "/callbacks")),
    Role.PRIVACY_OFFICER: (
        ("rights_desk.link", "/rights-desk"),
        ("desk.link", "/retention-desk"),
        ("visitor_requests.link", "/visitor-requests"),
        ("desk_log.link", "/access-log-desk"),
    ),
    Role.ADMIN: (
        ("admin.orgs.link", "/admin-organisations"),
        ("admin.accounts.link", "/admin-accounts"),
        ("admin.teams.link", "/admin-teams"),
        ("stats.link", "/site-stats"),
    ),
}


def _links_for(role: Role, links: tuple[tuple[str, str], ...]) -> rx.Component:
    return rx.cond(
        PortalState.role == str(role),
        rx.el.ul(
            *[rx.el.li(rx.el.a(tr(key), href=href)) for key, href in links], class_name="plain"
        ),
        rx.el.span(),
    )


def _notice_item(line: Any, index: Any) -> rx.Component:
    return rx.el.li(
        rx.el.p(line),
        rx.el.a(tr("notices.open"), href="/my-disclosures"),
        " ",
        rx.el.button(
            tr("notices.mark_read"),
            type="button",
            class_name="link-button",
            on_click=PortalState.read_notice(PortalState.notice_ids[index]),
        ),
        class_name="notice-item",
    )


def _notices() -> rx.Component:
    lines: Any = PortalState.notice_lines
    return rx.cond(
        lines.length() > 0,
        rx.el.section(
            rx.el.h2(tr("notices.title")),
            rx.el.ul(rx.foreach(lines, _notice_item), class_name="plain"),
            class_name="card notices",
            role="status",
        ),
        rx.el.span(),
    )


def portal_home() -> rx.Component:
    return portal_page(
        rx.el.h1(tr("portal.title")),
        notice(AuthPageState.message),
        rx.el.p(PortalState.welcome),
        rx.el.p(PortalState.role_line),
        _notices(),
        rx.el.nav(
            *[_links_for(role, links) for role, links in ROLE_LINKS.items()],
            rx.el.ul(
                rx.el.li(rx.el.a(tr("portal.security"), href="/security")), class_name="plain"
            ),
            aria_label=tr("portal.title"),
        ),
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
    )
