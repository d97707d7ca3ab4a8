"""Shared pieces of the admin pages: one way to run an admin use case (one unit through the
runner, a refusal shown as a message), and labelled form fields."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import reflex as rx

from kwportal.services.admin.common import AdminError
from kwportal.ui.text import tr

T = TypeVar("T")


@dataclass
class Option:
    value: str = ""
    label: str = ""


def act(state: Any, done_key: str, use_case: Callable[..., T], *args: Any) -> T | None:
    """Run ``use_case(*args)`` as the signed-in admin, in one unit: its view, with
    ``done_key`` as the page's message; or None, with the refusal's message (nothing
    changed: the unit rolled back)."""
    try:
        result: T = state._run(use_case, *args)
    except AdminError as error:
        state.notice_key = error.code
        return None
    state.notice_key = done_key
    return result


def form_text(form: Any, name: str, limit: int = 300) -> str:
    data = form if isinstance(form, dict) else {}
    return str(data.get(name, ""))[:limit]


def text_field(
    label_key: str, name: str, ident: Any, *, limit: int, required: bool = True, **attrs: Any
) -> rx.Component:
    return rx.el.div(
        rx.el.label(tr(label_key), html_for=ident),
        rx.el.input(id=ident, name=name, max_length=limit, required=required, **attrs),
        class_name="field",
    )


def select_field(
    label_key: str,
    name: str,
    ident: Any,
    options: Any,
    *,
    first_key: str = "",
    required: bool = True,
) -> rx.Component:
    """A select over a list var of :class:`Option`; ``first_key`` adds an empty choice."""
    first = [rx.el.option(tr(first_key), value="")] if first_key else []
    return rx.el.div(
        rx.el.label(tr(label_key), html_for=ident),
        rx.el.select(
            *first,
            rx.foreach(options, lambda o: rx.el.option(o.label, value=o.value)),
            id=ident,
            name=name,
            required=required,
        ),
        class_name="field",
    )


def hidden(name: str, value: Any) -> rx.Component:
    return rx.el.input(type="hidden", name=name, value=value)


def button(label_key: str) -> rx.Component:
    return rx.el.button(tr(label_key), type="submit", class_name="button")
