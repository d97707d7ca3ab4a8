"""The employee's requests for a correction on the staff case pages (issue 17 item 2): on the
medical file (/care-case) the doctor and his team correct or refuse the care address of the
case and add the employee's own statement to the file, next to the text he disputes, which
stays (WGBO art. 7:454 lid 1; it cannot be refused); on the administration
(/care-case-admin) the case manager corrects or refuses identity and employment fields.

The section has its own state, loaded when it mounts (keyed on the case shown, so another
case mounts it afresh) and shown only while it holds the items of the case the page shows.
Who sees and decides which item is the policy's (services/privacy/rectification.py): the
case manager's state never holds a care address or a statement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import reflex as rx

from kwportal.domain import rectification as rules
from kwportal.i18n import t
from kwportal.i18n.fmt import fmt_datetime
from kwportal.services.privacy import rectification
from kwportal.services.privacy.rights import RightsError
from kwportal.services.views import PolicyDeniedError
from kwportal.ui.components.rights import (
    ItemRow,
    decide_forms,
    field_label,
    item_row,
    outcome_items,
)
from kwportal.ui.guard import guarded
from kwportal.ui.pages.care.common import CARE_ROLES, MEDICAL_ROLES
from kwportal.ui.routes import case_id_from
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import Localised
from kwportal.ui.text import tr


@dataclass
class StatementRow:
    item_id: str = ""
    body: str = ""
    submitted: str = ""
    added: str = ""
    note_id: str = ""
    note_body: str = ""
    note_when: str = ""
    may_add: str = ""


def _minute(value: datetime | None) -> str:
    return fmt_datetime(value, short=True)


class CareRectificationState(Localised, AuthState):
    #: the case whose items the state holds ("" until loaded)
    rect_case_id: str = ""
    rect_items: list[ItemRow] = []
    statements: list[StatementRow] = []
    rect_notice_key: str = ""

    @rx.var
    def rect_notice(self) -> str:
        return t(self.rect_notice_key, self._lang) if self.rect_notice_key else ""

    def _fill(self, found: rectification.CaseItems) -> None:
        self.rect_case_id = str(found.case_id)
        self.rect_items = [item_row(v) for v in found.items]
        self.statements = [
            StatementRow(
                item_id=str(s.item_id),
                body=s.body,
                submitted=_minute(s.submitted_at),
                added=_minute(s.added_at),
                note_id=str(s.note_id or ""),
                note_body=s.note_body,
                note_when=_minute(s.note_at),
                # a statement waiting is added by the doctor or his team (only they get here)
                may_add="1" if s.added_at is None else "",
            )
            for s in found.statements
        ]

    def _clear(self) -> None:
        self.rect_case_id, self.rect_items, self.statements = "", [], []

    def _case(self) -> int | None:
        return case_id_from(str(self.router.url))

    @rx.event
    @guarded(*CARE_ROLES)
    def load(self) -> None:
        self.rect_notice_key = ""
        case_id = self._case()
        if case_id is None:
            self._clear()
            return
        try:
            self._fill(self._run(rectification.do_case_items, case_id))
        except PolicyDeniedError:
            self._clear()

    @rx.event
    @guarded(*CARE_ROLES)
    def apply_item(self, form_data: dict[str, Any]) -> None:
        self._decide(form_data, apply=True)

    @rx.event
    @guarded(*CARE_ROLES)
    def refuse_item(self, form_data: dict[str, Any]) -> None:
        self._decide(form_data, apply=False)

    def _decide(self, form_data: dict[str, Any], *, apply: bool) -> None:
        raw_id = str(form_data.get("item_id", ""))[:12]
        reason = str(form_data.get("reason", ""))[: rules.MAX_REASON + 1]
        case_id = self._case()
        if case_id is None or not (raw_id.isascii() and raw_id.isdigit()):
            self.rect_notice_key = "rectification.unknown_item"
            return
        try:
            found = self._run(rectification.do_decide_on_case, case_id, int(raw_id), apply, reason)
        except RightsError as error:
            self.rect_notice_key = error.code
            return
        except PolicyDeniedError:
            self._clear()
            return
        self.rect_notice_key = (
            "rectification.applied_done" if apply else "rectification.refused_done"
        )
        self._fill(found)

    @rx.event
    @guarded(*MEDICAL_ROLES)
    def add_statement(self, item_id: str) -> None:
        """Add the employee's statement to the file; the disputed text stays."""
        case_id = self._case()
        if case_id is None or not (item_id.isascii() and item_id.isdigit()) or len(item_id) > 12:
            self.rect_notice_key = "rectification.unknown_item"
            return
        try:
            found = self._run(rectification.do_add_statement, case_id, int(item_id))
        except RightsError as error:
            self.rect_notice_key = error.code
            return
        except PolicyDeniedError:
            self._clear()
            return
        self.rect_notice_key = "rectification.statement_added_done"
        self._fill(found)


def _decide_forms(item: Any) -> rx.Component:
    state = CareRectificationState
    return decide_forms(
        item, on_apply=state.apply_item, on_refuse=state.refuse_item, ident_prefix="care-refuse-"
    )


def _item(item: Any) -> rx.Component:
    return rx.el.li(
        rx.el.h3(field_label(item.field)),
        rx.el.dl(
            rx.cond(
                item.current != "",
                rx.fragment(rx.el.dt(tr("rectification.current")), rx.el.dd(item.current)),
            ),
            *outcome_items(item),
            class_name="items",
        ),
        rx.cond(item.may_decide != "", _decide_forms(item)),
        class_name="rectification-item",
    )


def _statement(row: Any) -> rx.Component:
    state = CareRectificationState
    return rx.el.li(
        rx.el.dl(
            rx.el.dt(tr("rectification.disputed")),
            rx.el.dd(
                rx.cond(
                    row.note_id != "",
                    rx.fragment(
                        rx.el.p("#", row.note_id, " · ", row.note_when, class_name="meta"),
                        rx.el.p(row.note_body, class_name="note-body"),
                    ),
                    rx.el.p(tr("rectification.whole_file")),
                ),
            ),
            rx.el.dt(tr("rectification.statement_body")),
            rx.el.dd(rx.el.p(row.body, class_name="note-body statement")),
            rx.el.dt(tr("rectification.submitted_on")),
            rx.el.dd(row.submitted),
            rx.cond(
                row.added != "",
                rx.fragment(rx.el.dt(tr("rectification.added_on")), rx.el.dd(row.added)),
            ),
            class_name="items",
        ),
        rx.cond(
            row.may_add != "",
            rx.el.div(
                rx.el.p(tr("rectification.cannot_refuse"), class_name="meta"),
                rx.el.button(
                    tr("rectification.add_statement"),
                    type="button",
                    class_name="button",
                    on_click=state.add_statement(row.item_id),
                ),
            ),
        ),
        class_name="care-note statement-pair",
    )


def rectification_section(case_id: Any, *, medical: bool) -> rx.Component:
    """The section for the case page showing ``case_id``: with the statements on the
    medical file (``medical``), without them on the case manager's administration."""
    state = CareRectificationState
    items: Any = state.rect_items
    statements: Any = state.statements
    parts = [
        rx.el.h2(tr("rectification.care_title")),
        rx.el.p(
            tr("rectification.care_intro") if medical else tr("rectification.admin_intro"),
            class_name="meta",
        ),
        rx.cond(
            state.rect_notice != "",
            rx.el.p(state.rect_notice, role="status", class_name="notice"),
        ),
        rx.cond(
            items.length() > 0,
            rx.el.ul(rx.foreach(items, _item), class_name="plain"),
            rx.el.p(tr("rectification.none")),
        ),
    ]
    if medical:
        parts.append(
            rx.cond(
                statements.length() > 0,
                rx.el.div(
                    rx.el.h3(tr("rectification.statements_title")),
                    rx.el.ul(rx.foreach(statements, _statement), class_name="plain care-list"),
                ),
            )
        )
    return rx.el.section(
        rx.cond(state.rect_case_id == case_id, rx.fragment(*parts)),
        key=case_id,
        on_mount=state.load,
        class_name="card rectification",
    )
