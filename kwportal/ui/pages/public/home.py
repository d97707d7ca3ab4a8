"""The public landing page: what the portal is, and what an employer may hear (seed ch. 1,
"Welke persoonsgegevens kunnen aan derden worden verstrekt?")."""

from __future__ import annotations

import reflex as rx

from kwportal.ui.components.layout import page
from kwportal.ui.text import tr

ROUTE = "/"


def _section(title_key: str, *body: rx.Component) -> rx.Component:
    return rx.el.section(rx.el.h2(tr(title_key)), *body, class_name="card")


def home() -> rx.Component:
    return page(
        rx.el.h1(tr("home.title")),
        rx.el.p(tr("home.intro"), class_name="lead"),
        rx.el.p(rx.el.a(tr("home.login"), href="/login", class_name="button")),
        _section(
            "home.employer.title",
            rx.el.p(tr("home.employer.intro")),
            rx.el.ul(*[rx.el.li(tr(f"home.employer.item{n}")) for n in range(1, 5)]),
            rx.el.p(tr("home.employer.secret")),
        ),
        _section(
            "home.roles.title",
            rx.el.ul(
                rx.el.li(tr("home.roles.employee")),
                rx.el.li(tr("home.roles.employer")),
                rx.el.li(tr("home.roles.care")),
            ),
        ),
        _section("home.security.title", rx.el.p(tr("home.security.text"))),
        _section("home.rights.title", rx.el.p(tr("home.rights.text"))),
    )
