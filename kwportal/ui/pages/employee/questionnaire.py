"""The intake questionnaire (issue 15 item 2): the employee answers before his first
consult and may read and correct his answers until then; only the doctor's team reads them.

Stub registered by the lead; its owner fills it in."""

from __future__ import annotations

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.ui import routes
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr

ROUTE = routes.MY_QUESTIONNAIRE


class MyQuestionnaireState(AuthState):
    @rx.event
    @guarded(Role.EMPLOYEE)
    def load(self) -> None:
        """Filled in by the page's owner."""


def my_questionnaire_page() -> rx.Component:
    return portal_page(rx.el.h1(tr("questionnaire.title")))
