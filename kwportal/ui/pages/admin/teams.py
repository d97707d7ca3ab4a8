"""Care teams for the administrator: create a team around a doctor, assign employers, add
and remove members. Each change is the scope of the team's staff from that moment on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.services.admin import teams as admin_teams
from kwportal.services.admin.common import parse_id
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

ROUTE = "/admin-teams"


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

    def _refresh(self) -> None:
        def work(actor: Any, session: Any, _ctx: Any) -> Any:
            return (
                admin_teams.teams(actor, session=session),
                admin_teams.choices(actor, session=session),
            )

        ok, result = act(self, work, self.notice_key)
        if not ok:
            return
        lines, choices = result
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
        self.doctors = _options(choices["doctors"])
        self.staff = _options(choices["staff"])
        self.organisations = _options(choices["organisations"])

    @rx.event
    @guarded(Role.ADMIN)
    def load(self) -> None:
        self.notice_key = ""
        self._refresh()

    def _apply(self, work: Any, done_key: str) -> None:
        if act(self, work, done_key)[0]:
            self._refresh()

    @rx.event
    @guarded(Role.ADMIN)
    def create_team(self, form_data: dict[str, Any]) -> None:
        self._apply(
            lambda a, s, c: admin_teams.create_team(
                a,
                form_text(form_data, "name"),
                parse_id(form_text(form_data, "doctor_id", 20), "admin.not_a_doctor"),
                session=s,
                ctx=c,
            ),
            "admin.teams.created",
        )

    @rx.event
    @guarded(Role.ADMIN)
    def assign_employer(self, form_data: dict[str, Any]) -> None:
        self._apply(
            lambda a, s, c: admin_teams.assign_employer(
                a,
                parse_id(form_text(form_data, "team_id", 20), "admin.unknown_team"),
                parse_id(form_text(form_data, "organisation_id", 20), "admin.unknown_organisation"),
                session=s,
                ctx=c,
            ),
            "admin.teams.assigned",
        )

    @rx.event
    @guarded(Role.ADMIN)
    def unassign_employer(self, form_data: dict[str, Any]) -> None:
        self._apply(
            lambda a, s, c: admin_teams.unassign_employer(
                a,
                parse_id(form_text(form_data, "item_id", 20), "admin.unknown_organisation"),
                session=s,
                ctx=c,
            ),
            "admin.teams.unassigned",
        )

    @rx.event
    @guarded(Role.ADMIN)
    def add_member(self, form_data: dict[str, Any]) -> None:
        self._apply(
            lambda a, s, c: admin_teams.add_member(
                a,
                parse_id(form_text(form_data, "team_id", 20), "admin.unknown_team"),
                parse_id(form_text(form_data, "account_id", 20), "admin.unknown_account"),
                session=s,
                ctx=c,
            ),
            "admin.teams.member_added",
        )

    @rx.event
    @guarded(Role.ADMIN)
    def remove_member(self, form_data: dict[str, Any]) -> None:
        self._apply(
            lambda a, s, c: admin_teams.remove_member(
                a,
                parse_id(form_text(form_data, "item_id", 20), "admin.unknown_account"),
                session=s,
                ctx=c,
            ),
            "admin.teams.member_removed",
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
        notice(state.notice_text),
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
