"""The privacy desk's queue of rights requests (seed ch. 3): overdue first with the days past
the term, then those due within a week; no extension — the seed promises an answer
"uiterlijk binnen vier weken" (issue 17 item 4). Answer each; a rectification request shows
its items, and the desk applies or refuses those the policy gives it (identity), seeing of
the others only who decides and the outcome (issue 17 item 2). Answering an access request
delivers the export to the employee's own page; below the queue the desk sees when each
export was delivered and downloaded. Who asked and what he wrote; nothing from the medical
file. A request to stop links to /restrictions, where it is granted or refused (issue 17
item 3): answering it here could leave the employee unrestricted by accident."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import reflex as rx

from kwportal.domain import rectification as rules
from kwportal.domain.rights import RightsKind
from kwportal.domain.roles import Role
from kwportal.i18n import CATALOGS
from kwportal.i18n.fmt import fmt_date, fmt_datetime
from kwportal.services.privacy import access_export, desk, rectification, rights, transfer
from kwportal.ui import routes
from kwportal.ui.components.counter import char_counter, counted
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.components.rights import (
    ItemRow,
    decide_forms,
    field_label,
    item_row,
    outcome_items,
    request_heading,
    request_list,
)
from kwportal.ui.guard import guarded
from kwportal.ui.pages.privacy.transfer import (
    access_export_section,
    delivered_item,
    transfer_section,
)
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr

ROUTE = routes.RIGHTS_DESK
#: message keys a refused desk download may bring back in ``?e=``
BACK_KEYS = ("transfer.", "desk_export.", "export.", "rights.already_answered")
#: times are stored in UTC and shown in Dutch time (BRIEF.md)


@dataclass
class QueueItem:
    request_id: str = ""
    kind: str = ""
    number: str = ""
    name: str = ""
    text: str = ""
    received: str = ""
    due: str = ""
    overdue: str = ""
    #: days past the term ("" while it runs), due within a week, reported to the admin on
    days_overdue: str = ""
    due_soon: str = ""
    escalated: str = ""
    #: a rectification request's items
    corrections: list[ItemRow] = field(default_factory=list)
    #: transfer requests only: when a package went out, awaiting receipt, confirmed
    sent_on: str = ""
    awaiting: str = ""
    confirmed_on: str = ""
    released_by: str = ""


@dataclass
class DeliveredItem:
    """An access request answered with the export on the employee's own page."""

    request_id: str = ""
    number: str = ""
    name: str = ""
    received: str = ""
    delivered: str = ""
    downloaded: str = ""


def _local(moment: datetime | None) -> str:
    return fmt_datetime(moment, short=True)


def _delivered(line: access_export.DeliveredLine) -> DeliveredItem:
    return DeliveredItem(
        request_id=str(line.request_id),
        number=line.personnel_number,
        name=line.name,
        received=fmt_date(line.received_at, short=True),
        delivered=_local(line.delivered_at),
        downloaded=_local(line.downloaded_at),
    )


#: who decides an item the desk may not: per target kind and field category
DECIDED_BY = {
    "employee": "rectification.by_case_manager",
    "care_address": "rectification.by_care_team",
    "medical": "rectification.by_doctor",
}


def _desk_item(view: rectification.ItemView) -> ItemRow:
    by = "" if view.may_decide else DECIDED_BY.get(str(view.kind), "")
    return item_row(view, decided_by_key=by if view.status == "open" else "")


def _item(found: desk.DeskItem) -> QueueItem:
    line, status = found.line, found.transfer or transfer.TransferStatus()
    return QueueItem(
        request_id=str(line.request_id),
        kind=str(line.kind),
        number=line.personnel_number,
        name=line.name,
        text=line.text,
        received=fmt_date(line.received_at, short=True),
        due=fmt_date(line.due_on, short=True),
        overdue="1" if line.overdue else "",
        days_overdue=str(line.days_overdue) if line.overdue else "",
        due_soon="1" if line.due_soon else "",
        escalated=fmt_date(line.escalated_at, short=True),
        corrections=[_desk_item(v) for v in found.items],
        sent_on=fmt_date(status.sent_on, short=True),
        awaiting="1" if status.awaiting else "",
        confirmed_on=fmt_date(status.confirmed_on, short=True),
        released_by=status.released_by,
    )


class RightsDeskState(AuthState):
    queue: list[QueueItem] = []
    delivered: list[DeliveredItem] = []

    def _show(self, found: desk.DeskPage) -> None:
        self.queue = [_item(item) for item in found.queue]
        self.delivered = [_delivered(line) for line in found.delivered]

    @rx.event
    @guarded(Role.PRIVACY_OFFICER)
    def load(self) -> None:
        """A desk download that was refused comes back here with its message key."""
        key = parse_qs(urlsplit(str(self.router.url)).query).get("e", [""])[0][:60]
        self.notice_key = key if key.startswith(BACK_KEYS) and key in CATALOGS["nl"] else ""
        self._show(self._run(desk.do_queue))

    @rx.event
    @guarded(Role.PRIVACY_OFFICER)
    def confirm_transfer(self, form_data: dict[str, Any]) -> None:
        """The new arbodienst confirmed receipt of the package of the request named."""
        raw_id = str(form_data.get("request_id", ""))[:12]
        if not raw_id.isdigit():
            self.notice_key = "transfer.not_a_transfer"
            return
        try:
            found = self._run(desk.do_confirm_transfer, int(raw_id))
        except transfer.TransferError as error:
            self.notice_key = error.code
            return
        self.notice_key = "transfer.confirmed"
        self._show(found)

    @rx.event
    @guarded(Role.PRIVACY_OFFICER)
    def answer_request(self, form_data: dict[str, Any]) -> None:
        self._act(desk.do_answer, form_data, "answer", "rights_desk.answered")

    @rx.event
    @guarded(Role.PRIVACY_OFFICER)
    def apply_item(self, form_data: dict[str, Any]) -> None:
        """Apply one item of a rectification: the employee's field gets the value."""
        self._decide(form_data, apply=True)

    @rx.event
    @guarded(Role.PRIVACY_OFFICER)
    def refuse_item(self, form_data: dict[str, Any]) -> None:
        """Refuse one item, with the reason the employee reads."""
        self._decide(form_data, apply=False)

    def _decide(self, form_data: dict[str, Any], *, apply: bool) -> None:
        raw_id = str(form_data.get("item_id", ""))[:12]
        reason = str(form_data.get("reason", ""))[: rules.MAX_REASON + 1]
        if not (raw_id.isascii() and raw_id.isdigit()):
            self.notice_key = "rectification.unknown_item"
            return
        try:
            found = self._run(desk.do_decide, int(raw_id), apply, reason)
        except rights.RightsError as error:
            self.notice_key = error.code
            return
        self.notice_key = "rectification.applied_done" if apply else "rectification.refused_done"
        self._show(found)

    def _act(self, use_case: Any, form_data: dict[str, Any], field: str, done_key: str) -> None:
        """One desk action on the request named in the form; the service checks the actor
        against that very request. A refusal changes nothing and leaves the queue shown."""
        raw_id = str(form_data.get("request_id", ""))[:12]
        # one past the limit: an over-long text is refused, never silently cut
        text = str(form_data.get(field, ""))[: rights.MAX_TEXT + 1]
        if not raw_id.isdigit():
            self.notice_key = "rights.unknown_request"
            return
        try:
            found = self._run(use_case, int(raw_id), text)
        except rights.RightsError as error:
            self.notice_key = error.code
            return
        self.notice_key = done_key
        self._show(found)


def _textarea_field(label_key: str, name: str, ident: Any, limit: int) -> rx.Component:
    return rx.el.div(
        rx.el.label(tr(label_key), html_for=ident),
        rx.el.textarea(name=name, rows=4, required=True, **counted(ident, limit)),
        char_counter(ident, limit),
        class_name="field",
    )


def _answer_form(row: Any) -> rx.Component:
    return rx.el.form(
        rx.el.input(type="hidden", name="request_id", value=row.request_id),
        _textarea_field(
            "rights_desk.answer_label", "answer", "answer-" + row.request_id, rights.MAX_TEXT
        ),
        rx.el.button(
            rx.cond(
                row.kind == str(RightsKind.ACCESS),
                tr("desk_export.deliver"),
                tr("rights_desk.answer"),
            ),
            type="submit",
            class_name="button",
        ),
        on_submit=RightsDeskState.answer_request,
        class_name="form",
    )


def _stop_link() -> rx.Component:
    """A request to stop is handled on /restrictions: granting there stops the use and
    answers the request in one unit (this desk answers no open stop request)."""
    return rx.el.div(
        rx.el.p(tr("rights_desk.stop_intro")),
        rx.el.p(rx.el.a(tr("rights_desk.stop_handle"), href=routes.RESTRICTIONS)),
        class_name="stop-request",
    )


def _decide_forms(item: Any) -> rx.Component:
    return decide_forms(
        item,
        on_apply=RightsDeskState.apply_item,
        on_refuse=RightsDeskState.refuse_item,
        ident_prefix="refuse-",
    )


def _rectification_item(item: Any) -> rx.Component:
    return rx.el.li(
        rx.el.h4(field_label(item.field)),
        rx.el.dl(
            rx.cond(
                item.current != "",
                rx.fragment(rx.el.dt(tr("rectification.current")), rx.el.dd(item.current)),
            ),
            *outcome_items(item),
            class_name="items",
        ),
        rx.cond(item.decided_by_key != "", rx.el.p(_decided_by(item.decided_by_key))),
        rx.cond(item.may_decide != "", _decide_forms(item)),
        class_name="rectification-item",
    )


def _decided_by(key: Any) -> rx.Component:
    return rx.match(key, *[(k, tr(k)) for k in DECIDED_BY.values()], "")


def _rectification(row: Any) -> rx.Component:
    items: Any = row.corrections
    return rx.cond(
        items.length() > 0,
        rx.el.section(
            rx.el.h3(tr("rectification.items_title")),
            rx.el.ul(rx.foreach(items, _rectification_item), class_name="plain"),
            class_name="rectification",
        ),
    )


def _queue_item(row: Any) -> rx.Component:
    return rx.el.li(
        rx.el.h2(
            rx.cond(
                row.overdue != "",
                rx.el.span(tr("rights_desk.overdue"), class_name="badge overdue"),
            ),
            rx.cond(
                row.due_soon != "",
                rx.el.span(tr("rights_desk.due_soon"), class_name="badge due-soon"),
            ),
            request_heading(row.kind, row.name),
        ),
        rx.el.dl(
            rx.el.dt(tr("rights_desk.number")),
            rx.el.dd(row.number, " · ", row.name),
            rx.el.dt(tr("rights.received_on")),
            rx.el.dd(row.received),
            rx.el.dt(tr("rights.due_on")),
            rx.el.dd(
                row.due,
                rx.cond(
                    row.days_overdue != "",
                    rx.el.span(
                        " · ",
                        row.days_overdue,
                        " ",
                        tr("rights_desk.days_overdue"),
                        class_name="overdue-days",
                    ),
                ),
            ),
            rx.cond(
                row.escalated != "",
                rx.el.dd(tr("rights_desk.escalated"), " ", row.escalated),
            ),
            rx.el.dt(tr("rights_desk.request_text")),
            rx.el.dd(rx.cond(row.text != "", row.text, tr("rights_desk.no_text"))),
            class_name="items",
        ),
        rx.cond(row.kind == str(RightsKind.TRANSFER), transfer_section(row, RightsDeskState)),
        rx.cond(row.kind == str(RightsKind.ACCESS), access_export_section(row)),
        _rectification(row),
        rx.cond(row.kind == str(RightsKind.STOP), _stop_link(), _answer_form(row)),
        class_name=rx.cond(row.overdue != "", "rights-request overdue", "rights-request"),
    )


def rights_desk_page() -> rx.Component:
    return portal_page(
        rx.el.h1(tr("rights_desk.title")),
        notice(RightsDeskState.notice_text, RightsDeskState.notice_kind),
        rx.el.p(tr("rights_desk.intro")),
        request_list(RightsDeskState.queue, _queue_item, "rights_desk.none"),
        rx.el.section(
            rx.el.h2(tr("desk_export.delivered_title")),
            rx.el.p(tr("desk_export.delivered_intro")),
            request_list(RightsDeskState.delivered, delivered_item, "desk_export.none_delivered"),
            aria_label=tr("desk_export.delivered_title"),
        ),
    )
