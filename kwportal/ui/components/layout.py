"""Page frame: skip link, header with language choice, main landmark, footer."""

from __future__ import annotations

import reflex as rx

from kwportal.settings import get_settings
from kwportal.ui import routes
from kwportal.ui.states.base import AppState
from kwportal.ui.text import tr


def _language_button(code: str) -> rx.Component:
    return rx.el.button(
        tr(f"lang.{code}"),
        type="button",
        class_name="lang-button",
        lang=code,
        aria_pressed=rx.cond(AppState.lang == code, "true", "false"),
        on_click=AppState.set_lang(code),
    )


def header() -> rx.Component:
    return rx.el.header(
        rx.el.a(tr("nav.skip"), href="#main", class_name="skip-link"),
        rx.el.div(
            rx.el.a(
                rx.el.span("KrachtWerkt", class_name="brand-name"),
                href=routes.HOME,
                class_name="brand",
            ),
            rx.el.div(
                _language_button("nl"),
                _language_button("en"),
                role="group",
                aria_label=tr("nav.language"),
                class_name="lang-switch",
            ),
            class_name="bar",
        ),
        class_name="site-header",
    )


def footer() -> rx.Component:
    return rx.el.footer(
        rx.el.h2(tr("footer.contact"), class_name="footer-title"),
        rx.el.address(
            rx.el.p("KrachtWerkt BV"),
            rx.el.p(tr("footer.address")),
            rx.el.p(
                tr("footer.phone"),
                ": ",
                rx.el.a("088 501 43 02", href="tel:+31885014302"),
            ),
            rx.el.p(
                tr("footer.email"),
                ": ",
                rx.el.a("info@kracht-werkt.nl", href="mailto:info@kracht-werkt.nl"),
            ),
        ),
        rx.cond(get_settings().demo, rx.el.p(tr("footer.demo"), class_name="demo-note")),
        class_name="site-footer",
    )


def page(*children: rx.Component) -> rx.Component:
    return rx.el.div(
        header(),
        rx.el.main(*children, id="main", tab_index=-1, class_name="content"),
        footer(),
        rx.script(src="/notices.js"),
        class_name="page",
        on_mount=AppState.sync_html_lang,
    )
