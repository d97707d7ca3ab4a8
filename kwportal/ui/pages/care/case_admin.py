"""The case manager's view of a case (issue 7, item 1): the administration — who, which
employer, since when, appointment times and places, document titles, helpers — from a
service that never queries a medical table, into a state no medical datum can reach.

The people helping with re-integration are kept here (issue 15): the case manager adds a
helper with how to reach them and removes one no longer involved; the employee sees them
on his case page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.i18n.fmt import fmt_datetime
from kwportal.services.case.file import CaseAdminView, do_open_case_admin
from kwportal.services.case.helpers import (
    LIMITS,
    HelperError,
    NewHelper,
    do_add_helper,
    do_remove_helper,
)
from kwportal.services.views import PolicyDeniedError
from kwportal.ui import routes
from kwportal.ui.components import case_links as case_links_for
from kwportal.ui.components.case_links import case_links
from kwportal.ui.components.employer_case import day
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.components.restriction_notice import restriction_notice, since_text
from kwportal.ui.guard import guarded
from kwportal.ui.pages.care.case_file import PersonBlock, person_block
from kwportal.ui.pages.care.common import list_section
from kwportal.ui.pages.care.rectification_parts import rectification_section
from kwportal.ui.routes import case_id_from
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import Localised
from kwportal.ui.text import tr

ROUTE = routes.CASE_ADMIN
HELPER_FORM = "helper-form"
HELPER_FIELDS = ("name", "helper_role", "organisation", "phone", "email")


def _minute(value: datetime) -> str:
    return fmt_datetime(value, short=True)


@dataclass
class HelperRow:
    helper_id: str = ""
    text: str = ""


class CaseAdminState(Localised, AuthState):
    found: bool = False
    not_found_key: str = ""
    person: PersonBlock = PersonBlock()
    appointments: list[str] = []
    documents: list[str] = []
    helpers: list[HelperRow] = []
    #: the helper form's wrong field and its message key
    error_field: str = ""
    error_key: str = ""
    _case_id: int = 0
    #: the use of his data stopped, and since when (issue 17 item 3)
    restricted: bool = False
    restricted_since: str = ""

    @rx.var
    def not_found(self) -> str:
        return t(self.not_found_key, self._lang) if self.not_found_key else ""

    @rx.var
    def error_text(self) -> str:
        return t(self.error_key, self._lang) if self.error_key else ""

    def _clear(self) -> None:
        self.found, self.not_found_key, self._case_id = False, "care_case.not_found", 0
        self.person, self.appointments, self.documents, self.helpers = PersonBlock(), [], [], []
        self.error_field, self.error_key = "", ""
        self.restricted, self.restricted_since = False, ""

    def _show(self, view: CaseAdminView) -> None:
        self.found, self.not_found_key, self._case_id = True, "", view.case_id
        self.restricted = view.restriction is not None
        self.restricted_since = since_text(view.restriction and view.restriction.since)
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
            HelperRow(
                str(h.helper_id),
                " · ".join(
                    x for x in (h.name, h.helper_role, h.organisation, h.phone, h.email) if x
                ),
            )
            for h in view.helpers
        ]

    @rx.event
    @guarded(Role.CASE_MANAGER)
    def load(self) -> None:
        self.notice_key, self.error_field, self.error_key = "", "", ""
        case_id = case_id_from(str(self.router.url))
        try:
            if case_id is None:
                raise PolicyDeniedError("no case")
            view = self._run(do_open_case_admin, case_id)
        except PolicyDeniedError:
            self._clear()
            return
        self._show(view)

    @rx.event
    @guarded(Role.CASE_MANAGER)
    def add_helper(self, form_data: dict[str, Any]) -> Any:
        if not self._case_id:
            self._clear()
            return None
        values = {f: str(form_data.get(f, ""))[: LIMITS[f] + 1] for f in HELPER_FIELDS}
        try:
            view = self._run(do_add_helper, self._case_id, NewHelper(**values))
        except HelperError as error:
            self.error_field, self.error_key, self.notice_key = error.field, error.key, ""
            return rx.call_script(f"document.getElementById('helper-{error.field}')?.focus()")
        except PolicyDeniedError:
            self._clear()
            return None
        self._show(view)
        self.error_field, self.error_key, self.notice_key = "", "", "helpers.added"
        return rx.call_script(f"document.getElementById('{HELPER_FORM}')?.reset()")

    @rx.event
    @guarded(Role.CASE_MANAGER)
    def remove_helper(self, helper_id: str) -> None:
        known = {h.helper_id for h in self.helpers}
        if not self._case_id or helper_id not in known:
            return
        try:
            view = self._run(do_remove_helper, self._case_id, int(helper_id))
        except PolicyDeniedError:
            self._clear()
            return
        self._show(view)
        self.error_field, self.error_key, self.notice_key = "", "", "helpers.removed"


def _helper_item(row: Any) -> rx.Component:
    return rx.el.li(
        rx.el.span(row.text),
        " ",
        rx.el.button(
            tr("helpers.remove"),
            type="button",
            class_name="link-button",
            on_click=CaseAdminState.remove_helper(row.helper_id),
        ),
    )


def _helper_field(name: str, **attrs: Any) -> rx.Component:
    state = CaseAdminState
    wrong = state.error_field == name
    return rx.el.div(
        rx.el.label(tr(f"helpers.{name}"), html_for=f"helper-{name}"),
        rx.el.input(
            id=f"helper-{name}",
            name=name,
            max_length=LIMITS[name],
            aria_invalid=rx.cond(wrong, "true", "false"),
            aria_describedby=rx.cond(wrong, "helper-error", ""),
            **attrs,
        ),
        rx.cond(
            wrong,
            rx.el.p(state.error_text, id="helper-error", class_name="field-error"),
        ),
        class_name="field",
    )


def _helpers() -> rx.Component:
    state = CaseAdminState
    rows: Any = state.helpers
    return rx.el.section(
        rx.el.h2(tr("care_case.helpers")),
        rx.cond(
            rows.length() > 0,
            rx.el.ul(rx.foreach(rows, _helper_item), class_name="plain care-list"),
            rx.el.p(tr("helpers.none")),
        ),
        rx.el.h3(tr("helpers.add_title")),
        rx.el.form(
            _helper_field("name", required=True, auto_complete="off"),
            _helper_field("helper_role", required=True, auto_complete="off"),
            _helper_field("organisation", auto_complete="off"),
            _helper_field("phone", type="tel", auto_complete="off"),
            _helper_field("email", type="email", auto_complete="off"),
            rx.el.button(tr("helpers.add"), type="submit", class_name="button"),
            id=HELPER_FORM,
            on_submit=CaseAdminState.add_helper,
            class_name="form",
        ),
        class_name="card",
    )


def case_admin_page() -> rx.Component:
    state = CaseAdminState
    return portal_page(
        rx.el.h1(tr("care_case.admin_title")),
        rx.el.p(rx.el.a(tr("care_case.back"), href=routes.CARE)),
        notice(state.not_found),
        rx.cond(
            state.found,
            rx.el.div(
                notice(state.notice_text, state.notice_kind),
                rx.el.p(tr("care_case.no_medical"), class_name="meta"),
                restriction_notice(state.restricted, state.restricted_since, audience="staff"),
                person_block(state.person, care_address=False),
                case_links(case_links_for.CASE_MANAGER, state.person.case_id),
                list_section("care_case.appointments", state.appointments, rx.el.li),
                list_section("care_case.documents", state.documents, rx.el.li),
                _helpers(),
                rectification_section(state.person.case_id, medical=False),
            ),
        ),
    )
