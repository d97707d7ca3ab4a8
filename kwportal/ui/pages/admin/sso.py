"""The organisations' own sign-in providers for the administrator (issue 19 item 6):
register one, change it (the client secret only when a new one is typed), switch it off
and on again. The stored secret never comes back to the page. The page shows the two
addresses to register at the provider, from the portal's public origin."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.services.admin import sso as admin_sso
from kwportal.settings import get_settings
from kwportal.ui import routes
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.pages.admin.common import (
    Option,
    act,
    button,
    form_text,
    hidden,
    text_field,
)
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr

ROUTE = routes.ADMIN_SSO
FORM_FIELDS = tuple(f.name for f in fields(admin_sso.ProviderForm))


@dataclass
class ProviderItem:
    sso_id: str = ""
    organisation_id: str = ""
    organisation: str = ""
    email_domain: str = ""
    issuer: str = ""
    client_id: str = ""
    amr_values: str = ""
    acr_values: str = ""
    enabled: bool = True


def registered_uris() -> tuple[str, str]:
    """The redirect URI (ui/api/sso.py) and the post-logout redirect URI
    (ui/api/sso_logout.py) an administrator registers at the organisation's provider."""
    origin = get_settings().public_origin
    return origin + routes.API_SSO_CALLBACK, origin + routes.API_SSO_SIGNED_OUT


class AdminSsoState(AuthState):
    providers: list[ProviderItem] = []
    organisation_options: list[Option] = []
    redirect_uri: str = ""
    post_logout_uri: str = ""

    def _show(self, view: admin_sso.Providers | None) -> None:
        if view is None:
            return
        self.redirect_uri, self.post_logout_uri = registered_uris()
        self.providers = [
            ProviderItem(
                sso_id=str(line.sso_id),
                organisation_id=str(line.organisation_id or ""),
                organisation=line.organisation,
                email_domain=line.email_domain,
                issuer=line.issuer,
                client_id=line.client_id,
                amr_values=line.amr_values,
                acr_values=line.acr_values,
                enabled=line.enabled,
            )
            for line in view.lines
        ]
        self.organisation_options = [Option(str(i), name) for i, name in view.organisations]

    @rx.event
    @guarded(Role.ADMIN)
    def load(self) -> None:
        self._show(act(self, "", admin_sso.do_list))

    @rx.event
    @guarded(Role.ADMIN)
    def save(self, form_data: dict[str, Any]) -> None:
        form = admin_sso.ProviderForm(**{n: form_text(form_data, n, 1000) for n in FORM_FIELDS})
        done_key = "admin.sso.updated" if form.sso_id else "admin.sso.created"
        self._show(act(self, done_key, admin_sso.do_save, form))

    @rx.event
    @guarded(Role.ADMIN)
    def switch(self, form_data: dict[str, Any]) -> None:
        self._show(
            act(
                self,
                "admin.sso.switch_saved",
                admin_sso.do_set_enabled,
                form_text(form_data, "sso_id", 20),
                form_text(form_data, "value", 5),
            )
        )


def _fields(ident: Any, item: Any | None) -> list[rx.Component]:
    """The form's fields, empty for a new provider or filled with ``item``'s values."""

    def value(name: str, default: str = "") -> Any:
        return getattr(item, name) if item is not None else default

    return [
        _organisation_select(ident + "-org", value("organisation_id")),
        text_field(
            "admin.sso.domain",
            "email_domain",
            ident + "-domain",
            limit=253,
            type="text",
            auto_capitalize="none",
            default_value=value("email_domain"),
        ),
        text_field(
            "admin.sso.issuer",
            "issuer",
            ident + "-issuer",
            limit=500,
            type="url",
            default_value=value("issuer"),
        ),
        text_field(
            "admin.sso.client_id",
            "client_id",
            ident + "-client",
            limit=255,
            type="text",
            default_value=value("client_id"),
        ),
        text_field(
            "admin.sso.client_secret" if item is None else "admin.sso.client_secret_keep",
            "client_secret",
            ident + "-secret",
            limit=1000,
            required=item is None,
            type="password",
            auto_complete="off",
        ),
        text_field(
            "admin.sso.amr",
            "amr_values",
            ident + "-amr",
            limit=200,
            required=False,
            type="text",
            default_value=value("amr_values", "mfa,otp"),
        ),
        text_field(
            "admin.sso.acr",
            "acr_values",
            ident + "-acr",
            limit=200,
            required=False,
            type="text",
            default_value=value("acr_values"),
        ),
    ]


def _organisation_select(ident: Any, selected: Any) -> rx.Component:
    """Whose staff sign in: an organisation, or (empty) the arbodienst's own staff."""
    return rx.el.div(
        rx.el.label(tr("admin.sso.organisation"), html_for=ident),
        rx.el.select(
            rx.el.option(tr("admin.sso.own_staff"), value=""),
            rx.foreach(
                AdminSsoState.organisation_options,
                lambda o: rx.el.option(o.label, value=o.value),
            ),
            id=ident,
            name="organisation_id",
            default_value=selected,
        ),
        class_name="field",
    )


def _new_form() -> rx.Component:
    return rx.el.form(
        rx.el.fieldset(rx.el.legend(tr("admin.sso.new")), *_fields("sso-new", None)),
        button("admin.sso.create"),
        on_submit=AdminSsoState.save,
        reset_on_submit=True,
        class_name="form",
    )


def _version(item: Any) -> Any:
    """The edit form is drawn anew (its fields' defaults) whenever a saved value changed."""
    parts = (item.organisation_id, item.email_domain, item.issuer, item.client_id)
    text = item.sso_id
    for part in (*parts, item.amr_values, item.acr_values):
        text = text + "/" + part
    return text


def _card(item: Any) -> rx.Component:
    ident = "sso-" + item.sso_id
    return rx.el.li(
        rx.el.h3(item.email_domain),
        rx.el.dl(
            rx.el.dt(tr("admin.sso.organisation")),
            rx.el.dd(
                rx.cond(item.organisation != "", item.organisation, tr("admin.sso.own_staff"))
            ),
            rx.el.dt(tr("admin.sso.issuer")),
            rx.el.dd(item.issuer, class_name="wrap"),
            rx.el.dt(tr("admin.sso.client_secret")),
            rx.el.dd(tr("admin.sso.secret_stored")),
            rx.el.dt(tr("admin.sso.enabled")),
            rx.el.dd(rx.cond(item.enabled, tr("admin.sso.is_on"), tr("admin.sso.is_off"))),
            class_name="items",
        ),
        rx.el.form(
            hidden("sso_id", item.sso_id),
            hidden("value", rx.cond(item.enabled, "off", "on")),
            rx.el.button(
                rx.cond(item.enabled, tr("admin.sso.switch_off"), tr("admin.sso.switch_on")),
                type="submit",
                class_name="button",
            ),
            on_submit=AdminSsoState.switch,
            class_name="form",
        ),
        rx.el.details(
            rx.el.summary(tr("admin.sso.edit")),
            rx.el.form(
                hidden("sso_id", item.sso_id),
                *_fields(ident, item),
                button("admin.sso.save"),
                on_submit=AdminSsoState.save,
                key=_version(item),
                class_name="form",
            ),
        ),
        class_name="card",
    )


def _register_at_provider() -> rx.Component:
    """What the organisation's administrator enters at its provider: plain text to copy."""
    return rx.el.section(
        rx.el.h2(tr("admin.sso.register"), id="sso-register"),
        rx.el.p(tr("admin.sso.register_intro")),
        rx.el.dl(
            rx.el.dt(tr("admin.sso.redirect_uri"), id="sso-redirect-label"),
            rx.el.dd(
                rx.el.code(
                    AdminSsoState.redirect_uri,
                    id="sso-redirect-uri",
                )
            ),
            rx.el.dt(tr("admin.sso.post_logout_uri"), id="sso-post-logout-label"),
            rx.el.dd(
                rx.el.code(
                    AdminSsoState.post_logout_uri,
                    id="sso-post-logout-uri",
                )
            ),
            class_name="items",
        ),
        aria_labelledby="sso-register",
        class_name="card sso-uris",
    )


def admin_sso_page() -> rx.Component:
    return portal_page(
        rx.el.h1(tr("admin.sso.title")),
        rx.el.p(tr("admin.sso.intro")),
        notice(AdminSsoState.notice_text),
        _register_at_provider(),
        _new_form(),
        rx.el.section(
            rx.el.h2(tr("admin.sso.list")),
            rx.cond(
                AdminSsoState.providers.length() > 0,  # type: ignore[attr-defined]
                rx.el.ul(rx.foreach(AdminSsoState.providers, _card), class_name="plain"),
                rx.el.p(tr("admin.sso.none")),
            ),
        ),
    )
