"""Frame for signed-in pages: the public frame plus navigation and sign-out."""

from __future__ import annotations

import reflex as rx

from kwportal.ui import routes
from kwportal.ui.components.forms import post_form
from kwportal.ui.components.layout import page
from kwportal.ui.components.pending_act import pending_resume
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr


def portal_nav() -> rx.Component:
    return rx.el.nav(
        rx.el.a(tr("nav.portal"), href=routes.PORTAL),
        rx.el.a(tr("portal.security"), href=routes.SECURITY),
        post_form(
            routes.API_LOGOUT,
            rx.el.button(tr("nav.logout"), type="submit", class_name="link-button"),
            class_name="inline-form",
        ),
        aria_label=tr("nav.main"),
        class_name="portal-nav",
    )


def idle_warning() -> rx.Component:
    """Shown two minutes before the idle sign-out; staying touches the session."""
    return rx.fragment(
        rx.el.dialog(
            rx.el.p(tr("idle.warning")),
            rx.el.button(
                tr("idle.stay"),
                type="button",
                class_name="button",
                custom_attrs={"data-idle-stay": "1"},
                on_click=AuthState.keep_alive,
            ),
            id="idle-dialog",
            aria_label=tr("idle.stay"),
            class_name="idle-dialog",
        ),
        rx.script(src="/idle.js"),
    )


def portal_page(*children: rx.Component) -> rx.Component:
    return page(portal_nav(), pending_resume(), *children, idle_warning())
