"""Care teams for the administrator: create a team around a doctor, assign employers, add
and remove members. Each change is the scope of the team's staff from that moment on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.services.admin import teams as admin_teams
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
from kwportal.ui.text import tr

ROUTE = routes.ADMIN_TEAMS


@dataclass
class TeamItem:
    team_id: str = ""
    name: str = ""
    doctor: str = ""


@dataclass
class Link:
    """A member or an employer of a team (rendered under the team with the same id)."""

    team_id: str = ""
    item_id: str = ""
    label: str = ""


def _options(choices: tuple[admin_teams.Choice, ...]) -> list[Option]:
    return [Option(str(c.value), c.label) for c in choices]


class AdminTeamsState(AuthState):
    teams: list[TeamItem] = []
    members: list[Link] = []
    employers: list[Link] = []
    doctors: list[Option] = []
    staff: list[Option] = []
    organisations: list[Option] = []
    team_options: list[Option] = []

    def _show(self, view: admin_teams.TeamsView | None) -> None:
        """The refreshed teams; None (a refused action) leaves them as they were."""
        if view is None:
            return
        lines = view.teams
        self.teams = [TeamItem(str(x.team_id), x.name, x.doctor) for x in lines]
        self.team_options = [Option(str(x.team_id), x.name) for x in lines]
        self.members = [
            Link(str(x.team_id), str(account_id), f"{name} ({t(f'role.{role}', self.lang)})")
            for x in lines
            for account_id, name, role in x.members
        ]
        self.employers = [
            Link(str(x.team_id), str(org_id), name) for x in lines for org_id, name in x.employers
        ]
        self.doctors = _options(view.doctors)
        self.staff = _options(view.staff)
        self.organisations = _options(view.organisations)

    def _apply(self, done_key: str, use_case: Any, *args: Any) -> None:
        self._show(act(self, done_key, use_case, *args))

    @rx.event
    @guarded(Role.ADMIN)
    def load(self) -> None:
        self._apply("", admin_teams.do_list)

    @rx.event
    @guarded(Role.ADMIN)
    def create_team(self, form_data: dict[str, Any]) -> None:
        self._apply(
            "admin.teams.created",
            admin_teams.do_create_team,
            form_text(form_data, "name"),
            form_text(form_data, "doctor_id", 20),
        )

    @rx.event
    @guarded(Role.ADMIN)
    def assign_employer(self, form_data: dict[str, Any]) -> None:
        self._apply(
            "admin.teams.assigned",
            admin_teams.do_assign_employer,
            form_text(form_data, "team_id", 20),
            form_text(form_data, "organisation_id", 20),
        )

    @rx.event
    @guarded(Role.ADMIN)
    def unassign_employer(self, form_data: dict[str, Any]) -> None:
        self._apply(
            "admin.teams.unassigned",
            admin_teams.do_unassign_employer,
            form_text(form_data, "item_id", 20),
        )

    @rx.event
    @guarded(Role.ADMIN)
    def add_member(self, form_data: dict[str, Any]) -> None:
        self._apply(
            "admin.teams.member_added",
            admin_teams.do_add_member,
            form_text(form_data, "team_id", 20),
            form_text(form_data, "account_id", 20),
        )

    @rx.event
    @guarded(Role.ADMIN)
    def remove_member(self, form_data: dict[str, Any]) -> None:
        self._apply(
            "admin.teams.member_removed",
            admin_teams.do_remove_member,
            form_text(form_data, "item_id", 20),
        )


def _links(team: Any, links: Any, label_key: str, handler: Any) -> rx.Component:
    def line(link: Any) -> rx.Component:
        return rx.cond(
            link.team_id == team.team_id,
            rx.el.li(
                rx.el.span(link.label),
                rx.el.form(
                    hidden("item_id", link.item_id),
                    rx.el.button(
                        tr(label_key),
                        type="submit",
                        class_name="button secondary",
                        aria_label=tr(label_key) + ": " + link.label,
                    ),
                    on_submit=handler,
                    class_name="inline-form",
                ),
            ),
        )

    return rx.el.ul(rx.foreach(links, line), class_name="plain links")


def _card(team: Any) -> rx.Component:
    state = AdminTeamsState
    return rx.el.li(
        rx.el.h3(team.name),
        rx.el.dl(
            rx.el.dt(tr("admin.teams.doctor")),
            rx.el.dd(team.doctor),
            class_name="items",
        ),
        rx.el.h4(tr("admin.teams.members")),
        _links(team, state.members, "admin.teams.remove", state.remove_member),
        rx.el.h4(tr("admin.teams.employers")),
        _links(team, state.employers, "admin.teams.unassign", state.unassign_employer),
        class_name="card",
    )


def _create_form() -> rx.Component:
    return rx.el.form(
        rx.el.fieldset(
            rx.el.legend(tr("admin.teams.new")),
            text_field("admin.teams.name", "name", "team-name", limit=150, type="text"),
            select_field(
                "admin.teams.doctor",
                "doctor_id",
                "team-doctor",
                AdminTeamsState.doctors,
                first_key="admin.teams.choose",
            ),
        ),
        button("admin.teams.create"),
        on_submit=AdminTeamsState.create_team,
        reset_on_submit=True,
        class_name="form",
    )


def _pair_form(
    legend_key: str, name: str, options: Any, label_key: str, handler: Any, button_key: str
) -> rx.Component:
    ident = name.replace("_", "-") + "-"
    return rx.el.form(
        rx.el.fieldset(
            rx.el.legend(tr(legend_key)),
            select_field(
                "admin.teams.team",
                "team_id",
                f"{ident}team",
                AdminTeamsState.team_options,
                first_key="admin.teams.choose",
            ),
            select_field(
                label_key, name, f"{ident}{name}", options, first_key="admin.teams.choose"
            ),
        ),
        button(button_key),
        on_submit=handler,
        class_name="form",
    )


def admin_teams_page() -> rx.Component:
    state = AdminTeamsState
    teams: Any = state.teams
    return portal_page(
        rx.el.h1(tr("admin.teams.title")),
        rx.el.p(tr("admin.teams.intro")),
        notice(state.notice_text, state.notice_kind),
        rx.el.section(
            rx.el.h2(tr("admin.teams.list")),
            rx.cond(
                teams.length() > 0,
                rx.el.ul(rx.foreach(teams, _card), class_name="plain"),
                rx.el.p(tr("admin.teams.none")),
            ),
        ),
        _pair_form(
            "admin.teams.assign",
            "organisation_id",
            state.organisations,
            "admin.teams.employer",
            state.assign_employer,
            "admin.teams.assign_button",
        ),
        _pair_form(
            "admin.teams.add_member",
            "account_id",
            state.staff,
            "admin.teams.member",
            state.add_member,
            "admin.teams.add_button",
        ),
        _create_form(),
    )
