"""The care team's caseload (issue 7, item 1): the cases of the employers the team
serves, what needs him first (issue 18 item 5; the order is ``domain.caseload_order``),
each saying why; for the doctor also whom he lets release feedback in his name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from kwportal.domain.caseload_order import Attention
from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.services.case import caseload
from kwportal.services.views import PolicyDeniedError
from kwportal.ui import routes
from kwportal.ui.components.employer_case import day
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.pages.care.common import CARE_ROLES, role_label
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import Localised
from kwportal.ui.text import tr

ROUTE = routes.CARE


@dataclass
class CaseRow:
    case_id: str = ""
    name: str = ""
    personnel_number: str = ""
    organisation: str = ""
    sick_since: str = ""
    recovered_on: str = ""
    has_draft: bool = False
    #: why it is near the top (domain.caseload_order): each fact said in words
    consult_unrecorded: bool = False
    analysis_late: bool = False
    unread: bool = False
    new_case: bool = False


@dataclass
class MemberRow:
    account_id: str = ""
    name: str = ""
    role: str = ""
    may_release: bool = False
    delegable: bool = False


class CaseloadState(Localised, AuthState):
    rows: list[CaseRow] = []
    members: list[MemberRow] = []
    medical: bool = False
    is_doctor: bool = False
    search_text: str = ""
    include_closed: bool = False

    def _show(self, page: caseload.CaseloadPage) -> None:
        self.medical, self.is_doctor = page.medical, page.leads_team
        self.rows = [
            CaseRow(
                str(line.case_id),
                f"{line.first_name} {line.last_name}",
                line.personnel_number,
                line.organisation,
                day(line.sick_report_date),
                day(line.recovery_date),
                line.has_draft,
                line.signals.consult_unrecorded,
                line.signals.analysis_late,
                line.signals.unread_messages,
                line.attention is Attention.NEW,
            )
            for line in page.lines
        ]
        self.members = [
            MemberRow(str(m.account_id), m.display_name, m.role, m.may_release, m.delegable)
            for m in page.team
        ]

    @rx.event
    @guarded(*CARE_ROLES)
    def load(self) -> None:
        self.notice_key = ""
        self._show(self._run(caseload.do_caseload, self.search_text, self.include_closed))

    @rx.event
    @guarded(*CARE_ROLES)
    def find(self, form_data: dict[str, Any]) -> None:
        self.search_text = str(form_data.get("q", ""))[: caseload.MAX_SEARCH].strip()
        self.include_closed = bool(form_data.get("closed"))
        self._show(self._run(caseload.do_caseload, self.search_text, self.include_closed))

    @rx.event
    @guarded(Role.COMPANY_DOCTOR)
    def toggle_release(self, account_id: str) -> None:
        member = next((m for m in self.members if m.account_id == account_id), None)
        if member is None or not account_id.isdigit():
            return
        try:
            page = self._run(
                caseload.do_delegate_release,
                int(account_id),
                not member.may_release,
                self.search_text,
                self.include_closed,
            )
        except PolicyDeniedError:
            self.notice_key = "auth.not_allowed"
            return
        self.notice_key = "care.delegation_saved"
        self._show(page)

    @rx.var
    def sick_lines(self) -> list[str]:
        return [t("care.sick_since", self._lang).replace("{date}", r.sick_since) for r in self.rows]


def _case_item(row: Any, index: Any) -> rx.Component:
    return rx.el.li(
        rx.el.h3(row.name, " (", row.personnel_number, ")"),
        rx.el.p(row.organisation),
        rx.el.p(CaseloadState.sick_lines[index]),
        rx.cond(
            row.recovered_on != "",
            rx.el.p(tr("employer_case.recovered_on"), " ", row.recovered_on),
        ),
        _reasons(row),
        rx.cond(row.has_draft, rx.el.span(tr("care.has_draft"), class_name="badge")),
        rx.el.p(
            rx.cond(
                CaseloadState.medical,
                rx.el.a(tr("care.open_file"), href=routes.case_href(routes.CARE_CASE, row.case_id)),
                rx.el.a(
                    tr("care.open_admin"), href=routes.case_href(routes.CASE_ADMIN, row.case_id)
                ),
            ),
            " · ",
            rx.el.a(
                tr("care.feedback_link"), href=routes.case_href(routes.CARE_FEEDBACK, row.case_id)
            ),
            class_name="care-actions",
        ),
        class_name="care-case",
    )


def _reasons(row: Any) -> rx.Component:
    """Why the case needs him, in words (the order's groups, domain.caseload_order)."""
    return rx.fragment(
        rx.cond(
            row.analysis_late,
            rx.el.span(tr("caseload.analysis_late"), class_name="badge overdue"),
        ),
        rx.cond(
            row.consult_unrecorded,
            rx.el.span(tr("caseload.consult_unrecorded"), class_name="badge overdue"),
        ),
        rx.cond(row.unread, rx.el.span(tr("caseload.unread"), class_name="badge new")),
        rx.cond(row.new_case, rx.el.span(tr("caseload.new_case"), class_name="badge new")),
    )


def _member_item(row: Any) -> rx.Component:
    return rx.el.li(
        rx.el.strong(row.name),
        " · ",
        role_label(row.role),
        rx.el.br(),
        rx.cond(row.may_release, tr("care.delegated"), tr("care.not_delegated")),
        rx.cond(
            row.delegable,
            rx.el.button(
                rx.cond(row.may_release, tr("care.undelegate"), tr("care.delegate")),
                type="button",
                class_name="button secondary",
                on_click=CaseloadState.toggle_release(row.account_id),
            ),
        ),
        class_name="care-member",
    )


def _search() -> rx.Component:
    return rx.el.form(
        rx.el.div(
            rx.el.label(tr("care.search"), html_for="care-q"),
            rx.el.input(id="care-q", name="q", type="search", max_length=caseload.MAX_SEARCH),
            class_name="field",
        ),
        rx.el.div(
            rx.el.input(id="care-closed", name="closed", type="checkbox"),
            rx.el.label(tr("care.include_closed"), html_for="care-closed"),
            class_name="check",
        ),
        rx.el.button(tr("care.search_button"), type="submit", class_name="button"),
        on_submit=CaseloadState.find,
        role="search",
        class_name="form",
    )


def caseload_page() -> rx.Component:
    state = CaseloadState
    rows: Any = state.rows
    return portal_page(
        rx.el.h1(tr("care.title")),
        notice(state.notice_text, state.notice_kind),
        rx.el.p(tr("care.intro")),
        rx.el.p(tr("caseload.order_note"), class_name="meta"),
        _search(),
        rx.cond(
            rows.length() > 0,
            rx.el.ul(rx.foreach(state.rows, _case_item), class_name="plain care-list"),
            rx.el.p(tr("care.none")),
        ),
        rx.cond(
            state.is_doctor,
            rx.el.section(
                rx.el.h2(tr("care.delegation_title")),
                rx.el.p(tr("care.delegation_intro")),
                rx.el.ul(rx.foreach(state.members, _member_item), class_name="plain care-list"),
                class_name="card",
            ),
        ),
    )
