"""The facts retention turns on that the employer records (issue 15 item 6): the end of
employment and a date of death of the employee of one case (``?case=123``); a case of
another organisation reads as "not found". After a save the page shows the retention term
these facts give. The date of death is never shown back (identity beyond name and number)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.i18n.fmt import fmt_date
from kwportal.services.employer import person
from kwportal.services.views import PolicyDeniedError
from kwportal.ui import routes
from kwportal.ui.components import field_errors
from kwportal.ui.components.field_errors import FOCUS_FIRST_ERROR
from kwportal.ui.components.forms import notice
from kwportal.ui.components.life_events import retention_text
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import Localised
from kwportal.ui.text import tr

ROUTE = routes.EMPLOYER_PERSON
FIELDS = ("employment_end", "date_of_death")


class EmployerPersonState(Localised, AuthState):
    found: bool = False
    name: str = ""
    number: str = ""
    employment_start: str = ""
    employment_end: str = ""
    today: str = ""
    case_href: str = ""
    error_keys: list[list[str]] = []
    saved: bool = False
    retention_until: str = ""
    retention_holds: list[str] = []
    _case_id: int | None = None

    @rx.var
    def errors(self) -> dict[str, str]:
        return field_errors.messages(self.error_keys, FIELDS, self._lang)

    @rx.var
    def error_list(self) -> list[str]:
        return [t(code, self._lang) for _field, code in self.error_keys]

    @rx.var
    def retention(self) -> str:
        if not self.saved:
            return ""
        return retention_text(self.retention_until, self.retention_holds, self._lang)

    def _clear(self) -> None:
        self.found, self._case_id, self.case_href = False, None, ""
        self.name = self.number = self.employment_start = self.employment_end = ""
        self.error_keys, self.saved = [], False

    def _show(self, screen: person.PersonScreen) -> None:
        self.found, self._case_id = True, screen.case_id
        self.case_href = routes.case_href(routes.EMPLOYER_CASE, screen.case_id)
        self.name = f"{screen.first_name} {screen.last_name}".strip()
        self.number = screen.personnel_number
        self.employment_start = fmt_date(screen.employment_start, short=True)
        self.employment_end = screen.employment_end.isoformat() if screen.employment_end else ""
        self.today = screen.today.isoformat()
        line = screen.retention
        self.saved = line is not None
        self.retention_until = (
            line.at_least_until.isoformat() if line and line.at_least_until else ""
        )
        self.retention_holds = list(line.holds) if line else []

    @rx.event
    @guarded(Role.EMPLOYER_CONTACT)
    def load(self) -> None:
        self.notice_key = ""
        self._clear()
        case_id = routes.case_id_from(str(self.router.url))
        if case_id is None:
            self.notice_key = "employer_case.not_found"
            return
        try:
            self._show(self._run(person.do_show, case_id))
        except PolicyDeniedError:
            self.notice_key = "employer_case.not_found"

    @rx.event
    @guarded(Role.EMPLOYER_CONTACT)
    def save(self, form_data: dict[str, Any]) -> Any:
        case_id = self._case_id
        if case_id is None:
            return None
        self.notice_key = ""
        try:
            screen = self._run(
                person.do_record,
                case_id,
                str(form_data.get("employment_end", ""))[:20],
                str(form_data.get("date_of_death", ""))[:20],
            )
        except person.ReportError as error:
            self.error_keys, self.saved = [[e.field, e.code] for e in error.errors], False
            return rx.call_script(FOCUS_FIRST_ERROR)
        except PolicyDeniedError:
            self._clear()
            self.notice_key = "employer_case.not_found"
            return None
        self._show(screen)
        self.error_keys, self.notice_key = [], "employer_person.saved"
        return rx.call_script("document.getElementById('person-date_of_death').value = ''")


def _facts() -> rx.Component:
    state = EmployerPersonState
    return rx.el.dl(
        rx.el.dt(tr("employer_person.name")),
        rx.el.dd(state.name),
        rx.el.dt(tr("employer_person.number")),
        rx.el.dd(state.number),
        rx.el.dt(tr("employer_person.employment_start")),
        rx.el.dd(
            rx.cond(
                state.employment_start != "",
                state.employment_start,
                tr("employer_person.unknown"),
            )
        ),
        class_name="items",
    )


def _form() -> rx.Component:
    state = EmployerPersonState
    return rx.el.form(
        field_errors.field(
            "employer_person.employment_end",
            "employment_end",
            "person-employment_end",
            state.errors,
            hint_key="employer_person.employment_end_hint",
            type="date",
            default_value=state.employment_end,
            min=state.employment_start,
        ),
        field_errors.field(
            "employer_person.date_of_death",
            "date_of_death",
            "person-date_of_death",
            state.errors,
            hint_key="employer_person.date_of_death_hint",
            type="date",
            max=state.today,
        ),
        rx.el.button(tr("employer_person.submit"), type="submit", class_name="button"),
        on_submit=state.save,
        key=state.number + "/" + state.employment_end,
        class_name="form",
    )


def employer_person_page() -> rx.Component:
    state = EmployerPersonState
    return portal_page(
        rx.el.h1(tr("employer_person.title")),
        notice(state.notice_text, state.notice_kind),
        rx.cond(
            state.found,
            rx.fragment(
                rx.el.p(rx.el.a(tr("sick.open_case"), href=state.case_href)),
                rx.el.p(tr("employer_person.intro")),
                _facts(),
                rx.cond(
                    state.retention != "",
                    rx.el.p(state.retention, role="status", class_name="notice"),
                    rx.el.span(),
                ),
                field_errors.summary(state.error_list, "employer_person.errors_title"),
                _form(),
            ),
            rx.el.span(),
        ),
    )
