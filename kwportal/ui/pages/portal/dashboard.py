"""The start page: for an employee a dashboard (issue 18 item 4) — a greeting by name, how
his case stands, his next appointment, what is new and what he is asked to do, then every
page of his as a big card; every other role keeps the start page of ``home``. The whole
page comes from the start page's one unit (``portal.do_open_home``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.i18n.fmt import fmt_date, fmt_datetime
from kwportal.services.auth import portal
from kwportal.services.employee.dashboard import Dashboard
from kwportal.ui import routes
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.components.restriction_notice import restriction_notice
from kwportal.ui.guard import guarded
from kwportal.ui.pages.portal.home import ROLE_LINKS, PortalState, notices_section, portal_home
from kwportal.ui.states.auth import AuthPageState
from kwportal.ui.text import tr

PLACE_KINDS = ("location", "phone", "video")
STATUSES = ("booked", "confirmed", "move_requested")
CARE_ROLES = (Role.COMPANY_DOCTOR, Role.CARE_TEAM, Role.CASE_MANAGER)


class DashboardState(PortalState):
    #: morning | afternoon | evening | hello (Europe/Amsterdam, at load)
    greeting_key: str = "hello"
    first_name: str = ""
    #: none | open | recovered | transferred
    case_state: str = ""
    sick_since: str = ""
    recovered_on: str = ""
    #: the next appointment: its start (ISO, UTC), or "" when none
    consult_at: str = ""
    consult_minutes: str = ""
    consult_place_kind: str = ""
    consult_location: str = ""
    consult_role: str = ""
    consult_status: str = ""
    consent_requests: int = 0
    intake_to_fill: bool = False
    plans_to_answer: int = 0

    def _show_dashboard(self, view: Dashboard | None) -> None:
        # no view: another role, or an employee account not linked to its person yet (the
        # start page then says why): nothing is claimed about a case
        linked = view is not None
        view = view or Dashboard("", "hello")
        self.greeting_key, self.first_name = view.greeting, view.first_name
        self.case_state = view.case_state if linked else ""
        self.sick_since = view.sick_since.isoformat() if view.sick_since else ""
        self.recovered_on = view.recovered_on.isoformat() if view.recovered_on else ""
        c = view.next_consult
        self.consult_at = c.starts_at.isoformat() if c else ""
        self.consult_minutes = str(c.minutes) if c and c.minutes else ""
        self.consult_place_kind = c.place_kind if c else ""
        self.consult_location = c.location if c else ""
        self.consult_role = c.with_role if c else ""
        self.consult_status = c.status if c else ""
        self.consent_requests = view.consent_requests
        self.intake_to_fill = view.intake_to_fill
        self.plans_to_answer = view.plans_to_answer

    @rx.event
    @guarded()
    def load(self) -> None:
        """The start page's one unit; an employee's also carries his dashboard."""
        home = self._run(portal.do_open_home)
        self._show(home)
        self._show_dashboard(home.dashboard)

    @rx.var
    def greeting(self) -> str:
        if not self.first_name:
            return t("dash.greeting.anonymous", self._lang)
        return t(f"dash.greeting.{self.greeting_key}", self._lang).replace(
            "{name}", self.first_name
        )

    @rx.var
    def case_line(self) -> str:
        if self.case_state in ("", "none"):
            return ""
        day = self.recovered_on if self.case_state == "recovered" else self.sick_since
        text = fmt_date(date.fromisoformat(day), self._lang) if day else ""
        return t(f"dash.case.{self.case_state}", self._lang).replace("{date}", text)

    @rx.var
    def consult_when(self) -> str:
        if not self.consult_at:
            return ""
        return fmt_datetime(datetime.fromisoformat(self.consult_at), self._lang, weekday=True)

    @rx.var
    def todo_lines(self) -> list[list[str]]:
        """``[href, text]`` per thing he is asked to do, most pressing first."""
        lines = []
        if self.consent_requests:
            key = "one" if self.consent_requests == 1 else "many"
            text = t(f"dash.todo.consents_{key}", self._lang)
            lines.append([routes.MY_CONSENTS, text.replace("{count}", str(self.consent_requests))])
        if self.plans_to_answer:
            key = "one" if self.plans_to_answer == 1 else "many"
            text = t(f"dash.todo.plans_{key}", self._lang)
            lines.append([routes.MY_PLAN, text.replace("{count}", str(self.plans_to_answer))])
        if self.intake_to_fill:
            lines.append([routes.MY_QUESTIONNAIRE, t("dash.todo.intake", self._lang)])
        return lines

    @rx.var
    def notices_line(self) -> str:
        count = len(self.notice_ids)
        if not count:
            return ""
        key = "one" if count == 1 else "many"
        return t(f"dash.new.notices_{key}", self._lang).replace("{count}", str(count))


def _case_card() -> rx.Component:
    s = DashboardState
    return rx.cond(
        s.case_state != "",
        rx.el.section(
            rx.el.h2(tr("dash.case_title"), id="dash-case"),
            rx.cond(
                s.case_line != "",
                rx.fragment(
                    rx.el.p(s.case_line),
                    rx.el.a(tr("dash.case.link"), href=routes.MY_CASE, class_name="card-link"),
                ),
                rx.fragment(rx.el.p(tr("dash.case.none")), rx.el.p(tr("dash.case.none_next"))),
            ),
            class_name="card dash-card",
            aria_labelledby="dash-case",
        ),
    )


def _consult_card() -> rx.Component:
    s = DashboardState
    kinds = [(k, tr(f"consults.kind.{k}")) for k in PLACE_KINDS]
    return rx.cond(
        (s.case_state == "open") | (s.consult_at != ""),
        rx.el.section(
            rx.el.h2(tr("dash.next_title"), id="dash-next"),
            rx.cond(
                s.consult_at != "",
                rx.fragment(
                    rx.el.p(rx.el.strong(s.consult_when), class_name="dash-when"),
                    rx.el.p(
                        rx.match(s.consult_place_kind, *kinds, ""),
                        rx.cond(s.consult_location != "", rx.el.span(": ", s.consult_location)),
                        rx.cond(
                            s.consult_minutes != "",
                            rx.el.span(" · ", s.consult_minutes, " ", tr("consults.minutes_short")),
                        ),
                    ),
                    rx.cond(
                        s.consult_role != "",
                        rx.el.p(
                            tr("dash.next.with"),
                            " ",
                            rx.match(
                                s.consult_role, *[(str(r), tr(f"role.{r}")) for r in CARE_ROLES], ""
                            ),
                        ),
                    ),
                    rx.el.p(
                        rx.match(
                            s.consult_status, *[(x, tr(f"dash.next.{x}")) for x in STATUSES], ""
                        ),
                        class_name="meta",
                    ),
                    rx.el.a(tr("dash.next.link"), href=routes.MY_CASE, class_name="card-link"),
                ),
                rx.el.p(tr("dash.next.none")),
            ),
            class_name="card dash-card",
            aria_labelledby="dash-next",
        ),
    )


def _line_link(line: Any) -> rx.Component:
    return rx.el.li(rx.el.a(line[1], href=line[0], class_name="card-link"))


def _todo_card() -> rx.Component:
    s = DashboardState
    lines: Any = s.todo_lines
    return rx.el.section(
        rx.el.h2(tr("dash.todo_title"), id="dash-todo"),
        rx.cond(
            lines.length() > 0,
            rx.el.ul(rx.foreach(lines, _line_link), class_name="plain dash-list"),
            rx.el.p(tr("dash.todo.none")),
        ),
        class_name=rx.cond(lines.length() > 0, "card dash-card dash-todo", "card dash-card"),
        aria_labelledby="dash-todo",
    )


def _new_card() -> rx.Component:
    s = DashboardState
    unread: Any = s.unread_lines
    return rx.el.section(
        rx.el.h2(tr("dash.new_title"), id="dash-new"),
        rx.cond(
            (s.notices_line != "") | (unread.length() > 0),
            rx.el.ul(
                rx.cond(
                    s.notices_line != "",
                    rx.el.li(rx.el.a(s.notices_line, href="#notices", class_name="card-link")),
                ),
                rx.foreach(unread, _line_link),
                class_name="plain dash-list",
            ),
            rx.el.p(tr("dash.new.none")),
        ),
        class_name="card dash-card",
        aria_labelledby="dash-new",
    )


def _link_cards() -> rx.Component:
    links = ROLE_LINKS[Role.EMPLOYEE]
    return rx.el.nav(
        rx.el.h2(tr("dash.more_title"), id="dash-more"),
        rx.el.ul(
            *[rx.el.li(rx.el.a(tr(key), href=href)) for key, href in links],
            rx.el.li(rx.el.a(tr("portal.security"), href=routes.SECURITY)),
            class_name="link-cards",
        ),
        aria_labelledby="dash-more",
    )


def employee_dashboard() -> rx.Component:
    s = DashboardState
    return portal_page(
        rx.el.h1(s.greeting),
        rx.el.p(s.welcome, class_name="meta"),
        rx.el.p(s.role_line, class_name="meta"),
        notice(AuthPageState.message, AuthPageState.message_kind),
        restriction_notice(s.restricted, s.restricted_since, audience="employee"),
        rx.el.div(_case_card(), _consult_card(), _new_card(), _todo_card(), class_name="dash-grid"),
        notices_section(),
        _link_cards(),
        rx.cond(
            s.retention_text != "",
            rx.el.section(
                rx.el.h2(tr("retention.title")),
                rx.el.p(s.retention_text),
                rx.el.p(tr("retention.source")),
                class_name="card",
            ),
        ),
    )


def start_page() -> rx.Component:
    return rx.cond(DashboardState.role == str(Role.EMPLOYEE), employee_dashboard(), portal_home())
