"""The rx.App: pages registered, start-up checks."""

from __future__ import annotations

import reflex as rx

from kwportal.db import get_engine, transaction
from kwportal.services.startup import refuse_demo_accounts_outside_demo
from kwportal.settings import get_settings
from kwportal.ui.pages.public import home

_settings = get_settings()
_settings.require_secrets()


def _startup_checks() -> None:
    with transaction(get_engine()) as session:
        refuse_demo_accounts_outside_demo(session, demo=_settings.demo)


app = rx.App(
    html_lang="nl",
    stylesheets=["/kwportal.css"],
    head_components=[rx.el.meta(name="color-scheme", content="light")],
)
app.register_lifespan_task(_startup_checks)
app.add_page(home.home, route=home.ROUTE, title="KrachtWerkt")
