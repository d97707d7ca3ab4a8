""" "What my employer sees": the employee's latest case rendered by the same component as
the employer's case page, from the same view — the released feedback, the consented datum,
the consults, the Poortwachter deadlines and whether the employer is told the use of his
data stopped (issue 17 item 5) — plus who released each item (by function), when, and on
which ground (issue 5, item 1)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.services.employee import employer_view
from kwportal.services.feedback import draft_sharing
from kwportal.ui import routes
from kwportal.ui.components import case_links as case_links_for
from kwportal.ui.components.case_links import case_links
from kwportal.ui.components.counter import char_counter, counted
from kwportal.ui.components.employer_case import (
    CaseCard,
    DeadlineRow,
    FeedbackCard,
    case_card,
    day,
    deadline_row,
    deadlines_section,
    employer_case_card,
    feedback_card,
    feedback_items,
)
from kwportal.ui.components.forms import notice
from kwportal.ui.components.message_thread import MessageRow, message_list, message_rows
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.components.restriction_notice import restriction_notice
from kwportal.ui.components.second_opinion import deskundigenoordeel
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import Localised
from kwportal.ui.text import tr

ROUTE = routes.MY_EMPLOYER_VIEW


@dataclass
class ReleaseRow:
    released_at: str = ""
    role: str = ""
    ground: str = ""


class MyEmployerViewState(Localised, AuthState):
    has_case: bool = False
    card: CaseCard = CaseCard()
    #: the employer's deadlines of his case, as the employer's case page lists them
    deadlines: list[DeadlineRow] = []
    #: his employer is told that the use of his data stopped (issue 17 item 3)
    restricted: bool = False
    releases: list[ReleaseRow] = []
    #: the draft the doctor shared with him before it is sent (NVAB guidance), if any
    has_draft: bool = False
    draft: FeedbackCard = FeedbackCard()
    draft_shared_on: str = ""
    my_reaction: str = ""
    #: the employer thread about his case (issue 15 item 5), read only
    thread_rows: list[MessageRow] = []
    _draft_id: int = 0

    @rx.var
    def release_lines(self) -> list[str]:
        lines = []
        for row in self.releases:
            who = (
                t(f"role.{row.role}", self._lang) if row.role else t("my_view.unknown", self._lang)
            )
            lines.append(
                t("my_view.release_line", self._lang)
                .replace("{date}", row.released_at)
                .replace("{who}", who)
                .replace("{ground}", t(f"ground.{row.ground}", self._lang))
            )
        return lines

    @rx.event
    @guarded(Role.EMPLOYEE)
    def load(self) -> None:
        self.notice_key = ""
        self._show(self._run(employer_view.do_show))

    @rx.event
    @guarded(Role.EMPLOYEE)
    def send_reaction(self, form_data: dict[str, Any]) -> None:
        if not self._draft_id:
            self.notice_key = "draft.gone"
            return
        text = str(form_data.get("reaction", ""))[: draft_sharing.MAX_REACTION + 1]
        try:
            page = self._run(employer_view.do_react, self._draft_id, text)
        except draft_sharing.SharingError as error:
            self.notice_key = error.code
            return
        self.notice_key = "draft.reaction_saved"
        self._show(page)

    def _show(self, page: employer_view.MyEmployerPage) -> None:
        mine, draft = page.mine, page.draft
        self.has_draft = draft is not None
        self._draft_id = draft.feedback_id if draft else 0
        self.draft = feedback_card(draft.view) if draft else FeedbackCard()
        self.draft_shared_on = day(draft.shared_at) if draft else ""
        self.my_reaction = draft.reaction if draft else ""
        self.thread_rows = message_rows(page.employer_thread)
        if mine is None:
            self.has_case, self.card, self.releases = False, CaseCard(), []
            self.deadlines, self.restricted = [], False
            return
        self.has_case = True
        self.card = case_card(mine.view)
        self.deadlines = [deadline_row(line) for line in mine.deadlines]
        self.restricted = mine.restricted
        self.releases = [
            ReleaseRow(day(r.released_at), r.released_by_role, r.ground) for r in mine.releases
        ]


def _shared_draft() -> rx.Component:
    state = MyEmployerViewState
    return rx.cond(
        state.has_draft,
        rx.el.section(
            rx.el.h2(tr("draft.mine_title")),
            rx.el.p(tr("draft.mine_intro")),
            rx.el.p(tr("draft.shared_on"), " ", state.draft_shared_on, class_name="meta"),
            feedback_items(state.draft),
            rx.el.form(
                rx.el.div(
                    rx.el.label(tr("draft.reaction"), html_for="draft-reaction"),
                    rx.el.textarea(
                        name="reaction",
                        rows=4,
                        default_value=state.my_reaction,
                        key=state.my_reaction,
                        **counted("draft-reaction", draft_sharing.MAX_REACTION),
                    ),
                    char_counter("draft-reaction", draft_sharing.MAX_REACTION),
                    class_name="field",
                ),
                rx.el.button(tr("draft.send_reaction"), type="submit", class_name="button"),
                on_submit=MyEmployerViewState.send_reaction,
                class_name="form",
            ),
            class_name="card draft-for-employee",
        ),
    )


def _employer_thread() -> rx.Component:
    return rx.el.section(
        rx.el.h2(tr("messages.employer_thread_title")),
        rx.el.p(tr("messages.employer_thread_intro")),
        message_list(MyEmployerViewState.thread_rows, tr("messages.employer_thread_title")),
        rx.el.p(rx.el.a(tr("messages.link"), href=routes.MESSAGES)),
        class_name="card",
    )


def my_employer_view_page() -> rx.Component:
    state = MyEmployerViewState
    releases: Any = state.releases
    return portal_page(
        rx.el.h1(tr("my_view.title")),
        notice(state.notice_text, state.notice_kind),
        rx.el.p(tr("my_view.intro")),
        _shared_draft(),
        rx.cond(
            state.has_case,
            rx.el.div(
                restriction_notice(state.restricted, audience="employer"),
                employer_case_card(state.card),
                case_links(case_links_for.EMPLOYER_VIEW),
                deadlines_section(state.deadlines),
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
                    deskundigenoordeel(),
                    class_name="card",
                ),
                _employer_thread(),
            ),
            rx.el.p(tr("my_view.no_case")),
        ),
    )
