"""Form pieces for plain HTML forms that post to our own routes: labelled inputs with the
autocomplete and inputmode hints password managers and phones need."""

from __future__ import annotations

from typing import Any

import reflex as rx

from kwportal.ui.notices import KINDS
from kwportal.ui.text import tr


def field(label_key: str, name: str, *, field_id: Any = "", **attrs: Any) -> rx.Component:
    """``field_id`` may be a Var (inside rx.foreach): each input keeps its own label."""
    ident = f"f-{name}" if isinstance(field_id, str) and not field_id else field_id
    return rx.el.div(
        rx.el.label(tr(label_key), html_for=ident),
        rx.el.input(id=ident, name=name, **attrs),
        class_name="field",
    )


def password_field(label_key: str, name: str, autocomplete: str) -> rx.Component:
    return field(
        label_key,
        name,
        type="password",
        auto_complete=autocomplete,
        required=True,
        max_length=256,
        min_length=1,
    )


def code_field(label_key: str, name: str = "code") -> rx.Component:
    return field(
        label_key,
        name,
        type="text",
        input_mode="numeric",
        auto_complete="one-time-code",
        pattern="[0-9 ]{6,7}",
        max_length=7,
        required=True,
    )


def submit(label_key: str) -> rx.Component:
    return rx.el.button(tr(label_key), type="submit", class_name="button")


def post_form(
    action: str, *children: rx.Component, class_name: str = "form", **attrs: Any
) -> rx.Component:
    """A native form: the browser posts it and follows the redirect. Reflex gives every form
    a default submit handler that prevents exactly that, so it is removed here."""
    form = rx.el.form(*children, action=action, method="post", class_name=class_name, **attrs)
    form.event_triggers.pop("on_submit", None)
    return form


def _notice_body(message: rx.Var[str], kind: rx.Var[str], role: str) -> rx.Component:
    """The word and the sign are for the eye; the live region holds the message alone, so
    a screen reader hears it once, with the urgency its role gives it."""
    return rx.el.div(
        rx.el.span(aria_hidden="true", class_name="notice-sign"),
        rx.el.strong(
            rx.match(kind, *[(k, tr(f"notice.kind.{k}")) for k in KINDS], tr("notice.kind.error")),
            class_name="notice-word",
        ),
        rx.el.span(
            message,
            role=role,
            aria_live="assertive" if role == "alert" else "polite",
            aria_atomic="true",
            class_name="notice-text",
        ),
        class_name="notice notice-" + kind,
        custom_attrs={"data-notice": kind},
    )


def notice(message: rx.Var[str], kind: Any = "error") -> rx.Component:
    """A notice that says its kind (kwportal/ui/notices.py) in a word, a sign and a border,
    not only a colour; its message is an ``alert`` for an error (heard at once) and a
    ``status`` for the others (heard after what is being read). /notices.js scrolls a new
    notice into view."""
    kind_var = kind if isinstance(kind, rx.Var) else rx.Var.create(kind)
    kind_var = rx.cond(kind_var == "", "error", kind_var)
    return rx.cond(
        message != "",
        rx.cond(
            kind_var == "error",
            _notice_body(message, kind_var, "alert"),
            _notice_body(message, kind_var, "status"),
        ),
        rx.fragment(),
    )
