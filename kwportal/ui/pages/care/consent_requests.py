"""The company doctor's (or his care team's) consent requests (issue 7 item 6): choose an
open case in his scope, name one datum and its exact text, say why, and send; the employee
answers in his portal. A kind the policy forbids outright is refused with the reason."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.services.case import consent_requests
from kwportal.services.employee import consents
from kwportal.ui import routes
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr

ROUTE = routes.CONSENT_REQUESTS
#: allowed kinds first; the forbidden ones are offered so that the refusal can say why
KINDS = consent_requests.OFFERED_KINDS
STATES = ("requested", "granted", "refused", "withdrawn")


@dataclass
class CaseOption:
    value: str = ""
    label: str = ""


@dataclass
class RequestRow:
    name: str = ""
    kind: str = ""
    label: str = ""
    state: str = ""
    requested: str = ""


class ConsentRequestState(AuthState):
    cases: list[CaseOption] = []
    requests: list[RequestRow] = []

    def _show(self, page: consent_requests.RequestsPage) -> None:
        self.cases = [
            CaseOption(str(c.case_id), f"{c.name} ({c.personnel_number}, {c.organisation})")
            for c in page.cases
        ]
        self.requests = [
            RequestRow(
                r.name,
                r.datum_kind,
                r.label,
                r.state,
                f"{r.requested_at:%Y-%m-%d %H:%M}" if r.requested_at else "",
            )
            for r in page.requests
        ]

    @rx.event
    @guarded(Role.COMPANY_DOCTOR, Role.CARE_TEAM)
    def load(self) -> None:
        self.notice_key = ""
        self._show(self._run(consent_requests.do_list_requests))

    @rx.event
    @guarded(Role.COMPANY_DOCTOR, Role.CARE_TEAM)
    def send_request(self, form_data: dict[str, Any]) -> None:
        raw = str(form_data.get("case_id", ""))[:12]
        if not raw.isdigit():
            self.notice_key = "consent_req.unknown_case"
            return
        try:
            page = self._run(
                consent_requests.do_request_datum,
                int(raw),
                datum_kind=str(form_data.get("kind", ""))[:40],
                label=str(form_data.get("label", ""))[:100_000],
                value=str(form_data.get("value", ""))[:100_000],
                purpose=str(form_data.get("purpose", ""))[:100_000],
            )
        except consents.ConsentError as error:
            self.notice_key = error.code
            return
        self.notice_key = "consent_req.sent"
        self._show(page)


def _labelled(label_key: str, ident: str, control: rx.Component) -> rx.Component:
    return rx.el.div(rx.el.label(tr(label_key), html_for=ident), control, class_name="field")


def _request_item(row: Any) -> rx.Component:
    return rx.el.li(
        rx.el.strong(row.name),
        rx.el.br(),
        rx.match(row.kind, *[(k, tr(f"consent_req.kind.{k}")) for k in KINDS], row.kind),
        ": ",
        row.label,
        rx.el.br(),
        rx.match(row.state, *[(s, tr(f"consents.state.{s}")) for s in STATES], row.state),
        " · ",
        row.requested,
    )


def _form() -> rx.Component:
    return rx.el.form(
        _labelled(
            "consent_req.case",
            "f-case",
            rx.el.select(
                rx.foreach(
                    ConsentRequestState.cases, lambda c: rx.el.option(c.label, value=c.value)
                ),
                name="case_id",
                id="f-case",
                required=True,
            ),
        ),
        _labelled(
            "consent_req.kind",
            "f-kind",
            rx.el.select(
                *[rx.el.option(tr(f"consent_req.kind.{k}"), value=k) for k in KINDS],
                name="kind",
                id="f-kind",
            ),
        ),
        _labelled(
            "consent_req.label",
            "f-label",
            rx.el.input(name="label", id="f-label", required=True, max_length=200),
        ),
        _labelled(
            "consent_req.value",
            "f-value",
            rx.el.textarea(name="value", id="f-value", required=True, max_length=2000, rows=4),
        ),
        _labelled(
            "consent_req.purpose",
            "f-purpose",
            rx.el.input(name="purpose", id="f-purpose", required=True, max_length=300),
        ),
        rx.el.button(tr("consent_req.send"), type="submit", class_name="button"),
        on_submit=ConsentRequestState.send_request,
        reset_on_submit=False,
        class_name="form",
    )


def consent_requests_page() -> rx.Component:
    requests: Any = ConsentRequestState.requests
    return portal_page(
        rx.el.h1(tr("consent_req.title")),
        notice(ConsentRequestState.notice_text),
        rx.el.p(tr("consent_req.intro")),
        rx.el.p(tr("consent_req.policy_note")),
        rx.el.section(rx.el.h2(tr("consent_req.new_title")), _form(), class_name="card"),
        rx.el.section(
            rx.el.h2(tr("consent_req.list_title")),
            rx.cond(
                requests.length() > 0,
                rx.el.ul(rx.foreach(requests, _request_item), class_name="plain"),
                rx.el.p(tr("consent_req.none")),
            ),
        ),
    )
