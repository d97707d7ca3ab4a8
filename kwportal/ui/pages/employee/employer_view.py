""" "What my employer sees": the employee's latest case rendered by the same component as
the employer's case page, from the same view, plus who released each item (by function),
when, and on which ground (issue 5, item 1)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.services.my_employer_view import my_employer_view
from kwportal.ui.components.employer_case import CaseCard, case_card, day, employer_case_card
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr

ROUTE = "/my-employer-view"


@dataclass
class ReleaseRow:
    released_at: str = ""
    role: str = ""
    ground: str = ""


class MyEmployerViewState(AuthState):
    has_case: bool = False
    card: CaseCard = CaseCard()
    releases: list[ReleaseRow] = []

    @rx.var
    def release_lines(self) -> list[str]:
        lines = []
        for row in self.releases:
            who = t(f"role.{row.role}", self.lang) if row.role else t("my_view.unknown", self.lang)
            lines.append(
                t("my_view.release_line", self.lang)
                .replace("{date}", row.released_at)
                .replace("{who}", who)
                .replace("{ground}", t(f"ground.{row.ground}", self.lang))
            )
        return lines

    @rx.event
    @guarded(Role.EMPLOYEE)
    def load(self) -> None:
        signed_in = self._signed_in
        assert signed_in is not None
        actor = self._actor()
        ctx = self._context()
        with transaction() as session:
            mine = my_employer_view(actor, session=session, access=ctx.access, secret=ctx.secret)
        if mine is None:
            self.has_case, self.card, self.releases = False, CaseCard(), []
            return
        self.has_case = True
        self.card = case_card(mine.view)
        self.releases = [
            ReleaseRow(day(r.released_at), r.released_by_role, r.ground) for r in mine.releases
        ]


def my_employer_view_page() -> rx.Component:
    state = MyEmployerViewState
    releases: Any = state.releases
    return portal_page(
        rx.el.h1(tr("my_view.title")),
        rx.el.p(tr("my_view.intro")),
        rx.cond(
            state.has_case,
            rx.el.div(
                employer_case_card(state.card),
                rx.el.section(
                    rx.el.h2(tr("my_view.releases")),
                    rx.cond(
                        releases.length() > 0,
                        rx.el.ul(
                            rx.foreach(state.release_lines, lambda line: rx.el.li(line)),
                            class_name="plain",
                        ),
                        rx.el.p(tr("my_view.nothing_released")),
                    ),
                    rx.el.p(tr("my_view.same_text")),
                    class_name="card",
                ),
            ),
            rx.el.p(tr("my_view.no_case")),
        ),
    )
