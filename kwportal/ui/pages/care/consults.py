"""The consult agenda (issue 15 item 1): a doctor's or team member's bookable slots, the
bookings in them and their attendance; the case manager or doctor books a consult for a case.

Stub registered by the lead; its owner fills it in."""

from __future__ import annotations

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.ui import routes
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr

ROUTE = routes.CARE_CONSULTS


class ConsultsState(AuthState):
    @rx.event
    @guarded(Role.COMPANY_DOCTOR, Role.CARE_TEAM, Role.CASE_MANAGER)
    def load(self) -> None:
        """Filled in by the page's owner."""


def consults_page() -> rx.Component:
    return portal_page(rx.el.h1(tr("consults.title")))
