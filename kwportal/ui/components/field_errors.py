"""Form fields whose error sits at the field (STYLE.md, "On a phone"): a label, an optional
hint, the message of a refused value and the input, tied together for screen readers; a
summary above the form; and the script that moves the focus to the first refused field.

A state keeps the refusal as ``[[field, catalog key], ...]`` (never what was typed) and
turns it into ``{field: message}`` with :func:`messages` in a computed var."""

from __future__ import annotations

from typing import Any

import reflex as rx

from kwportal.i18n import t
from kwportal.ui.text import tr

#: focus (and show) the first refused field once the page shows it: the reply's script
#: may run before the fields are marked, so it looks again a few times
FOCUS_FIRST_ERROR = (
    "(function f(n){var el=document.querySelector('[aria-invalid=\"true\"]');"
    "if(el){el.focus();el.scrollIntoView({block:'center'});}"
    "else if(n>0){setTimeout(function(){f(n-1);},50);}})(10)"
)


def messages(keys: list[list[str]], fields: tuple[str, ...], lang: str) -> dict[str, str]:
    """One message per field (the first), "" for a field without one."""
    found: dict[str, str] = {name: "" for name in fields}
    for name, code in keys:
        if not found.get(name):
            found[name] = t(code, lang)
    return found


def links(
    keys: list[list[str]],
    prefix: str,
    fields: tuple[str, ...],
    lang: str,
    labels: dict[str, str] | None = None,
) -> list[list[str]]:
    """The summary's lines as ``[href, message]``: a link to the field (its input's id is
    ``prefix + field``) for a field on the form, "" for a refusal of the whole form; with
    ``labels`` (field → catalog key) each message starts with its field's label."""

    def said(name: str, code: str) -> str:
        label = (labels or {}).get(name)
        return f"{t(label, lang)}: {t(code, lang)}" if label else t(code, lang)

    return [[f"#{prefix}{name}" if name in fields else "", said(name, c)] for name, c in keys]


def _summary_line(line: Any) -> rx.Component:
    return rx.el.li(rx.cond(line[0] != "", rx.el.a(line[1], href=line[0]), line[1]))


def summary(lines: Any, title_key: str) -> rx.Component:
    """The refusals above the form, announced once, each linking to its field
    (``[[href, message], ...]`` from :func:`links`)."""
    return rx.cond(
        lines.length() > 0,
        rx.el.div(
            rx.el.p(rx.el.strong(tr(title_key))),
            rx.el.ul(rx.foreach(lines, _summary_line)),
            role="alert",
            class_name="notice error-summary",
        ),
        rx.el.span(),
    )


def field(
    label_key: str,
    name: str,
    ident: str,
    errors: Any,
    *,
    hint_key: str = "",
    **attrs: Any,
) -> rx.Component:
    """A labelled input with its hint and its error message (``errors[name]``)."""
    error_id, hint_id = f"{ident}-error", f"{ident}-hint"
    described = f"{hint_id} {error_id}" if hint_key else error_id
    return rx.el.div(
        rx.el.label(tr(label_key), html_for=ident),
        rx.el.p(tr(hint_key), id=hint_id, class_name="hint") if hint_key else rx.fragment(),
        rx.el.p(errors[name], id=error_id, role="alert", class_name="field-error"),
        rx.el.input(
            id=ident,
            name=name,
            aria_describedby=described,
            aria_invalid=rx.cond(errors[name] != "", "true", "false"),
            **attrs,
        ),
        class_name="field",
    )
