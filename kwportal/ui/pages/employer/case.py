"""One case for the employer: the shared employer view (released feedback and its history),
the appointments' dates and the Poortwachter deadlines. The case id comes from the query
string (``?case=123``); a case of another organisation reads as "not found"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import reflex as rx

from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.services import employer_dashboard
from kwportal.services.views import PolicyDeniedError
from kwportal.ui.components.employer_case import (
    CaseCard,
    case_card,
    day,
    employer_case_card,
    secrecy_note,
)
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.pages.employer.overview import ROUTE as OVERVIEW_ROUTE
from kwportal.ui.pages.employer.overview import step_label
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr

ROUTE = "/employer-case"
_CASE_ID = re.compile(r"^[1-9][0-9]{0,11}$")


@dataclass
class DeadlineRow:
    step: str = ""
    due: str = ""
    week: str = ""
    overdue: bool = False
    done: bool = False


def case_id_from(url: str) -> int | None:
    """The ``case`` query parameter as a positive int, or None."""
    raw = parse_qs(urlsplit(url).query).get("case", [""])[0]
    return int(raw) if _CASE_ID.match(raw) else None


class EmployerCaseState(AuthState):
    found: bool = False
    not_found_key: str = ""
    card: CaseCard = CaseCard()
    appointments: list[str] = []
    deadlines: list[DeadlineRow] = []

    @rx.var
    def not_found(self) -> str:
        return t(self.not_found_key, self.lang) if self.not_found_key else ""

    def _clear(self, key: str) -> None:
        self.found, self.not_found_key = False, key
        self.card, self.appointments, self.deadlines = CaseCard(), [], []

    @rx.event
    @guarded(Role.EMPLOYER_CONTACT)
    def load(self) -> None:
        signed_in = self._signed_in
        assert signed_in is not None
        case_id = case_id_from(str(self.router.url))
        if case_id is None:
            self._clear("employer_case.not_found")
            return
        actor = self._actor()
        ctx = self._context()
        try:
            with transaction() as session:
                page = employer_dashboard.case_page(
                    actor,
                    case_id,
                    session=session,
                    today=ctx.now.date(),
                    access=ctx.access,
                    secret=ctx.secret,
                )
        except PolicyDeniedError:
            self._clear("employer_case.not_found")
            return
        self.found, self.not_found_key = True, ""
        self.card = case_card(page.view)
        self.appointments = [f"{at:%Y-%m-%d %H:%M}" for at in page.appointments]
        self.deadlines = [
            DeadlineRow(str(d.step), day(d.due), str(d.week), d.overdue, d.done)
            for d in page.deadlines
        ]


def _deadline_item(row: Any) -> rx.Component:
    return rx.el.li(
        rx.el.strong(step_label(row.step)),
        rx.el.br(),
        tr("employer_case.week"),
        " ",
        row.week,
        ": ",
        row.due,
        rx.cond(row.overdue, rx.el.span(tr("employer.overdue"), class_name="badge overdue")),
        rx.cond(row.done, rx.el.span(tr("employer_case.done"), class_name="badge done")),
        class_name=rx.cond(row.overdue, "deadline overdue", "deadline"),
    )


def _list_section(title: str, items: Any, render: Any, empty: str) -> rx.Component:
    return rx.el.section(
        rx.el.h2(tr(title)),
        rx.cond(
            items.length() > 0,
            rx.el.ul(rx.foreach(items, render), class_name="plain"),
            rx.el.p(tr(empty)),
        ),
        class_name="card",
    )


def employer_case_page() -> rx.Component:
    state = EmployerCaseState
    return portal_page(
        rx.el.h1(tr("employer_case.title")),
        rx.el.p(rx.el.a(tr("employer_case.back"), href=OVERVIEW_ROUTE)),
        secrecy_note(),
        notice(state.not_found),
        rx.cond(
            state.found,
            rx.el.div(
                employer_case_card(state.card),
                _list_section(
                    "employer_case.appointments",
                    state.appointments,
                    lambda at: rx.el.li(at),
                    "employer_case.no_appointments",
                ),
                _list_section(
                    "employer_case.deadlines",
                    state.deadlines,
                    _deadline_item,
                    "employer_case.no_deadlines",
                ),
            ),
            rx.el.span(),
        ),
    )
