"""Organisations for the administrator: list, add, set or correct the contract end, switch
the employees' own sick and recovery report on or off (issue 15 item 7), and record an
employee's end of employment or date of death (issue 15 item 6)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.i18n.fmt import fmt_date
from kwportal.services.admin import organisations as admin_orgs
from kwportal.services.admin import people as admin_people
from kwportal.services.admin.handover import HandoverLine
from kwportal.ui import routes
from kwportal.ui.components import field_errors
from kwportal.ui.components.forms import notice
from kwportal.ui.components.life_events import retention_text
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

ROUTE = routes.ADMIN_ORGANISATIONS
FACT_FIELDS = ("employment_end", "date_of_death")


@dataclass
class OrgItem:
    organisation_id: str = ""
    name: str = ""
    kvk: str = ""
    start: str = ""
    end: str = ""
    team: str = ""
    self_report: bool = False
    #: the contract ended with a named successor (issue 17 item 6): no case, no one named
    handed_over: bool = False
    successor: str = ""
    handover_end: str = ""
    handover_started: str = ""


class AdminOrgsState(Localised, AuthState):
    organisations: list[OrgItem] = []
    organisation_options: list[Option] = []
    fact_error_keys: list[list[str]] = []
    facts_saved: bool = False
    facts_number: str = ""
    facts_until: str = ""
    facts_holds: list[str] = []
    #: what the start of the last hand-over counted: [cases, employees told]
    handover_counts: list[str] = []

    @rx.var
    def handover_line(self) -> str:
        counts = self.handover_counts
        if len(counts) == 2:
            return t("handover.started_counts", self._lang).format(cases=counts[0], told=counts[1])
        return ""

    @rx.var
    def fact_errors(self) -> dict[str, str]:
        return field_errors.messages(self.fact_error_keys, FACT_FIELDS, self._lang)

    @rx.var
    def facts_retention(self) -> str:
        if not self.facts_saved:
            return ""
        line = retention_text(self.facts_until, self.facts_holds, self._lang)
        return f"{self.facts_number}: {line}"

    def _show(self, lines: admin_orgs.Organisations | None) -> None:
        """The refreshed list; None (a refused action) leaves the list as it was."""
        if lines is None:
            return
        self.organisations = [
            OrgItem(
                organisation_id=str(line.organisation_id),
                name=line.name,
                kvk=line.kvk_number,
                start=fmt_date(line.contract_start, short=True),
                end=line.contract_end.isoformat() if line.contract_end else "",
                team=line.team,
                self_report=line.employee_self_report,
                **_handover(line.handover),
            )
            for line in lines
        ]
        self.organisation_options = [Option(str(line.organisation_id), line.name) for line in lines]

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

    @rx.event
    @guarded(Role.ADMIN)
    def start_handover(self, form_data: dict[str, Any]) -> None:
        done = act(
            self,
            "handover.started",
            admin_orgs.do_start_handover,
            form_text(form_data, "organisation_id", 20),
            form_text(form_data, "successor", 300),
            form_text(form_data, "successor_email", 300),
            form_text(form_data, "end", 20),
        )
        if done is not None:
            started, lines = done
            self.handover_counts = [str(started.cases), str(started.employees_told)]
            self._show(lines)

    @rx.event
    @guarded(Role.ADMIN)
    def save_self_report(self, form_data: dict[str, Any]) -> None:
        self._show(
            act(
                self,
                "admin.orgs.self_report_saved",
                admin_orgs.do_set_self_report,
                form_text(form_data, "organisation_id", 20),
                form_text(form_data, "value", 5),
            )
        )

    @rx.event
    @guarded(Role.ADMIN)
    def record_facts(self, form_data: dict[str, Any]) -> Any:
        self.facts_saved, self.fact_error_keys = False, []
        try:
            done = act(
                self,
                "admin.facts.saved",
                admin_people.do_record_facts,
                form_text(form_data, "organisation_id", 20),
                form_text(form_data, "personnel_number", 60),
                form_text(form_data, "employment_end", 20),
                form_text(form_data, "date_of_death", 20),
            )
        except admin_people.ReportError as error:
            self.notice_key = ""
            self.fact_error_keys = [[e.field, e.code] for e in error.errors]
            return rx.call_script(field_errors.FOCUS_FIRST_ERROR)
        if done is not None:
            self.facts_saved, self.facts_number = True, done.personnel_number
            until = done.retention.at_least_until
            self.facts_until = until.isoformat() if until else ""
            self.facts_holds = list(done.retention.holds)
            return rx.call_script("document.getElementById('facts-form')?.reset()")
        return None


def _handover(line: HandoverLine | None) -> dict[str, Any]:
    if line is None:
        return {}
    return {
        "handed_over": True,
        "successor": line.successor,
        "handover_end": fmt_date(line.contract_end, short=True),
        "handover_started": fmt_date(line.started_on, short=True),
    }


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
        _self_report_form(org),
        rx.cond(org.handed_over, _handover_status(org), _handover_form(org)),
        class_name="card",
    )


def _handover_status(org: Any) -> rx.Component:
    """The hand-over: to whom and when. The doctor releases each case's package; the
    privacy desk confirms receipt (/retention-desk)."""
    return rx.el.section(
        rx.el.h4(tr("handover.heading")),
        rx.el.dl(
            rx.el.dt(tr("handover.successor")),
            rx.el.dd(org.successor),
            rx.el.dt(tr("handover.contract_end")),
            rx.el.dd(org.handover_end),
            rx.el.dt(tr("handover.started_on")),
            rx.el.dd(org.handover_started),
            class_name="items",
        ),
        rx.el.p(tr("handover.admin_next")),
    )


def _handover_form(org: Any) -> rx.Component:
    """End the contract with a named successor: the running cases are handed over."""
    ident = "handover-" + org.organisation_id
    return rx.el.details(
        rx.el.summary(tr("handover.start_heading")),
        rx.el.form(
            rx.el.p(tr("handover.start_note")),
            hidden("organisation_id", org.organisation_id),
            text_field("handover.successor", "successor", ident + "-successor", limit=200),
            text_field(
                "handover.successor_email",
                "successor_email",
                ident + "-email",
                limit=254,
                required=False,
                type="email",
            ),
            text_field("handover.contract_end", "end", ident + "-end", limit=10, type="date"),
            button("handover.start"),
            on_submit=AdminOrgsState.start_handover,
            reset_on_submit=True,
            class_name="form",
        ),
    )


def _self_report_form(org: Any) -> rx.Component:
    """The switch: the current setting in words, and one button to turn it around."""
    return rx.el.form(
        rx.el.p(rx.el.strong(tr("admin.orgs.self_report"))),
        rx.el.p(
            rx.cond(
                org.self_report,
                tr("admin.orgs.self_report_is_on"),
                tr("admin.orgs.self_report_is_off"),
            )
        ),
        hidden("organisation_id", org.organisation_id),
        hidden("value", rx.cond(org.self_report, "off", "on")),
        rx.el.button(
            rx.cond(
                org.self_report,
                tr("admin.orgs.self_report_switch_off"),
                tr("admin.orgs.self_report_switch_on"),
            ),
            type="submit",
            class_name="button",
        ),
        on_submit=AdminOrgsState.save_self_report,
        class_name="form",
    )


def _facts_form() -> rx.Component:
    state = AdminOrgsState
    return rx.el.section(
        rx.el.h2(tr("admin.facts.title")),
        rx.el.p(tr("admin.facts.intro")),
        rx.cond(
            state.facts_retention != "",
            rx.el.p(state.facts_retention, role="status", class_name="notice"),
            rx.el.span(),
        ),
        rx.el.form(
            select_field(
                "admin.facts.organisation",
                "organisation_id",
                "facts-organisation",
                state.organisation_options,
                first_key="admin.facts.choose_organisation",
            ),
            text_field(
                "admin.facts.number", "personnel_number", "facts-number", limit=40, type="text"
            ),
            field_errors.field(
                "employer_person.employment_end",
                "employment_end",
                "facts-employment_end",
                state.fact_errors,
                type="date",
            ),
            field_errors.field(
                "employer_person.date_of_death",
                "date_of_death",
                "facts-date_of_death",
                state.fact_errors,
                type="date",
            ),
            button("admin.facts.submit"),
            id="facts-form",
            on_submit=state.record_facts,
            class_name="form",
        ),
    )


def admin_orgs_page() -> rx.Component:
    return portal_page(
        rx.el.h1(tr("admin.orgs.title")),
        rx.el.p(tr("admin.orgs.intro")),
        notice(AdminOrgsState.notice_text, AdminOrgsState.notice_kind),
        rx.cond(
            # the counts belong to the notice "handed over" (read in the browser, so no
            # computed value here depends on ``AuthState.notice_key``)
            (AdminOrgsState.notice_key == "handover.started")
            & (AdminOrgsState.handover_line != ""),
            rx.el.p(AdminOrgsState.handover_line, role="status"),
            rx.el.span(),
        ),
        _new_form(),
        rx.el.section(
            rx.el.h2(tr("admin.orgs.list")),
            rx.el.ul(rx.foreach(AdminOrgsState.organisations, _card), class_name="plain"),
        ),
        _facts_form(),
    )
