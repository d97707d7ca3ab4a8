"""Files attached to a case (issue 15 item 4), for every role that works on it: who sees
an upload follows its audience (domain.policy).

Stub registered by the lead; its owner fills it in."""

from __future__ import annotations

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.ui import routes
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr

ROUTE = routes.CASE_FILES


class CaseFilesState(AuthState):
    @rx.event
    @guarded(
        Role.EMPLOYEE, Role.EMPLOYER_CONTACT, Role.COMPANY_DOCTOR, Role.CARE_TEAM, Role.CASE_MANAGER
    )
    def load(self) -> None:
        """Filled in by the page's owner."""


def case_files_page() -> rx.Component:
    return portal_page(rx.el.h1(tr("case_files.title")))
