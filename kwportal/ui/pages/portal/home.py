"""The signed-in landing page for every role."""

from __future__ import annotations

from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.i18n.fmt import fmt_date
from kwportal.services.auth import portal
from kwportal.ui import routes
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.components.restriction_notice import restriction_notice, since_text
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthPageState, AuthState
from kwportal.ui.states.base import Localised
from kwportal.ui.text import retention_sentence, tr

ROUTE = routes.PORTAL
#: notices other than a release: their text and the page that shows them (issue 17 item 8)
NOTICE_TEXT = {
    "breach": "notices.breach",
    "handover": "notices.handover",
    "rectification": "notices.rectification",
    "restriction_started": "notices.restriction_started",
    "restriction_lifted": "notices.restriction_lifted",
}
NOTICE_PAGE = {
    "breach": routes.MY_INCIDENTS,
    "handover": routes.MY_DISCLOSURES,
    "rectification": routes.MY_DETAILS,
    "restriction_started": routes.MY_RIGHTS,
    "restriction_lifted": routes.MY_RIGHTS,
}
NOTICE_OPEN = {
    "breach": "notices.breach_open",
    "handover": "notices.handover_open",
    "rectification": "notices.rectification_open",
    "restriction_started": "notices.restriction_open",
    "restriction_lifted": "notices.restriction_open",
}


class PortalState(Localised, AuthState):
    retention_date: str = ""
    retention_rule: str = ""
    retention_holds: list[str] = []
    #: unread notices: (id, date) of each release the employee has not opened yet
    notice_ids: list[str] = []
    notice_dates: list[str] = []
    #: per notice its kind (``employee_notice.kind``): it picks the text and the page
    notice_kinds: list[str] = []
    #: unread messages per thread: ``[thread, count]`` (issue 15 item 5)
    unread: list[list[str]] = []
    #: the use of his data stopped, and since when (issue 17 item 3)
    restricted: bool = False
    restricted_since: str = ""
    #: the reader's name and role as the unit gave them (the computed texts read these,
    #: not ``AuthState``'s: an event elsewhere then need not load this page, see
    #: ``states/base.py``)
    _name: str = ""
    _role: str = ""

    @rx.var
    def notice_lines(self) -> list[str]:
        kinds = self.notice_kinds + [""] * (len(self.notice_dates) - len(self.notice_kinds))
        return [
            t(NOTICE_TEXT.get(kind, "notices.disclosure"), self._lang).replace("{date}", d)
            for d, kind in zip(self.notice_dates, kinds, strict=False)
        ]

    @rx.var
    def notice_hrefs(self) -> list[str]:
        return [NOTICE_PAGE.get(kind, routes.MY_DISCLOSURES) for kind in self.notice_kinds]

    @rx.var
    def notice_opens(self) -> list[str]:
        return [t(NOTICE_OPEN.get(kind, "notices.open"), self._lang) for kind in self.notice_kinds]

    @rx.var
    def unread_lines(self) -> list[list[str]]:
        """``[href, text]`` per thread with unread messages; the employee reads the
        employer thread on "what my employer sees"."""
        lines = []
        for thread, count in self.unread:
            mine = self._role == str(Role.EMPLOYEE) and thread == "employer"
            href = routes.MY_EMPLOYER_VIEW if mine else routes.MESSAGES
            text = t(f"messages.unread_{thread}", self._lang).replace("{count}", count)
            lines.append([href, text])
        return lines

    def _show(self, home: portal.Home) -> None:
        self._name, self._role = self.display_name, self.role
        self.unread = [[thread, str(count)] for thread, count in home.unread]
        self.restricted = home.restriction is not None
        self.restricted_since = since_text(home.restriction and home.restriction.since)
        self.notice_ids = [str(n.notice_id) for n in home.notices]
        self.notice_dates = [fmt_date(n.created_at, short=True) for n in home.notices]
        self.notice_kinds = [n.kind for n in home.notices]
        self.retention_date, self.retention_rule, self.retention_holds = "", "", []
        decision = home.retention
        if decision is None:
            return
        if decision.destroy_from is not None:
            self.retention_date = decision.destroy_from.isoformat()
            self.retention_rule = str(decision.rule)
        self.retention_holds = [str(h) for h in decision.holds]

    @rx.event
    @guarded(Role.EMPLOYEE)
    def read_notice(self, notice_id: str) -> None:
        if notice_id not in self.notice_ids:
            return
        self._show(self._run(portal.do_read_notice, int(notice_id)))

    @rx.var
    def retention_text(self) -> str:
        return retention_sentence(
            self._lang, self.retention_date, self.retention_rule, self.retention_holds
        )

    @rx.var
    def welcome(self) -> str:
        return t("portal.welcome", self._lang).replace("{name}", self._name)

    @rx.var
    def role_line(self) -> str:
        if not self._role:
            return ""
        label = t(f"role.{self._role}", self._lang)
        return t("portal.role", self._lang).replace("{role}", label)

    @rx.event
    @guarded()
    def load(self) -> None:
        """Name and role come with the unit; an employee also sees his unread notices and
        until when his file is kept, and why."""
        self._show(self._run(portal.do_open_home))


#: what each role can do from its start page: (label key, route)
ROLE_LINKS: dict[Role, tuple[tuple[str, str], ...]] = {
    Role.EMPLOYEE: (
        ("my_view.link", routes.MY_EMPLOYER_VIEW),
        ("access_log.link", routes.MY_ACCESS_LOG),
        ("retention.link", routes.MY_RETENTION),
        ("rights.link", routes.MY_RIGHTS),
        ("disclosures.link", routes.MY_DISCLOSURES),
        ("incidents.link", routes.MY_INCIDENTS),
        ("consents.link", routes.MY_CONSENTS),
        ("export.link", routes.MY_EXPORT),
        ("my_case.link", routes.MY_CASE),
        ("questionnaire.link", routes.MY_QUESTIONNAIRE),
        ("my_plan.link", routes.MY_PLAN),
        ("messages.link", routes.MESSAGES),
        ("case_files.link", routes.CASE_FILES),
        ("self_report.link", routes.MY_REPORT),
        ("details.link", routes.MY_DETAILS),
    ),
    Role.EMPLOYER_CONTACT: (
        ("employer.link", routes.EMPLOYER),
        ("sick.link", routes.EMPLOYER_SICK_REPORT),
        ("messages.link", routes.MESSAGES),
        ("reports.link", routes.EMPLOYER_REPORTS),
        ("roster.link", routes.EMPLOYER_ROSTER),
    ),
    Role.COMPANY_DOCTOR: (
        ("care.link", routes.CARE),
        ("consults.link", routes.CARE_CONSULTS),
        ("messages.link", routes.MESSAGES),
        ("consent_req.link", routes.CONSENT_REQUESTS),
        ("care_transfer.link", routes.CARE_TRANSFER),
    ),
    Role.CARE_TEAM: (
        ("care.link", routes.CARE),
        ("consults.link", routes.CARE_CONSULTS),
        ("messages.link", routes.MESSAGES),
        ("consent_req.link", routes.CONSENT_REQUESTS),
    ),
    Role.CASE_MANAGER: (
        ("care.link", routes.CARE),
        ("consults.link", routes.CARE_CONSULTS),
        ("messages.link", routes.MESSAGES),
        ("callbacks.link", routes.CALLBACKS),
        ("consent_req.link", routes.CONSENT_REQUESTS),
        ("letters.link", routes.CASE_LETTERS),
    ),
    Role.PRIVACY_OFFICER: (
        ("rights_desk.link", routes.RIGHTS_DESK),
        ("desk.link", routes.RETENTION_DESK),
        ("restriction.link", routes.RESTRICTIONS),
        ("breaches.link", routes.BREACHES),
        ("visitor_requests.link", routes.VISITOR_REQUESTS),
        ("desk_log.link", routes.ACCESS_LOG_DESK),
    ),
    Role.ADMIN: (
        ("admin.orgs.link", routes.ADMIN_ORGANISATIONS),
        ("admin.accounts.link", routes.ADMIN_ACCOUNTS),
        ("admin.teams.link", routes.ADMIN_TEAMS),
        ("admin.sso.link", routes.ADMIN_SSO),
        ("stats.link", routes.SITE_STATS),
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
        rx.el.a(PortalState.notice_opens[index], href=PortalState.notice_hrefs[index]),
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
            id="notices",
        ),
        rx.el.span(),
    )


#: the list of unread notices, also on the employee's dashboard (issue 18 item 4)
notices_section = _notices


def _unread_messages() -> rx.Component:
    lines: Any = PortalState.unread_lines
    return rx.cond(
        lines.length() > 0,
        rx.el.section(
            rx.el.h2(tr("messages.unread_title")),
            rx.el.ul(
                rx.foreach(
                    lines,
                    lambda line: rx.el.li(rx.el.a(line[1], href=line[0])),
                ),
                class_name="plain",
            ),
            class_name="card notices unread-messages",
            role="status",
        ),
        rx.el.span(),
    )


def portal_home() -> rx.Component:
    return portal_page(
        rx.el.h1(tr("portal.title")),
        notice(AuthPageState.message, AuthPageState.message_kind),
        rx.el.p(PortalState.welcome),
        rx.el.p(PortalState.role_line),
        restriction_notice(
            PortalState.restricted, PortalState.restricted_since, audience="employee"
        ),
        _notices(),
        _unread_messages(),
        rx.el.nav(
            *[_links_for(role, links) for role, links in ROLE_LINKS.items()],
            rx.el.ul(
                rx.el.li(rx.el.a(tr("portal.security"), href=routes.SECURITY)), class_name="plain"
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
