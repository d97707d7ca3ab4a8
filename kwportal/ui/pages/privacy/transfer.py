"""The desk's part of two requests, metadata only. A transfer request: whether and when the
company doctor released the encrypted package (he builds it, kwportal/ui/pages/care/
transfer.py; the desk never receives it) and the confirmation of receipt. An access
request: answering it delivers the export to the employee's own page; the desk sees when it
was delivered and when he downloaded it, never the export."""

from __future__ import annotations

from typing import Any

import reflex as rx

from kwportal.ui.text import tr


def _status(row: Any) -> rx.Component:
    return rx.el.dl(
        rx.cond(
            row.sent_on != "",
            rx.fragment(
                rx.el.dt(tr("transfer.released_on")),
                rx.el.dd(row.sent_on, rx.cond(row.released_by != "", " · " + row.released_by, "")),
            ),
            rx.fragment(
                rx.el.dt(tr("transfer.package")), rx.el.dd(tr("transfer.waiting_for_doctor"))
            ),
        ),
        rx.cond(
            row.confirmed_on != "",
            rx.fragment(rx.el.dt(tr("transfer.confirmed_on")), rx.el.dd(row.confirmed_on)),
        ),
        class_name="items",
    )


def _confirm_form(row: Any, state: Any) -> rx.Component:
    return rx.el.form(
        rx.el.input(type="hidden", name="request_id", value=row.request_id),
        rx.el.p(tr("transfer.awaiting"), class_name="badge new"),
        rx.el.p(tr("transfer.confirm_note")),
        rx.el.button(tr("transfer.confirm"), type="submit", class_name="button"),
        on_submit=state.confirm_transfer,
        class_name="form",
    )


def transfer_section(row: Any, state: Any) -> rx.Component:
    return rx.el.section(
        rx.el.h3(tr("transfer.heading")),
        rx.el.p(tr("transfer.explain")),
        _status(row),
        rx.cond(row.awaiting != "", _confirm_form(row, state)),
        class_name="transfer card",
        aria_label=tr("transfer.heading"),
    )


def access_export_section(row: Any) -> rx.Component:
    """An access request: what answering it does (the export goes to his own page)."""
    return rx.el.section(
        rx.el.h3(tr("desk_export.heading")),
        rx.el.p(tr("desk_export.explain")),
        class_name="transfer card",
        aria_label=tr("desk_export.heading"),
    )


def delivered_item(row: Any) -> rx.Component:
    """A delivered export: who asked, when it was delivered, when he downloaded it."""
    return rx.el.li(
        rx.el.h3(row.name, " (", row.number, ")"),
        rx.el.dl(
            rx.el.dt(tr("rights.received_on")),
            rx.el.dd(row.received),
            rx.el.dt(tr("desk_export.delivered_on")),
            rx.el.dd(row.delivered),
            rx.el.dt(tr("desk_export.downloaded_on")),
            rx.el.dd(rx.cond(row.downloaded != "", row.downloaded, tr("desk_export.not_yet"))),
            class_name="items",
        ),
        class_name="rights-request",
    )
