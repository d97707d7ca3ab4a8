"""The privacy desk's page for a stop of processing (seed ch. 3 E; issue 17 item 3): the
open stop requests, overdue first, each granted with a reason and an answer the employee
reads; a stop started on the desk's own initiative (personnel number and last name); the
running stops with every exception the law required, each lifted with a reason. Who, since
when, why and which exceptions: nothing from the medical file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.i18n.fmt import fmt_date, fmt_datetime
from kwportal.services.privacy import restriction
from kwportal.services.privacy.rights import RightsError
from kwportal.ui import routes
from kwportal.ui.components.counter import char_counter, counted
from kwportal.ui.components.forms import field as input_field
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.components.rights import request_list
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr

ROUTE = routes.RESTRICTIONS
#: times are stored in UTC and shown in Dutch time (BRIEF.md)
#: one past each limit: an over-long text is refused, never silently cut
MAX_FIELD = restriction.MAX_REASON + 1


@dataclass
class StopRequestRow:
    request_id: str = ""
    number: str = ""
    name: str = ""
    text: str = ""
    received: str = ""
    due: str = ""
    overdue: str = ""
    restricted: str = ""


@dataclass
class RestrictionRow:
    restriction_id: str = ""
    number: str = ""
    name: str = ""
    since: str = ""
    reason: str = ""
    request_id: str = ""
    #: each exception as one line: when · what · on which ground (· case)
    exceptions: list[str] = field(default_factory=list)


def _local(moment: datetime) -> str:
    return fmt_datetime(moment, short=True)


def _request_row(line: restriction.StopRequestLine) -> StopRequestRow:
    return StopRequestRow(
        request_id=str(line.request_id),
        number=line.personnel_number,
        name=line.name,
        text=line.text,
        received=fmt_date(line.received_at, short=True),
        due=fmt_date(line.due_on, short=True),
        overdue="1" if line.overdue else "",
        restricted="1" if line.restricted else "",
    )


def _exception_line(item: restriction.ExceptionLine, lang: str) -> str:
    parts = [
        _local(item.recorded_at),
        t(f"restriction.act.{item.act}", lang),
        t(f"restriction.ground.{item.ground}", lang),
    ]
    if item.case_id is not None:
        parts.append(f"{t('restriction.case', lang)} {item.case_id}")
    return " · ".join(parts)


def _restriction_row(line: restriction.RestrictionLine, lang: str) -> RestrictionRow:
    return RestrictionRow(
        restriction_id=str(line.restriction_id),
        number=line.personnel_number,
        name=line.name,
        since=_local(line.started_at),
        reason=line.reason,
        request_id=str(line.request_id or ""),
        exceptions=[_exception_line(item, lang) for item in line.exceptions],
    )


class RestrictionsState(AuthState):
    requests: list[StopRequestRow] = []
    restrictions: list[RestrictionRow] = []

    def _show(self, page: restriction.RestrictionsPage) -> None:
        self.requests = [_request_row(line) for line in page.requests]
        self.restrictions = [_restriction_row(line, self.lang) for line in page.restrictions]

    def _act(self, use_case: Any, done_key: str, *args: Any) -> None:
        """One desk action; a refusal changes nothing (the unit rolled back) and leaves the
        page as it was, with its message."""
        try:
            page = self._run(use_case, *args)
        except (restriction.RestrictionError, RightsError) as error:
            self.notice_key = error.code
            return
        self.notice_key = done_key
        self._show(page)

    @rx.event
    @guarded(Role.PRIVACY_OFFICER)
    def load(self) -> None:
        self.notice_key = ""
        self._show(self._run(restriction.do_open))

    @rx.event
    @guarded(Role.PRIVACY_OFFICER)
    def grant(self, form_data: dict[str, Any]) -> None:
        raw_id = str(form_data.get("request_id", ""))[:12]
        if not raw_id.isdigit():
            self.notice_key = "restriction.not_a_stop_request"
            return
        self._act(
            restriction.do_grant,
            "restriction.granted",
            int(raw_id),
            str(form_data.get("reason", ""))[:MAX_FIELD],
            str(form_data.get("answer", ""))[: MAX_FIELD * 5],
        )

    @rx.event
    @guarded(Role.PRIVACY_OFFICER)
    def refuse(self, form_data: dict[str, Any]) -> None:
        """Refuse a stop request with the answer that gives the reason; the use goes on."""
        raw_id = str(form_data.get("request_id", ""))[:12]
        if not raw_id.isdigit():
            self.notice_key = "restriction.not_a_stop_request"
            return
        self._act(
            restriction.do_refuse,
            "restriction.refused_done",
            int(raw_id),
            str(form_data.get("answer", ""))[: MAX_FIELD * 5],
        )

    @rx.event
    @guarded(Role.PRIVACY_OFFICER)
    def start(self, form_data: dict[str, Any]) -> None:
        self._act(
            restriction.do_start,
            "restriction.started",
            str(form_data.get("personnel_number", ""))[: restriction.MAX_NUMBER + 1],
            str(form_data.get("last_name", ""))[: restriction.MAX_NAME + 1],
            str(form_data.get("reason", ""))[:MAX_FIELD],
        )

    @rx.event
    @guarded(Role.PRIVACY_OFFICER)
    def lift(self, form_data: dict[str, Any]) -> None:
        raw_id = str(form_data.get("restriction_id", ""))[:12]
        if not raw_id.isdigit():
            self.notice_key = "restriction.unknown"
            return
        self._act(
            restriction.do_lift,
            "restriction.lifted",
            int(raw_id),
            str(form_data.get("reason", ""))[:MAX_FIELD],
        )


def _textarea(label_key: str, name: str, ident: Any, **attrs: Any) -> rx.Component:
    limit = attrs.pop("max_length")
    return rx.el.div(
        rx.el.label(tr(label_key), html_for=ident),
        rx.el.textarea(name=name, rows=3, required=True, **counted(ident, limit), **attrs),
        char_counter(ident, limit),
        class_name="field",
    )


def _request_item(row: Any) -> rx.Component:
    return rx.el.li(
        rx.el.h3(
            rx.cond(
                row.overdue != "",
                rx.el.span(tr("restriction.overdue"), class_name="badge overdue"),
            ),
            tr("rights_desk.heading.stop"),
            " ",
            tr("rights_desk.heading_of"),
            " ",
            row.name,
            " · ",
            row.number,
        ),
        rx.el.dl(
            rx.el.dt(tr("restriction.received_on")),
            rx.el.dd(row.received),
            rx.el.dt(tr("restriction.due_on")),
            rx.el.dd(row.due),
            rx.el.dt(tr("restriction.request_text")),
            rx.el.dd(rx.cond(row.text != "", row.text, tr("restriction.no_text"))),
            class_name="items",
        ),
        rx.cond(row.restricted != "", rx.el.p(tr("restriction.already_running"))),
        rx.el.form(
            rx.el.input(type="hidden", name="request_id", value=row.request_id),
            _textarea(
                "restriction.reason_label",
                "reason",
                "grant-reason-" + row.request_id,
                max_length=restriction.MAX_REASON,
            ),
            _textarea(
                "restriction.answer_label",
                "answer",
                "grant-answer-" + row.request_id,
                default_value=tr("restriction.answer_default"),
                max_length=10_000,
            ),
            rx.el.button(tr("restriction.grant"), type="submit", class_name="button"),
            on_submit=RestrictionsState.grant,
            class_name="form",
        ),
        rx.el.details(
            rx.el.summary(tr("restriction.refuse_title")),
            rx.el.form(
                rx.el.input(type="hidden", name="request_id", value=row.request_id),
                _textarea(
                    "restriction.refuse_answer_label",
                    "answer",
                    "refuse-answer-" + row.request_id,
                    max_length=10_000,
                ),
                rx.el.button(
                    tr("restriction.refuse"), type="submit", class_name="button secondary"
                ),
                on_submit=RestrictionsState.refuse,
                class_name="form",
            ),
        ),
        class_name=rx.cond(row.overdue != "", "rights-request overdue", "rights-request"),
    )


def _exception_item(line: Any) -> rx.Component:
    return rx.el.li(line)


def _restriction_item(row: Any) -> rx.Component:
    return rx.el.li(
        rx.el.h3(row.number, " · ", row.name),
        rx.el.dl(
            rx.el.dt(tr("restriction.since")),
            rx.el.dd(row.since),
            rx.el.dt(tr("restriction.reason")),
            rx.el.dd(row.reason),
            rx.cond(
                row.request_id != "",
                rx.fragment(rx.el.dt(tr("restriction.by_request")), rx.el.dd(row.request_id)),
            ),
            class_name="items",
        ),
        rx.el.h4(tr("restriction.exceptions_title")),
        rx.cond(
            row.exceptions.length() > 0,
            rx.el.ul(rx.foreach(row.exceptions, _exception_item), class_name="plain"),
            rx.el.p(tr("restriction.no_exceptions")),
        ),
        rx.el.form(
            rx.el.input(type="hidden", name="restriction_id", value=row.restriction_id),
            _textarea(
                "restriction.lift_reason",
                "reason",
                "lift-reason-" + row.restriction_id,
                max_length=restriction.MAX_REASON,
            ),
            rx.el.button(tr("restriction.lift"), type="submit", class_name="button secondary"),
            on_submit=RestrictionsState.lift,
            class_name="form",
        ),
        class_name="rights-request",
    )


def _start_form() -> rx.Component:
    return rx.el.section(
        rx.el.h2(tr("restriction.start_title")),
        rx.el.p(tr("restriction.start_intro")),
        rx.el.form(
            input_field(
                "restriction.personnel_number",
                "personnel_number",
                field_id="start-number",
                required=True,
                max_length=restriction.MAX_NUMBER,
                auto_complete="off",
            ),
            input_field(
                "restriction.last_name",
                "last_name",
                field_id="start-last-name",
                required=True,
                max_length=restriction.MAX_NAME,
                auto_complete="off",
            ),
            _textarea(
                "restriction.reason_label",
                "reason",
                "start-reason",
                max_length=restriction.MAX_REASON,
            ),
            rx.el.button(tr("restriction.start"), type="submit", class_name="button"),
            on_submit=RestrictionsState.start,
            reset_on_submit=True,
            class_name="form",
        ),
        class_name="card",
    )


def restrictions_page() -> rx.Component:
    state = RestrictionsState
    return portal_page(
        rx.el.h1(tr("restriction.title")),
        notice(state.notice_text, state.notice_kind),
        rx.el.p(tr("restriction.intro")),
        rx.el.section(
            rx.el.h2(tr("restriction.requests_title")),
            rx.el.p(tr("restriction.requests_answer_hint"), class_name="meta"),
            request_list(state.requests, _request_item, "restriction.requests_none"),
            aria_label=tr("restriction.requests_title"),
        ),
        _start_form(),
        rx.el.section(
            rx.el.h2(tr("restriction.running_title")),
            request_list(state.restrictions, _restriction_item, "restriction.running_none"),
            aria_label=tr("restriction.running_title"),
        ),
    )
