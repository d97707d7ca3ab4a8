"""The facts retention turns on that the employer records (issue 15 item 6): the end of
employment and a date of death.

Stub registered by the lead; its owner fills it in."""

from __future__ import annotations

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.ui import routes
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr

ROUTE = routes.EMPLOYER_PERSON


class EmployerPersonState(AuthState):
    @rx.event
    @guarded(Role.EMPLOYER_CONTACT)
    def load(self) -> None:
        """Filled in by the page's owner."""


def employer_person_page() -> rx.Component:
    return portal_page(rx.el.h1(tr("employer_person.title")))
