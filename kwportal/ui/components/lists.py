"""Pieces every list page shares: a labelled line of a description list, the pager under a
list (previous/next with the page line read out politely), and the data table that turns into
stacked cards on a phone (issue 18 item 6)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import reflex as rx

from kwportal.ui.text import tr


def item(key: str, value: Any) -> list[rx.Component]:
    """A ``<dt>`` with a translated label and its ``<dd>``, to splice into an ``rx.el.dl``."""
    return [rx.el.dt(tr(key)), rx.el.dd(value)]


def optional_item(key: str, value: Any) -> rx.Component:
    """As :func:`item`, left out when the value is empty."""
    return rx.cond(value != "", rx.fragment(*item(key, value)))


def pager(
    *,
    label_key: str,
    back_key: str,
    on_back: Any,
    back_disabled: Any,
    page_line: Any,
    forward_key: str,
    on_forward: Any,
    forward_disabled: Any,
) -> rx.Component:
    return rx.el.nav(
        rx.el.button(
            tr(back_key),
            type="button",
            class_name="button",
            disabled=back_disabled,
            on_click=on_back,
        ),
        rx.el.span(page_line, aria_live="polite"),
        rx.el.button(
            tr(forward_key),
            type="button",
            class_name="button",
            disabled=forward_disabled,
            on_click=on_forward,
        ),
        aria_label=tr(label_key),
        class_name="pager",
    )


def card_section(caption_key: str, lines: Any, card: Any, empty_key: str) -> rx.Component:
    """A captioned section with one card per line, or a sentence saying there are none."""
    return rx.el.section(
        rx.el.h2(tr(caption_key)),
        rx.cond(
            lines.length() > 0,
            rx.el.ul(rx.foreach(lines, card), class_name="plain access-cards"),
            rx.el.p(tr(empty_key)),
        ),
    )


#: below 600 px a table with this class shows one card per row (assets/kwportal.css)
STACK = "stack"


def cell(label: Any, *children: Any, **props: Any) -> rx.Component:
    """A ``<td>`` carrying its translated column header as ``data-label``: on a phone the
    stacked card prints it before the value (``td::before``)."""
    return rx.el.td(*children, custom_attrs={"data-label": label}, **props)


def data_table(
    *,
    caption: Any,
    headers: Sequence[Any],
    rows: Any,
    cells: Callable[[Any], Sequence[Any]],
    class_name: str = "report-table",
) -> rx.Component:
    """A captioned table: one ``<th scope="col">`` per header, and per item of ``rows`` a row
    of ``cells(row)``, each cell labelled with its header; stacks as cards below 600 px."""

    def line(row: Any) -> rx.Component:
        values = cells(row)
        if len(values) != len(headers):
            raise ValueError("data_table: one cell per header")
        return rx.el.tr(*[cell(h, v) for h, v in zip(headers, values, strict=True)])

    return rx.el.table(
        rx.el.caption(caption),
        rx.el.thead(rx.el.tr(*[rx.el.th(h, scope="col") for h in headers])),
        rx.el.tbody(rx.foreach(rows, line)),
        class_name=f"{class_name} {STACK}",
    )
