"""Sign-in pages: password, code, recovery code, invitation, enrolment, forgotten password,
reset and step-up. Each is a plain form posting to /api/auth/…; the page shows the message
the route sent back in the URL."""

from __future__ import annotations

import reflex as rx

from kwportal.ui import routes
from kwportal.ui.components.forms import (
    code_field,
    field,
    notice,
    password_field,
    post_form,
    submit,
)
from kwportal.ui.components.layout import page
from kwportal.ui.components.pending_act import step_up_cancel, step_up_line
from kwportal.ui.states.auth import AuthPageState as S
from kwportal.ui.states.base import AppState
from kwportal.ui.text import tr


def _frame(title_key: str, *children: rx.Component) -> rx.Component:
    return page(rx.el.h1(tr(title_key)), notice(S.message, S.message_kind), *children)


def login() -> rx.Component:
    return _frame(
        "login.title",
        post_form(
            routes.API_LOGIN,
            field(
                "login.username",
                "username",
                type="text",
                auto_complete="username",
                auto_capitalize="none",
                spell_check=False,
                required=True,
                max_length=150,
            ),
            password_field("login.password", "password", "current-password"),
            submit("login.submit"),
        ),
        rx.el.p(rx.el.a(tr("login.forgot"), href=routes.FORGOT_PASSWORD)),
        _organisation_sign_in(),
    )


def _organisation_sign_in() -> rx.Component:
    """Single sign-on (issue 19 item 6): the work address picks the organisation's
    provider; the route sends the browser there."""
    return rx.el.section(
        rx.el.h2(tr("login.sso.heading"), id="sso-heading"),
        rx.el.p(tr("login.sso.intro")),
        post_form(
            routes.API_SSO_START,
            rx.el.input(type="hidden", name="lang", value=AppState.lang),
            field(
                "login.sso.email",
                "email",
                field_id="sso-email",
                type="email",
                auto_complete="email",
                auto_capitalize="none",
                spell_check=False,
                required=True,
                max_length=254,
            ),
            submit("login.sso.submit"),
        ),
        aria_labelledby="sso-heading",
    )


def login_code() -> rx.Component:
    return _frame(
        "login.code.title",
        rx.el.p(tr("login.code.intro")),
        post_form(routes.API_CODE, code_field("login.code.label"), submit("login.code.submit")),
        rx.el.p(rx.el.a(tr("login.code.lost"), href=routes.LOGIN_RECOVERY)),
    )


def login_recovery() -> rx.Component:
    return _frame(
        "login.recovery.title",
        rx.el.p(tr("login.recovery.intro")),
        post_form(
            routes.API_RECOVERY,
            field(
                "login.recovery.label",
                "code",
                type="text",
                auto_complete="off",
                auto_capitalize="characters",
                spell_check=False,
                required=True,
                max_length=20,
            ),
            submit("login.recovery.submit"),
        ),
    )


def invite() -> rx.Component:
    return _frame(
        "invite.title",
        rx.el.p(tr("invite.intro")),
        post_form(
            routes.API_INVITE,
            rx.el.input(type="hidden", name="token", value=S.link_token),
            password_field("invite.password", "password", "new-password"),
            password_field("invite.repeated", "repeated", "new-password"),
            submit("invite.submit"),
        ),
    )


def enrol() -> rx.Component:
    return _frame(
        "enrol.title",
        rx.el.p(tr("enrol.intro")),
        rx.el.img(
            src=routes.API_ENROL_QR,
            alt=tr("enrol.qr_alt"),
            class_name="qr",
            width="240",
            height="240",
        ),
        rx.el.iframe(
            src=f"{routes.API_ENROL_SECRET}?lang={AppState.lang}",
            title=tr("enrol.secret_title"),
            class_name="secret-frame",
        ),
        post_form(
            routes.API_ENROL,
            rx.el.input(type="hidden", name="lang", value=AppState.lang),
            code_field("enrol.code"),
            submit("enrol.submit"),
        ),
    )


def forgot() -> rx.Component:
    return _frame(
        "forgot.title",
        rx.el.p(tr("forgot.intro")),
        post_form(
            routes.API_FORGOT,
            field(
                "forgot.identifier",
                "identifier",
                type="text",
                auto_complete="username",
                auto_capitalize="none",
                required=True,
                max_length=254,
            ),
            submit("forgot.submit"),
        ),
    )


def reset() -> rx.Component:
    return _frame(
        "reset.title",
        post_form(
            routes.API_RESET,
            rx.el.input(type="hidden", name="token", value=S.link_token),
            password_field("invite.password", "password", "new-password"),
            password_field("invite.repeated", "repeated", "new-password"),
            field(
                "reset.code",
                "code",
                type="text",
                auto_complete="one-time-code",
                auto_capitalize="characters",
                required=True,
                max_length=20,
            ),
            submit("reset.submit"),
        ),
    )


def step_up() -> rx.Component:
    return _frame(
        "stepup.title",
        rx.el.p(tr("stepup.intro")),
        step_up_line(),
        post_form(
            routes.API_STEP_UP,
            rx.el.input(type="hidden", name="next", value=S.next_path),
            code_field("login.code.label"),
            submit("stepup.submit"),
        ),
        step_up_cancel(S.next_path),
    )


PAGES = {
    routes.LOGIN: (login, "login.title"),
    routes.LOGIN_CODE: (login_code, "login.code.title"),
    routes.LOGIN_RECOVERY: (login_recovery, "login.recovery.title"),
    routes.INVITE: (invite, "invite.title"),
    routes.ENROL: (enrol, "enrol.title"),
    routes.FORGOT_PASSWORD: (forgot, "forgot.title"),
    routes.RESET_PASSWORD: (reset, "reset.title"),
    routes.STEP_UP: (step_up, "stepup.title"),
}
