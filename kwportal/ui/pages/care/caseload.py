"""The care team's caseload (issue 7, item 1): the cases of the employers the team
serves; for the doctor also whom he lets release feedback in his name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import reflex as rx

from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.services.case import caseload
from kwportal.services.case import team as care_team
from kwportal.services.views import PolicyDeniedError
from kwportal.ui.components.employer_case import day
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.pages.care.common import CARE_ROLES, role_label
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr

ROUTE = "/care"


@dataclass
class CaseRow:
    case_id: str = ""
    name: str = ""
    personnel_number: str = ""
    organisation: str = ""
    sick_since: str = ""
    recovered_on: str = ""
    has_draft: bool = False


@dataclass
class MemberRow:
    account_id: str = ""
    name: str = ""
    role: str = ""
    may_release: bool = False


class CaseloadState(AuthState):
    rows: list[CaseRow] = []
    members: list[MemberRow] = []
    medical: bool = False
    is_doctor: bool = False
    search_text: str = ""
    include_closed: bool = False

    def _refresh(self) -> None:
        actor = self._actor()
        ctx = self._context()
        with transaction() as session:
            lines = caseload.caseload(
                actor,
                session=session,
                access=ctx.access,
                secret=ctx.secret,
                search=self.search_text,
                include_closed=self.include_closed,
            )
            team = care_team.my_team(actor, session=session) if self.is_doctor else ()
        self.rows = [
            CaseRow(
                str(line.case_id),
                f"{line.first_name} {line.last_name}",
                line.personnel_number,
                line.organisation,
                day(line.sick_report_date),
                day(line.recovery_date),
                line.has_draft,
            )
            for line in lines
        ]
        self.members = [
            MemberRow(str(m.account_id), m.display_name, m.role, m.may_release) for m in team
        ]

    @rx.event
    @guarded(*CARE_ROLES)
    def load(self) -> None:
        signed_in = self._signed_in
        assert signed_in is not None
        self.notice_key = ""
        self.medical = signed_in.role in (Role.COMPANY_DOCTOR, Role.CARE_TEAM)
        self.is_doctor = signed_in.role is Role.COMPANY_DOCTOR
        self._refresh()

    @rx.event
    @guarded(*CARE_ROLES)
    def find(self, form_data: dict[str, Any]) -> None:
        self.search_text = str(form_data.get("q", ""))[: caseload.MAX_SEARCH].strip()
        self.include_closed = bool(form_data.get("closed"))
        self._refresh()

    @rx.event
    @guarded(Role.COMPANY_DOCTOR)
    def toggle_release(self, account_id: str) -> None:
        member = next((m for m in self.members if m.account_id == account_id), None)
        if member is None:
            return
        ctx = self._context()
        try:
            with transaction() as session:
                care_team.delegate_release(
                    self._actor(),
                    int(account_id),
                    allowed=not member.may_release,
                    session=session,
                    access_point=ctx.access,
                    secret=ctx.secret,
                    now=datetime.now(UTC),
                )
        except PolicyDeniedError:
            self.notice_key = "auth.not_allowed"
            return
        self.notice_key = "care.delegation_saved"
        self._refresh()

    @rx.var
    def sick_lines(self) -> list[str]:
        return [t("care.sick_since", self.lang).replace("{date}", r.sick_since) for r in self.rows]


def _case_item(row: Any, index: Any) -> rx.Component:
    return rx.el.li(
        rx.el.h3(row.name, " (", row.personnel_number, ")"),
        rx.el.p(row.organisation),
        rx.el.p(CaseloadState.sick_lines[index]),
        rx.cond(
            row.recovered_on != "",
            rx.el.p(tr("employer_case.recovered_on"), " ", row.recovered_on),
        ),
        rx.cond(row.has_draft, rx.el.span(tr("care.has_draft"), class_name="badge")),
        rx.el.p(
            rx.cond(
                CaseloadState.medical,
                rx.el.a(tr("care.open_file"), href="/care-case?case=" + row.case_id),
                rx.el.a(tr("care.open_admin"), href="/case-admin?case=" + row.case_id),
            ),
            " · ",
            rx.el.a(tr("care.feedback_link"), href="/care-feedback?case=" + row.case_id),
            class_name="care-actions",
        ),
        class_name="care-case",
    )


def _member_item(row: Any) -> rx.Component:
    return rx.el.li(
        rx.el.strong(row.name),
        " · ",
        role_label(row.role),
        rx.el.br(),
        rx.cond(row.may_release, tr("care.delegated"), tr("care.not_delegated")),
        rx.cond(
            row.role == str(Role.CARE_TEAM),
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
        notice(state.notice_text),
        rx.el.p(tr("care.intro")),
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
