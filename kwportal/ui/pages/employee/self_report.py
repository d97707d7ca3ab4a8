"""The employee reports himself sick or recovered (issue 15 item 7), where his employer
allows it.

Stub registered by the lead; its owner fills it in."""

from __future__ import annotations

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.ui import routes
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr

ROUTE = routes.MY_REPORT


class MySelfReportState(AuthState):
    @rx.event
    @guarded(Role.EMPLOYEE)
    def load(self) -> None:
        """Filled in by the page's owner."""


def my_report_page() -> rx.Component:
    return portal_page(rx.el.h1(tr("self_report.title")))
