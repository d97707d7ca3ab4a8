"""Frame of the public site: the page frame plus the cookie banner and the footer links to
the privacy statement, the cookie page and the visitors' forms."""

from __future__ import annotations

from typing import Any

import reflex as rx

from kwportal.ui import routes
from kwportal.ui.components.forms import notice, post_form
from kwportal.ui.components.layout import footer, header
from kwportal.ui.routes import HONEYPOT, TOKEN_FIELD
from kwportal.ui.states.base import AppState
from kwportal.ui.states.visitor import VisitorState as V
from kwportal.ui.text import tr

FOOTER_LINKS = (
    ("public.nav.privacy", routes.PRIVACY),
    ("public.nav.cookies", routes.COOKIES),
    ("public.nav.reglement", routes.PRIVACYREGLEMENT),
    ("public.nav.newsletter", routes.NEWSLETTER),
    ("public.nav.callback", routes.CALLBACK),
    ("public.nav.rights", routes.VISITOR_RIGHTS),
    ("home.login", routes.LOGIN),
)


def form_guard() -> rx.Component:
    """The hidden parts every public form carries: the signed token, the language, and the
    honeypot a person never sees (hidden from screen readers too)."""
    return rx.fragment(
        rx.el.input(type="hidden", name=TOKEN_FIELD, value=V.form_token),
        rx.el.input(type="hidden", name="lang", value=AppState.lang),
        rx.el.div(
            rx.el.label("Website", html_for="f-website"),
            rx.el.input(
                id="f-website", name=HONEYPOT, type="text", tab_index=-1, auto_complete="off"
            ),
            class_name="hp",
            aria_hidden="true",
        ),
    )


def public_form(action: str, *children: rx.Component, **attrs: Any) -> rx.Component:
    return post_form(action, form_guard(), *children, **attrs)


def choice_buttons(*, with_custom: bool) -> rx.Component:
    """'Accept all' and 'reject all' look the same: neither is the easier choice."""
    buttons = [
        rx.el.button(
            tr("cookies.accept_all"),
            type="submit",
            name="choice",
            value="accept_all",
            class_name="button",
        ),
        rx.el.button(
            tr("cookies.reject_all"),
            type="submit",
            name="choice",
            value="reject_all",
            class_name="button",
        ),
    ]
    if with_custom:
        buttons.append(
            rx.el.button(
                tr("cookies.save"),
                type="submit",
                name="choice",
                value="custom",
                class_name="button secondary",
            )
        )
    return rx.el.div(*buttons, class_name="choice-buttons")


def toggles(prefix: str) -> rx.Component:
    def toggle(name: str, checked: Any) -> rx.Component:
        ident = f"{prefix}-{name}"
        return rx.el.div(
            rx.el.input(
                type="checkbox",
                id=ident,
                name=name,
                default_checked=checked,
                key=f"{ident}-{checked}",
            ),
            rx.el.label(tr(f"cookies.{name}"), html_for=ident),
            rx.el.p(tr(f"cookies.{name}_help"), class_name="hint"),
            class_name="toggle",
        )

    return rx.el.fieldset(
        rx.el.legend(tr("cookies.categories")),
        rx.el.div(
            rx.el.input(type="checkbox", id=f"{prefix}-functional", checked=True, disabled=True),
            rx.el.label(tr("cookies.functional"), html_for=f"{prefix}-functional"),
            rx.el.p(tr("cookies.functional_help"), class_name="hint"),
            class_name="toggle",
        ),
        toggle("analytics", V.analytics),
        toggle("marketing", V.marketing),
        class_name="toggles",
    )


def cookie_banner() -> rx.Component:
    """Compact on a phone (at most a third of a 360 x 780 screen): one sentence, "accept
    all" and "reject all" side by side and alike, and a link to the cookie page, which
    holds the per-category toggles. A quick tap is never refused as too fast (the choice
    route keeps origin, token and honeypot checks, silent to a person)."""
    return rx.cond(
        V.show_banner,
        rx.el.section(
            rx.el.h2(tr("cookies.banner_title"), id="cookie-banner-title"),
            rx.el.p(tr("cookies.banner_short"), class_name="banner-text"),
            public_form(
                routes.API_COOKIES,
                rx.el.input(type="hidden", name="back", value=V.back_path),
                choice_buttons(with_custom=False),
            ),
            rx.el.a(tr("cookies.settings_link"), href=routes.COOKIES, class_name="banner-settings"),
            aria_labelledby="cookie-banner-title",
            class_name="cookie-banner",
        ),
        rx.fragment(),
    )


def public_footer_links() -> rx.Component:
    return rx.el.nav(
        rx.el.ul(
            *[rx.el.li(rx.el.a(tr(key), href=href)) for key, href in FOOTER_LINKS],
            class_name="public-links",
        ),
        aria_label=tr("public.nav.label"),
        class_name="public-nav",
    )


def public_page(*children: rx.Component) -> rx.Component:
    return rx.el.div(
        header(),
        rx.el.main(
            notice(V.message, V.message_kind),
            *children,
            id="main",
            tab_index=-1,
            class_name="content",
        ),
        public_footer_links(),
        footer(),
        cookie_banner(),
        class_name="page",
        on_mount=AppState.sync_html_lang,
    )
