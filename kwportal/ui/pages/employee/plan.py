"""The employee's side of the plan of action and its evaluations (issue 15 item 3): he
reads what his employer wrote, adds his own view and agrees or disagrees with a reason.

Stub registered by the lead; its owner fills it in."""

from __future__ import annotations

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.ui import routes
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr

ROUTE = routes.MY_PLAN


class MyPlanState(AuthState):
    @rx.event
    @guarded(Role.EMPLOYEE)
    def load(self) -> None:
        """Filled in by the page's owner."""


def my_plan_page() -> rx.Component:
    return portal_page(rx.el.h1(tr("my_plan.title")))
