"""Installable on a phone (issue 18 item 10): the web app manifest
(``assets/manifest.webmanifest``, served as ``application/manifest+json`` under the CSP's
``manifest-src 'self'``), its icons (``assets/icons``, drawn once with Pillow) and the head
tags every page carries. No service worker: nothing personal is ever cached for offline use."""

from __future__ import annotations

import reflex as rx

MANIFEST = "/manifest.webmanifest"
APPLE_TOUCH_ICON = "/icons/apple-touch-icon.png"
#: the site header's colour (assets/kwportal.css ``.site-header``) and the page background
THEME_COLOR = "#0b4f6c"
BACKGROUND_COLOR = "#f6f7f9"


def head_tags() -> list[rx.Component]:
    return [
        rx.el.link(rel="manifest", href=MANIFEST),
        rx.el.meta(name="theme-color", content=THEME_COLOR),
        rx.el.link(rel="icon", href="/icons/icon-192.png", type="image/png", sizes="192x192"),
        rx.el.link(rel="apple-touch-icon", href=APPLE_TOUCH_ICON, sizes="180x180"),
    ]
