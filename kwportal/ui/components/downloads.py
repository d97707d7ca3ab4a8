"""A download link that looks like a button.

A plain anchor with the ``download`` attribute: the browser fetches the file itself, with
the session cookie, and the page does not navigate. A native GET form (the earlier choice)
started a navigation, which made Reflex drop the tab's websocket on ``beforeunload``; the
reconnect rehydrated the tab and reset its state, so a tap right after a download could act
on a page whose notice no longer matched (seen as a flaky consent e2e test). Reflex renders
every anchor as the router's link, so ``reloadDocument`` hands the click back to the browser
instead of the single-page router.

The click itself goes to the server first (``DownloadState.fetch``): a stale code sends the
tab to the step-up page and back; a fresh one has the browser download the link, as
before (a ``download`` link cannot follow the route's redirect to ``/stepup``: the browser
would save the step-up page as a file)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from kwportal.ui.states.downloads import DownloadState


def download_button(label: Any, href: Any) -> rx.Component:
    return rx.el.a(
        label,
        href=href,
        download="",
        class_name="button secondary",
        custom_attrs={"reloadDocument": True},
        on_click=DownloadState.fetch(href).prevent_default,
    )
