"""The visitors' forms: newsletter (sign-up, confirmation, unsubscribe), callback request and
visitors' rights (request, confirmation). Each is a plain form posting to /api/public/…;
links from e-mails open a page with one button, so a mail scanner that follows links
changes nothing."""

from __future__ import annotations

from typing import Any

import reflex as rx

from kwportal.domain import visitors as rules
from kwportal.ui import routes
from kwportal.ui.components.counter import char_counter
from kwportal.ui.components.forms import field, post_form, submit
from kwportal.ui.components.public_frame import public_form, public_page
from kwportal.ui.states.visitor import VisitorState as V
from kwportal.ui.text import tr


def _select(label_key: str, name: str, options: list[tuple[str, str]]) -> rx.Component:
    return rx.el.div(
        rx.el.label(tr(label_key), html_for=f"f-{name}"),
        rx.el.select(
            *[rx.el.option(tr(text_key), value=value) for value, text_key in options],
            id=f"f-{name}",
            name=name,
            required=True,
        ),
        class_name="field",
    )


def _textarea(label_key: str, name: str, limit: int, **attrs: Any) -> rx.Component:
    return rx.el.div(
        rx.el.label(tr(label_key), html_for=f"f-{name}"),
        # the browser stops at the limit (a refused post would lose what was typed), and the
        # counter shows the limit before it is reached (issue 18 item 9)
        rx.el.textarea(
            id=f"f-{name}",
            name=name,
            rows=4,
            max_length=limit,
            custom_attrs={"data-limit": str(limit)},
            **attrs,
        ),
        char_counter(f"f-{name}", limit),
        class_name="field",
    )


def _name(required: bool = True) -> rx.Component:
    return field(
        "visitor.field.name",
        "name",
        type="text",
        auto_complete="name",
        max_length=rules.MAX_NAME,
        required=required,
    )


def _email() -> rx.Component:
    return field(
        "visitor.field.email",
        "email",
        type="email",
        auto_complete="email",
        max_length=rules.MAX_EMAIL,
        required=True,
    )


def newsletter_page() -> rx.Component:
    return public_page(
        rx.el.h1(tr("newsletter.title")),
        rx.el.p(tr("newsletter.intro")),
        public_form(
            routes.API_NEWSLETTER,
            _name(),
            _email(),
            rx.el.p(
                tr("newsletter.consent"),
                " ",
                rx.el.a(tr("public.nav.privacy"), href=routes.PRIVACY),
            ),
            submit("newsletter.submit"),
        ),
    )


def newsletter_confirm_page() -> rx.Component:
    return public_page(
        rx.el.h1(tr("newsletter.confirm_title")),
        rx.el.p(tr("newsletter.confirm_intro")),
        public_form(
            routes.API_NEWSLETTER_CONFIRM,
            rx.el.input(type="hidden", name="token", value=V.link_token),
            submit("newsletter.confirm_submit"),
        ),
    )


def newsletter_unsubscribe_page() -> rx.Component:
    return public_page(
        rx.el.h1(tr("newsletter.unsubscribe_title")),
        rx.el.p(tr("newsletter.unsubscribe_intro")),
        post_form(
            routes.API_NEWSLETTER_UNSUBSCRIBE,
            rx.el.input(type="hidden", name="t", value=V.link_token),
            rx.el.input(type="hidden", name="from_page", value="1"),
            submit("newsletter.unsubscribe_submit"),
        ),
    )


def callback_page() -> rx.Component:
    times = [(str(p), f"visitor.time.{p}") for p in rules.PreferredTime]
    topics = [(str(p), f"visitor.topic.{p}") for p in rules.Topic]
    return public_page(
        rx.el.h1(tr("callback.title")),
        rx.el.p(tr("callback.intro")),
        rx.el.p(tr("callback.no_medical"), class_name="warning", role="note"),
        public_form(
            routes.API_CALLBACK,
            _name(),
            field(
                "visitor.field.phone",
                "phone",
                type="tel",
                auto_complete="tel",
                max_length=rules.MAX_PHONE,
                required=True,
            ),
            _select("visitor.field.preferred_time", "preferred_time", times),
            _select("visitor.field.topic", "topic", topics),
            _textarea(
                "visitor.field.message",
                "message",
                rules.MAX_MESSAGE,
                aria_describedby="callback-no-medical",
            ),
            rx.el.p(tr("callback.no_medical_short"), id="callback-no-medical", class_name="hint"),
            submit("callback.submit"),
        ),
    )


def visitor_rights_page() -> rx.Component:
    kinds = [(str(k), f"visitor.right.{k}") for k in rules.VisitorRight]
    return public_page(
        rx.el.h1(tr("visitor_rights.title")),
        rx.el.p(tr("visitor_rights.intro")),
        public_form(
            routes.API_VISITOR_RIGHTS,
            _select("visitor_rights.kind", "kind", kinds),
            _name(required=False),
            _email(),
            field(
                "visitor_rights.phone",
                "phone",
                type="tel",
                auto_complete="tel",
                max_length=rules.MAX_PHONE,
            ),
            _textarea("visitor_rights.details", "details", rules.MAX_DETAILS),
            submit("visitor_rights.submit"),
        ),
        rx.el.p(tr("visitor_rights.complaint")),
    )


def visitor_rights_confirm_page() -> rx.Component:
    return public_page(
        rx.el.h1(tr("visitor_rights.confirm_title")),
        rx.el.p(tr("visitor_rights.confirm_intro")),
        public_form(
            routes.API_VISITOR_RIGHTS_CONFIRM,
            rx.el.input(type="hidden", name="token", value=V.link_token),
            submit("visitor_rights.confirm_submit"),
        ),
    )
