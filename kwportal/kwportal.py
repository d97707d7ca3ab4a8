"""The rx.App: pages registered, start-up checks."""

from __future__ import annotations

import reflex as rx

from kwportal.settings import get_settings
from kwportal.ui.pages.public import home

_settings = get_settings()
_settings.require_secrets()

app = rx.App(
    html_lang="nl",
    stylesheets=["/kwportal.css"],
    head_components=[rx.el.meta(name="color-scheme", content="light")],
)
app.add_page(home.home, route=home.ROUTE, title="KrachtWerkt")
