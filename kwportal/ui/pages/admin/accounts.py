"""Accounts for the administrator: find, invite (the one invitation flow), switch off or on,
lift a lockout. The invitation mail goes out after the commit."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.services.admin import accounts as admin_accounts
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
    select_field,
    text_field,
)
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import Localised
from kwportal.ui.text import tr

ROUTE = routes.ADMIN_ACCOUNTS


@dataclass
class AccountItem:
    account_id: str = ""
    username: str = ""
    name: str = ""
    email: str = ""
    role: str = ""
    organisation: str = ""
    active: str = ""
    locked: str = ""
    enrolled: str = ""


def _item(line: admin_accounts.AccountLine) -> AccountItem:
    return AccountItem(
        account_id=str(line.account_id),
        username=line.username,
        name=line.display_name,
        email=line.email,
        role=line.role,
        organisation=line.organisation,
        active="1" if line.active else "",
        locked="1" if line.locked else "",
        enrolled="1" if line.enrolled else "",
    )


class AdminAccountsState(Localised, AuthState):
    accounts: list[AccountItem] = []
    organisations: list[Option] = []
    query: str = ""

    def _show(self, view: admin_accounts.AccountsView | None) -> None:
        """The refreshed list; None (a refused action) leaves the list as it was."""
        if view is None:
            return
        self.accounts = [_item(line) for line in view.accounts]
        self.organisations = [Option(str(o.value), o.label) for o in view.organisations]

    @rx.var
    def shown(self) -> list[AccountItem]:
        """The accounts with each function in the reader's language."""
        return [
            dataclasses.replace(row, role=t(f"role.{row.role}", self._lang))
            for row in self.accounts
        ]

    @rx.event
    @guarded(Role.ADMIN)
    def load(self) -> None:
        self.query = ""
        self._show(act(self, "", admin_accounts.do_list))

    @rx.event
    @guarded(Role.ADMIN)
    def find(self, form_data: dict[str, Any]) -> None:
        self.query = form_text(form_data, "query", admin_accounts.MAX_QUERY + 1)
        self._show(act(self, "", admin_accounts.do_list, self.query))

    @rx.event
    @guarded(Role.ADMIN)
    def invite(self, form_data: dict[str, Any]) -> None:
        raw_org = form_text(form_data, "organisation_id", 20).strip()
        invitation = admin_accounts.Invitation(
            username=form_text(form_data, "username"),
            display_name=form_text(form_data, "display_name"),
            email=form_text(form_data, "email"),
            role=form_text(form_data, "role", 40),
            organisation_id=int(raw_org) if raw_org.isdigit() else None,
            personnel_number=form_text(form_data, "personnel_number", 60),
            language=form_text(form_data, "language", 5),
        )
        view = act(self, "admin.accounts.invited", admin_accounts.do_invite, invitation)
        if view is not None:
            self.query = view.query
        self._show(view)

    def _account_action(self, form_data: dict[str, Any], done_key: str, use_case: Any) -> None:
        account_id = form_text(form_data, "account_id", 20)
        self._show(act(self, done_key, use_case, account_id, self.query))

    @rx.event
    @guarded(Role.ADMIN)
    def deactivate(self, form_data: dict[str, Any]) -> None:
        self._account_action(form_data, "admin.accounts.deactivated", admin_accounts.do_deactivate)

    @rx.event
    @guarded(Role.ADMIN)
    def reactivate(self, form_data: dict[str, Any]) -> None:
        self._account_action(form_data, "admin.accounts.reactivated", admin_accounts.do_reactivate)

    @rx.event
    @guarded(Role.ADMIN)
    def unlock(self, form_data: dict[str, Any]) -> None:
        self._account_action(form_data, "admin.accounts.unlocked", admin_accounts.do_unlock)


def _role_select() -> rx.Component:
    return rx.el.div(
        rx.el.label(tr("admin.accounts.role"), html_for="invite-role"),
        rx.el.select(
            *[
                rx.el.option(tr(f"role.{role}"), value=str(role))
                for role in admin_accounts.INVITABLE
            ],
            id="invite-role",
            name="role",
            required=True,
        ),
        class_name="field",
    )


def _language_select() -> rx.Component:
    return rx.el.div(
        rx.el.label(tr("admin.accounts.language"), html_for="invite-language"),
        rx.el.select(
            rx.el.option("Nederlands", value="nl"),
            rx.el.option("English", value="en"),
            id="invite-language",
            name="language",
        ),
        class_name="field",
    )


def _invite_form() -> rx.Component:
    return rx.el.form(
        rx.el.fieldset(
            rx.el.legend(tr("admin.accounts.invite")),
            text_field(
                "admin.accounts.username",
                "username",
                "invite-username",
                limit=150,
                type="text",
                auto_complete="off",
            ),
            text_field(
                "admin.accounts.display_name", "display_name", "invite-name", limit=200, type="text"
            ),
            text_field("admin.accounts.email", "email", "invite-email", limit=254, type="email"),
            _role_select(),
            select_field(
                "admin.accounts.organisation",
                "organisation_id",
                "invite-organisation",
                AdminAccountsState.organisations,
                first_key="admin.accounts.no_organisation",
                required=False,
            ),
            text_field(
                "admin.accounts.personnel_number",
                "personnel_number",
                "invite-personnel-number",
                limit=40,
                required=False,
                type="text",
            ),
            _language_select(),
        ),
        button("admin.accounts.send_invite"),
        on_submit=AdminAccountsState.invite,
        class_name="form",
    )


def _find_form() -> rx.Component:
    return rx.el.form(
        text_field(
            "admin.accounts.find",
            "query",
            "accounts-query",
            limit=admin_accounts.MAX_QUERY,
            required=False,
            type="search",
            default_value=AdminAccountsState.query,
        ),
        button("admin.accounts.search"),
        on_submit=AdminAccountsState.find,
        key=AdminAccountsState.query,
        class_name="form",
    )


def _action(row: Any, label_key: str, handler: Any) -> rx.Component:
    return rx.el.form(
        hidden("account_id", row.account_id),
        button(label_key),
        on_submit=handler,
        class_name="inline-form",
    )


def _status(row: Any) -> rx.Component:
    return rx.el.dd(
        rx.cond(row.active != "", tr("admin.accounts.active"), tr("admin.accounts.inactive")),
        rx.cond(row.locked != "", rx.fragment(", ", tr("admin.accounts.locked"))),
        rx.cond(row.enrolled == "", rx.fragment(", ", tr("admin.accounts.not_enrolled"))),
    )


def _card(row: Any) -> rx.Component:
    state = AdminAccountsState
    return rx.el.li(
        rx.el.h3(row.name),
        rx.el.dl(
            rx.el.dt(tr("admin.accounts.username")),
            rx.el.dd(row.username),
            rx.el.dt(tr("admin.accounts.email")),
            rx.el.dd(row.email),
            rx.el.dt(tr("admin.accounts.role")),
            rx.el.dd(row.role),
            rx.cond(
                row.organisation != "",
                rx.fragment(
                    rx.el.dt(tr("admin.accounts.organisation")), rx.el.dd(row.organisation)
                ),
            ),
            rx.el.dt(tr("admin.accounts.status")),
            _status(row),
            class_name="items",
        ),
        rx.el.div(
            rx.cond(
                row.active != "",
                _action(row, "admin.accounts.deactivate", state.deactivate),
                _action(row, "admin.accounts.reactivate", state.reactivate),
            ),
            rx.cond(row.locked != "", _action(row, "admin.accounts.unlock", state.unlock)),
            class_name="actions",
        ),
        class_name="card",
    )


def admin_accounts_page() -> rx.Component:
    accounts: Any = AdminAccountsState.shown
    return portal_page(
        rx.el.h1(tr("admin.accounts.title")),
        rx.el.p(tr("admin.accounts.intro")),
        notice(AdminAccountsState.notice_text, AdminAccountsState.notice_kind),
        _invite_form(),
        _find_form(),
        rx.el.section(
            rx.el.h2(tr("admin.accounts.list")),
            rx.cond(
                accounts.length() > 0,
                rx.el.ul(rx.foreach(accounts, _card), class_name="plain"),
                rx.el.p(tr("admin.accounts.none")),
            ),
        ),
    )
