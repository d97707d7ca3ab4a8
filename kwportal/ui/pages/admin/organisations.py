"""Organisations for the administrator: list, add, set or correct the contract end."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.services.admin import organisations as admin_orgs
from kwportal.ui import routes
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.pages.admin.common import act, button, form_text, hidden, text_field
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr

ROUTE = routes.ADMIN_ORGANISATIONS


@dataclass
class OrgItem:
    organisation_id: str = ""
    name: str = ""
    kvk: str = ""
    start: str = ""
    end: str = ""
    team: str = ""


class AdminOrgsState(AuthState):
    organisations: list[OrgItem] = []

    def _show(self, lines: admin_orgs.Organisations | None) -> None:
        """The refreshed list; None (a refused action) leaves the list as it was."""
        if lines is None:
            return
        self.organisations = [
            OrgItem(
                organisation_id=str(line.organisation_id),
                name=line.name,
                kvk=line.kvk_number,
                start=line.contract_start.isoformat(),
                end=line.contract_end.isoformat() if line.contract_end else "",
                team=line.team,
            )
            for line in lines
        ]

    @rx.event
    @guarded(Role.ADMIN)
    def load(self) -> None:
        self._show(act(self, "", admin_orgs.do_list))

    @rx.event
    @guarded(Role.ADMIN)
    def create_organisation(self, form_data: dict[str, Any]) -> None:
        self._show(
            act(
                self,
                "admin.orgs.created",
                admin_orgs.do_create,
                form_text(form_data, "name"),
                form_text(form_data, "kvk", 40),
                form_text(form_data, "start", 20),
            )
        )

    @rx.event
    @guarded(Role.ADMIN)
    def save_contract_end(self, form_data: dict[str, Any]) -> None:
        self._show(
            act(
                self,
                "admin.orgs.end_saved",
                admin_orgs.do_set_contract_end,
                form_text(form_data, "organisation_id", 20),
                form_text(form_data, "end", 20),
            )
        )


def _new_form() -> rx.Component:
    return rx.el.form(
        rx.el.fieldset(
            rx.el.legend(tr("admin.orgs.new")),
            text_field("admin.orgs.name", "name", "org-name", limit=200, type="text"),
            text_field(
                "admin.orgs.kvk",
                "kvk",
                "org-kvk",
                limit=9,
                type="text",
                input_mode="numeric",
                pattern="[0-9 ]{8,9}",
            ),
            text_field("admin.orgs.start", "start", "org-start", limit=10, type="date"),
        ),
        button("admin.orgs.create"),
        on_submit=AdminOrgsState.create_organisation,
        reset_on_submit=True,
        class_name="form",
    )


def _card(org: Any) -> rx.Component:
    ident = "end-" + org.organisation_id
    return rx.el.li(
        rx.el.h3(org.name),
        rx.el.dl(
            rx.el.dt(tr("admin.orgs.kvk")),
            rx.el.dd(org.kvk),
            rx.el.dt(tr("admin.orgs.start")),
            rx.el.dd(org.start),
            rx.el.dt(tr("admin.orgs.team")),
            rx.el.dd(rx.cond(org.team != "", org.team, tr("admin.orgs.no_team"))),
            class_name="items",
        ),
        rx.el.form(
            hidden("organisation_id", org.organisation_id),
            text_field(
                "admin.orgs.end",
                "end",
                ident,
                limit=10,
                required=False,
                type="date",
                default_value=org.end,
            ),
            button("admin.orgs.save_end"),
            on_submit=AdminOrgsState.save_contract_end,
            key=org.organisation_id + "/" + org.end,
            class_name="form",
        ),
        class_name="card",
    )


def admin_orgs_page() -> rx.Component:
    return portal_page(
        rx.el.h1(tr("admin.orgs.title")),
        rx.el.p(tr("admin.orgs.intro")),
        notice(AdminOrgsState.notice_text),
        _new_form(),
        rx.el.section(
            rx.el.h2(tr("admin.orgs.list")),
            rx.el.ul(rx.foreach(AdminOrgsState.organisations, _card), class_name="plain"),
        ),
    )
