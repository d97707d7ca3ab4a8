"""A download button: a native GET form, so the browser fetches the file itself (a link
would be taken over by the single-page router)."""

from __future__ import annotations

from typing import Any

import reflex as rx


def download_button(label: Any, href: Any) -> rx.Component:
    form = rx.el.form(
        rx.el.button(label, type="submit", class_name="button secondary"),
        action=href,
        method="get",
        class_name="inline-form",
    )
    form.event_triggers.pop("on_submit", None)
    return form
