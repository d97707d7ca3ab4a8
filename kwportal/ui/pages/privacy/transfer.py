"""The transfer part of a transfer request on the rights desk: a plain form that posts to
``routes.API_TRANSFER`` (kwportal/ui/api/desk.py) and receives the signed package as a
download (its content never passes through a Reflex state), the package's status, and the
confirmation of receipt."""

from __future__ import annotations

from typing import Any

import reflex as rx

from kwportal.services.privacy import transfer
from kwportal.ui import routes
from kwportal.ui.components.forms import post_form
from kwportal.ui.text import tr


def _status(row: Any) -> rx.Component:
    return rx.el.dl(
        rx.cond(
            row.sent_on != "",
            rx.fragment(rx.el.dt(tr("transfer.sent_on")), rx.el.dd(row.sent_on)),
        ),
        rx.cond(
            row.confirmed_on != "",
            rx.fragment(rx.el.dt(tr("transfer.confirmed_on")), rx.el.dd(row.confirmed_on)),
        ),
        class_name="items",
    )


def _build_form(row: Any) -> rx.Component:
    ident = "recipient-" + row.request_id
    return post_form(
        routes.API_TRANSFER,
        rx.el.input(type="hidden", name="request_id", value=row.request_id),
        rx.el.div(
            rx.el.label(tr("transfer.recipient"), html_for=ident),
            rx.el.input(
                id=ident,
                name="recipient",
                type="text",
                required=True,
                max_length=transfer.MAX_RECIPIENT,
                auto_complete="organization",
            ),
            class_name="field",
        ),
        rx.el.p(tr("transfer.stepup_note"), class_name="hint"),
        rx.el.button(tr("transfer.build"), type="submit", class_name="button"),
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
        _build_form(row),
        rx.cond(row.awaiting != "", _confirm_form(row, state)),
        class_name="transfer card",
        aria_label=tr("transfer.heading"),
    )


def access_export_section(row: Any) -> rx.Component:
    """An access request: a plain form that posts to kwportal/ui/api/desk_export.py and
    receives the employee's own export as a download (never through a Reflex state)."""
    return rx.el.section(
        rx.el.h3(tr("desk_export.heading")),
        rx.el.p(tr("desk_export.explain")),
        post_form(
            routes.API_ACCESS_EXPORT,
            rx.el.input(type="hidden", name="request_id", value=row.request_id),
            rx.el.p(tr("transfer.stepup_note"), class_name="hint"),
            rx.el.button(tr("desk_export.build"), type="submit", class_name="button"),
        ),
        class_name="transfer card",
        aria_label=tr("desk_export.heading"),
    )
