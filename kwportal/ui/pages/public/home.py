"""The public landing page: what the portal is, what an employer may hear (seed ch. 1,
"Welke persoonsgegevens kunnen aan derden worden verstrekt?"), our services and how to
reach us (seed ch. 2)."""

from __future__ import annotations

import reflex as rx

from kwportal.ui import routes
from kwportal.ui.components.public_frame import public_page
from kwportal.ui.text import tr

ROUTE = routes.HOME
SERVICES = ("absence", "reintegration", "prevention", "pmo")


def _section(title_key: str, *body: rx.Component) -> rx.Component:
    return rx.el.section(rx.el.h2(tr(title_key)), *body, class_name="card")


def home() -> rx.Component:
    return public_page(
        rx.el.h1(tr("home.title")),
        rx.el.p(tr("home.intro"), class_name="lead"),
        rx.el.p(rx.el.a(tr("home.login"), href=routes.LOGIN, class_name="button")),
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
        _section(
            "public.services.title",
            rx.el.ul(
                *[
                    rx.el.li(
                        rx.el.strong(tr(f"visitor.topic.{s}")), ": ", tr(f"public.services.{s}")
                    )
                    for s in SERVICES
                ]
            ),
            rx.el.p(rx.el.a(tr("public.nav.callback"), href=routes.CALLBACK)),
        ),
        _section("home.security.title", rx.el.p(tr("home.security.text"))),
        _section("home.rights.title", rx.el.p(tr("home.rights.text"))),
        _section(
            "public.contact.title",
            rx.el.address(
                rx.el.p("KrachtWerkt BV, ", tr("footer.address")),
                rx.el.p(rx.el.a("088 501 43 02", href="tel:+31885014302")),
                rx.el.p(rx.el.a("info@kracht-werkt.nl", href="mailto:info@kracht-werkt.nl")),
                rx.el.p(
                    tr("public.contact.privacy"),
                    " ",
                    rx.el.a("privacy@kracht-werkt.nl", href="mailto:privacy@kracht-werkt.nl"),
                ),
                rx.el.p(tr("public.contact.kvk")),
            ),
        ),
    )
