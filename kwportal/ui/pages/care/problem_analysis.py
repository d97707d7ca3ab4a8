"""The problem analysis (issue 15 item 3, week 6): a medical part that stays in the file
and an employer part (the four items and advice) released through the feedback flow.

Stub registered by the lead; its owner fills it in."""

from __future__ import annotations

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.ui import routes
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr

ROUTE = routes.CARE_PROBLEM_ANALYSIS


class ProblemAnalysisState(AuthState):
    @rx.event
    @guarded(Role.COMPANY_DOCTOR)
    def load(self) -> None:
        """Filled in by the page's owner."""


def problem_analysis_page() -> rx.Component:
    return portal_page(rx.el.h1(tr("problem_analysis.title")))
