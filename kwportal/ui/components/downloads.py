"""A download link that looks like a button.

A plain anchor with the ``download`` attribute: the browser fetches the file itself, with
the session cookie, and the page does not navigate. A native GET form (the earlier choice)
started a navigation, which made Reflex drop the tab's websocket on ``beforeunload``; the
reconnect rehydrated the tab and reset its state, so a tap right after a download could act
on a page whose notice no longer matched (seen as a flaky consent e2e test). Reflex renders
every anchor as the router's link, so ``reloadDocument`` hands the click back to the browser
instead of the single-page router."""

from __future__ import annotations

from typing import Any

import reflex as rx


def download_button(label: Any, href: Any) -> rx.Component:
    return rx.el.a(
        label,
        href=href,
        download="",
        class_name="button secondary",
        custom_attrs={"reloadDocument": True},
    )
