"""The case manager's view of a case (issue 7, item 1): the administration — who, which
employer, since when, appointment times and places, document titles, helpers — from a
service that never queries a medical table, into a state no medical datum can reach."""

from __future__ import annotations

from datetime import datetime

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.services.case.file import do_open_case_admin
from kwportal.services.views import PolicyDeniedError
from kwportal.ui import routes
from kwportal.ui.components import case_links as case_links_for
from kwportal.ui.components.case_links import case_links
from kwportal.ui.components.employer_case import day
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.pages.care.case_file import PersonBlock, person_block
from kwportal.ui.pages.care.common import list_section
from kwportal.ui.routes import case_id_from
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr

ROUTE = routes.CASE_ADMIN


def _minute(value: datetime) -> str:
    return f"{value:%Y-%m-%d %H:%M}"


class CaseAdminState(AuthState):
    found: bool = False
    not_found_key: str = ""
    person: PersonBlock = PersonBlock()
    appointments: list[str] = []
    documents: list[str] = []
    helpers: list[str] = []

    @rx.var
    def not_found(self) -> str:
        return t(self.not_found_key, self.lang) if self.not_found_key else ""

    @rx.event
    @guarded(Role.CASE_MANAGER)
    def load(self) -> None:
        case_id = case_id_from(str(self.router.url))
        try:
            if case_id is None:
                raise PolicyDeniedError("no case")
            view = self._run(do_open_case_admin, case_id)
        except PolicyDeniedError:
            self.found, self.not_found_key = False, "care_case.not_found"
            self.person, self.appointments, self.documents, self.helpers = PersonBlock(), [], [], []
            return
        self.found, self.not_found_key = True, ""
        self.person = PersonBlock(
            str(view.case_id),
            f"{view.first_name} {view.last_name}",
            view.personnel_number,
            view.job_title,
            view.organisation,
            day(view.sick_report_date),
            day(view.recovery_date),
            "",
        )
        self.appointments = [f"{_minute(a.starts_at)} · {a.location}" for a in view.appointments]
        self.documents = [f"{d.title} ({day(d.created_at)})" for d in view.documents]
        self.helpers = [
            " · ".join(x for x in (h.name, h.helper_role, h.organisation, h.phone, h.email) if x)
            for h in view.helpers
        ]


def case_admin_page() -> rx.Component:
    state = CaseAdminState
    return portal_page(
        rx.el.h1(tr("care_case.admin_title")),
        rx.el.p(rx.el.a(tr("care_case.back"), href=routes.CARE)),
        notice(state.not_found),
        rx.cond(
            state.found,
            rx.el.div(
                rx.el.p(tr("care_case.no_medical"), class_name="meta"),
                person_block(state.person, care_address=False),
                case_links(case_links_for.CASE_MANAGER, state.person.case_id),
                list_section("care_case.appointments", state.appointments, rx.el.li),
                list_section("care_case.documents", state.documents, rx.el.li),
                list_section("care_case.helpers", state.helpers, rx.el.li),
            ),
        ),
    )
