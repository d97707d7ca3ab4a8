"""A live "123 / 2.000 tekens" counter under a long text field (issue 18 item 9: input
limits shown before text is cut).

The field carries no ``maxlength``: a browser cuts pasted text at that length without a
word. The counter shows the count as the person types (``/counter.js``, counting
characters as the server does: code points), says how many are too many once over the
limit (a polite live region), and the server refuses an over-long text with a clear
message instead of cutting it (each page keeps one character past the limit, never cuts
at it)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from kwportal.i18n.fmt import fmt_number
from kwportal.ui.states.base import AppState
from kwportal.ui.text import tr

SCRIPT = "/counter.js"


def count_id(field_id: Any) -> Any:
    """The counter's id for the field ``field_id`` (a str, or a Var inside rx.foreach)."""
    return field_id + "-count"


def char_counter(field_id: Any, limit: int) -> rx.Component:
    """The counter for the text field with id ``field_id``; put it right after the field
    and give the field ``counted(field_id, limit)``."""
    shown = rx.cond(AppState.lang == "en", fmt_number(limit, "en"), fmt_number(limit, "nl"))
    return rx.fragment(
        rx.el.p(
            rx.el.span("0", class_name="char-count-n"),
            " / ",
            shown,
            " ",
            tr("counter.chars"),
            rx.el.span(class_name="char-count-over", aria_live="polite"),
            id=count_id(field_id),
            class_name="char-count",
            custom_attrs={
                "data-count-for": field_id,
                "data-limit": str(limit),
                "data-over": tr("counter.over"),
            },
        ),
        rx.script(src=SCRIPT),
    )


def counted(field_id: Any, limit: int) -> dict[str, Any]:
    """The text field's attributes: its id and its limit as data, not as ``maxlength``."""
    return {"id": field_id, "custom_attrs": {"data-limit": str(limit)}}


def counted_textarea(
    label_key: str, name: str, limit: int, *, field_id: Any = "", rows: int = 4, **attrs: Any
) -> rx.Component:
    """A labelled textarea with its counter (the common case)."""
    ident = f"f-{name}" if isinstance(field_id, str) and not field_id else field_id
    return rx.el.div(
        rx.el.label(tr(label_key), html_for=ident),
        rx.el.textarea(name=name, rows=rows, **counted(ident, limit), **attrs),
        char_counter(ident, limit),
        class_name="field",
    )
