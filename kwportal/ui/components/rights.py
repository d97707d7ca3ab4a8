"""Pieces the rights pages share (the employee's own requests, his details page, the privacy
desk's queue and the care team's case pages): the label of a kind, of a status, of a field
of a rectification and of its outcome, and a list of requests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from kwportal.domain.rectification import (
    CARE_ADDRESS,
    EMPLOYEE_FIELDS,
    MAX_REASON,
    MEDICAL_FILE,
    MEDICAL_NOTE,
    ItemStatus,
)
from kwportal.domain.rights import RequestStatus, RightsKind
from kwportal.i18n.fmt import fmt_date
from kwportal.ui.components.counter import char_counter, counted
from kwportal.ui.components.lists import optional_item
from kwportal.ui.text import tr

KINDS = tuple(str(k) for k in RightsKind)
STATUSES = tuple(str(s) for s in RequestStatus)
ITEM_STATUSES = tuple(str(s) for s in ItemStatus)
#: the label key of each field a rectification item can name
FIELD_KEYS = {
    **{f: f"details.field.{f}" for f in EMPLOYEE_FIELDS},
    CARE_ADDRESS: "rectification.field.care_address",
    MEDICAL_FILE: "rectification.field.medical_file",
    MEDICAL_NOTE: "rectification.field.medical_note",
}


@dataclass
class ItemRow:
    """One rectification item as a page shows it (values only where the viewer may)."""

    item_id: str = ""
    request_id: str = ""
    field: str = ""
    kind: str = ""
    requested: str = ""
    current: str = ""
    status: str = ""
    reason: str = ""
    asked: str = ""
    decided: str = ""
    sick_since: str = ""
    #: "1" when this viewer may apply or refuse it / add its statement
    may_decide: str = ""
    may_add: str = ""
    #: who decides, for a viewer who does not (a translation key, or "")
    decided_by_key: str = ""


def item_row(view: Any, *, decided_by_key: str = "") -> ItemRow:
    """A row from a service's ``ItemView``."""
    return ItemRow(
        item_id=str(view.item_id),
        request_id=str(view.request_id),
        field=view.field,
        kind=str(view.kind),
        requested=view.requested_value,
        current=view.current_value,
        status=str(view.status),
        reason=view.reason,
        asked=fmt_date(view.created_at, short=True),
        decided=fmt_date(view.decided_at, short=True),
        sick_since=fmt_date(view.sick_since, short=True),
        may_decide="1" if view.may_decide else "",
        may_add="1" if view.may_add else "",
        decided_by_key=decided_by_key,
    )


def kind_label(key: Any) -> rx.Component:
    return rx.match(key, *[(k, tr(f"rights.kind.{k}")) for k in KINDS], key)


def request_heading(kind: Any, name: Any) -> rx.Component:
    """A staff heading names the request and whose it is ("Inzageverzoek van J. de Vries"),
    never the employee's own words ("Inzage in uw gegevens"; issue 18 item 9)."""
    noun = rx.match(kind, *[(k, tr(f"rights_desk.heading.{k}")) for k in KINDS], kind)
    return rx.fragment(noun, " ", tr("rights_desk.heading_of"), " ", name)


def status_label(key: Any) -> rx.Component:
    return rx.match(key, *[(s, tr(f"rights.status.{s}")) for s in STATUSES], key)


def field_label(key: Any) -> rx.Component:
    return rx.match(key, *[(f, tr(k)) for f, k in FIELD_KEYS.items()], key)


def item_status_label(key: Any) -> rx.Component:
    return rx.match(key, *[(s, tr(f"rectification.status.{s}")) for s in ITEM_STATUSES], key)


def outcome_items(row: Any) -> list[rx.Component]:
    """What the employee (and staff) read of an item's outcome, to splice into a ``dl``."""
    return [
        optional_item("rectification.case_label", row.sick_since),
        optional_item("rectification.asked", row.requested),
        optional_item("rectification.asked_on", row.asked),
        rx.el.dt(tr("rectification.status_label")),
        rx.el.dd(item_status_label(row.status), class_name="outcome"),
        optional_item("rectification.decided_on", row.decided),
        optional_item("rectification.reason", row.reason),
    ]


def request_list(items: Any, render: Any, empty_key: str) -> rx.Component:
    return rx.cond(
        items.length() > 0,
        rx.el.ul(rx.foreach(items, render), class_name="plain rights-list"),
        rx.el.p(tr(empty_key)),
    )


def decide_forms(item: Any, *, on_apply: Any, on_refuse: Any, ident_prefix: str) -> rx.Component:
    """Apply a rectification item, or refuse it with a reason the employee reads: the same
    two forms on every page where someone decides (the rights desk, the doctor's team)."""
    ident = ident_prefix + item.item_id
    return rx.el.div(
        rx.el.form(
            rx.el.input(type="hidden", name="item_id", value=item.item_id),
            rx.el.button(tr("rectification.apply"), type="submit", class_name="button"),
            on_submit=on_apply,
            class_name="form inline",
        ),
        rx.el.form(
            rx.el.input(type="hidden", name="item_id", value=item.item_id),
            rx.el.div(
                rx.el.label(tr("rectification.refuse_reason"), html_for=ident),
                rx.el.textarea(name="reason", rows=2, required=True, **counted(ident, MAX_REASON)),
                char_counter(ident, MAX_REASON),
                class_name="field",
            ),
            rx.el.button(tr("rectification.refuse"), type="submit", class_name="button secondary"),
            on_submit=on_refuse,
            class_name="form",
        ),
        class_name="decide",
    )
