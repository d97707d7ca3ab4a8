"""Frame for signed-in pages: the public frame plus navigation and sign-out."""

from __future__ import annotations

import reflex as rx

from kwportal.ui.components.forms import post_form
from kwportal.ui.components.layout import page
from kwportal.ui.text import tr


def portal_nav() -> rx.Component:
    return rx.el.nav(
        rx.el.a(tr("nav.portal"), href="/portal"),
        rx.el.a(tr("portal.security"), href="/security"),
        post_form(
            "/api/auth/logout",
            rx.el.button(tr("nav.logout"), type="submit", class_name="link-button"),
            class_name="inline-form",
        ),
        aria_label=tr("nav.main"),
        class_name="portal-nav",
    )


def portal_page(*children: rx.Component) -> rx.Component:
    return page(portal_nav(), *children)
