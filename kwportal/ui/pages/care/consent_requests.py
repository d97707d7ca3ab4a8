"""Consent requests (issue 7 item 6; issue 17 item 7). The company doctor or his care team
asks for the one datum that may reach the employer — an emergency note, its exact text and
why; a kind the policy forbids outright is refused with the reason. The doctor, his team or
the case manager asks for a consent beyond the employer — a GP machtiging, a re-integration
provider, the absence insurer, a new arbodienst — with recipient, purpose, data and period;
each role is offered the kinds it may ask (``policy.CONSENT_ASKERS``). The employee answers
in his portal; the list shows each request's state, a withdrawn or expired one included."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from kwportal.domain.policy import BEYOND_EMPLOYER_KINDS, CONSENT_EMPLOYER_DATUM
from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.i18n.fmt import fmt_date, fmt_datetime
from kwportal.services.case import consent_beyond, consent_requests
from kwportal.services.employee import consents
from kwportal.ui import routes
from kwportal.ui.components.counter import char_counter, counted
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.components.restriction_notice import restriction_badge
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr

ROUTE = routes.CONSENT_REQUESTS
#: allowed kinds first; the forbidden ones are offered so that the refusal can say why
KINDS = consent_requests.OFFERED_KINDS
STATES = ("requested", "granted", "refused", "withdrawn", "expired")
#: who may ask which consent beyond the employer is the policy's; the page offers its kinds
BEYOND_KINDS = BEYOND_EMPLOYER_KINDS
ASKERS = (Role.COMPANY_DOCTOR, Role.CARE_TEAM, Role.CASE_MANAGER)


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
    #: the consent's kind: the employer datum or one beyond the employer
    consent_kind: str = ""
    recipient: str = ""
    until: str = ""
    #: the use of his data stopped (issue 17 item 3): nothing more can be asked of him
    restricted: bool = False
    #: "requested on <date>" until answered, then "granted on", "refused on", "withdrawn on"
    when_key: str = "consents.requested_on"


#: which moment a request's line names, by its state (an expired consent: when it was given)
WHEN_KEYS = {
    "requested": "consents.requested_on",
    "granted": "consents.granted_on",
    "expired": "consents.granted_on",
    "refused": "consents.refused_on",
    "withdrawn": "consents.withdrawn_on",
}


def _when(line: consent_requests.RequestLine, lang: str) -> str:
    moment = line.requested_at if line.state == "requested" else line.answered_at
    return fmt_datetime(moment or line.requested_at, lang)


class ConsentRequestState(AuthState):
    cases: list[CaseOption] = []
    requests: list[RequestRow] = []
    #: may this role ask for the employer datum (the emergency note)?
    asks_datum: bool = False
    #: the kinds beyond the employer this role may ask for
    beyond_kinds: list[str] = []

    def _show(self, page: consent_requests.RequestsPage) -> None:
        stopped = f" · {t('restriction.badge', self.lang)}"
        self.cases = [
            CaseOption(
                str(c.case_id),
                f"{c.name} ({c.personnel_number}, {c.organisation})"
                + (stopped if c.employee_id in page.restricted else ""),
            )
            for c in page.cases
        ]
        self.requests = [
            RequestRow(
                r.name,
                r.datum_kind,
                r.label,
                r.state,
                _when(r, self.lang),
                r.kind,
                r.recipient,
                fmt_date(r.valid_until, self.lang),
                r.employee_id in page.restricted,
                WHEN_KEYS.get(r.state, WHEN_KEYS["requested"]),
            )
            for r in page.requests
        ]
        self.asks_datum = CONSENT_EMPLOYER_DATUM in page.kinds
        self.beyond_kinds = [k for k in page.kinds if k in BEYOND_KINDS]

    @rx.event
    @guarded(*ASKERS)
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

    @rx.event
    @guarded(*ASKERS)
    def send_beyond(self, form_data: dict[str, Any]) -> None:
        raw = str(form_data.get("case_id", ""))[:12]
        if not raw.isdigit():
            self.notice_key = "consent_req.unknown_case"
            return
        ask = consent_beyond.ConsentAsk(
            kind=str(form_data.get("kind", ""))[:40],
            recipient=str(form_data.get("recipient", ""))[:100_000],
            purpose=str(form_data.get("purpose", ""))[:100_000],
            data=str(form_data.get("data", ""))[:100_000],
            valid_until=str(form_data.get("valid_until", ""))[:20],
        )
        try:
            page = self._run(consent_beyond.do_request_consent, int(raw), ask)
        except consents.ConsentError as error:
            self.notice_key = error.code
            return
        self.notice_key = "consent_req.sent"
        self._show(page)


def _labelled(label_key: str, ident: str, control: rx.Component) -> rx.Component:
    return rx.el.div(rx.el.label(tr(label_key), html_for=ident), control, class_name="field")


def _kind_label(kind: Any) -> rx.Component:
    every = (*KINDS, *BEYOND_KINDS)
    return rx.match(kind, *[(k, tr(f"consent_req.kind.{k}")) for k in every], kind)


def _request_item(row: Any) -> rx.Component:
    beyond = row.consent_kind != CONSENT_EMPLOYER_DATUM
    return rx.el.li(
        rx.el.strong(row.name),
        " ",
        restriction_badge(row.restricted),
        rx.el.br(),
        rx.cond(beyond, _kind_label(row.consent_kind), _kind_label(row.kind)),
        ": ",
        row.label,
        rx.cond(
            beyond,
            rx.el.span(" · ", tr("consents.recipient"), ": ", row.recipient),
            rx.fragment(),
        ),
        rx.el.br(),
        rx.match(row.state, *[(s, tr(f"consents.state.{s}")) for s in STATES], row.state),
        " · ",
        rx.match(row.when_key, *[(k, tr(k)) for k in sorted(set(WHEN_KEYS.values()))], ""),
        " ",
        row.requested,
        rx.cond(
            row.until != "",
            rx.el.span(" · ", tr("consents.until"), " ", row.until),
            rx.fragment(),
        ),
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
            rx.fragment(
                rx.el.textarea(name="value", required=True, rows=4, **counted("f-value", 2000)),
                char_counter("f-value", 2000),
            ),
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


def _case_select(ident: str) -> rx.Component:
    return _labelled(
        "consent_req.case",
        ident,
        rx.el.select(
            rx.foreach(ConsentRequestState.cases, lambda c: rx.el.option(c.label, value=c.value)),
            name="case_id",
            id=ident,
            required=True,
        ),
    )


def _beyond_form() -> rx.Component:
    """A consent that points elsewhere than the employer: to whom, why, which data, until."""
    return rx.el.form(
        _case_select("b-case"),
        _labelled(
            "consent_beyond.kind",
            "b-kind",
            rx.el.select(
                rx.foreach(
                    ConsentRequestState.beyond_kinds,
                    lambda k: rx.el.option(_kind_label(k), value=k),
                ),
                name="kind",
                id="b-kind",
            ),
        ),
        _labelled(
            "consent_beyond.recipient",
            "b-recipient",
            rx.el.input(name="recipient", id="b-recipient", required=True, max_length=200),
        ),
        _labelled(
            "consent_req.purpose",
            "b-purpose",
            rx.el.input(name="purpose", id="b-purpose", required=True, max_length=300),
        ),
        _labelled(
            "consent_beyond.data",
            "b-data",
            rx.fragment(
                rx.el.textarea(name="data", required=True, rows=3, **counted("b-data", 500)),
                char_counter("b-data", 500),
            ),
        ),
        _labelled(
            "consent_beyond.until",
            "b-until",
            rx.el.input(name="valid_until", id="b-until", type="date", required=True),
        ),
        rx.el.button(tr("consent_req.send"), type="submit", class_name="button"),
        on_submit=ConsentRequestState.send_beyond,
        reset_on_submit=False,
        class_name="form",
    )


def consent_requests_page() -> rx.Component:
    requests: Any = ConsentRequestState.requests
    beyond: Any = ConsentRequestState.beyond_kinds
    state = ConsentRequestState
    return portal_page(
        rx.el.h1(tr("consent_req.title")),
        notice(ConsentRequestState.notice_text, ConsentRequestState.notice_kind),
        rx.el.p(tr("consent_beyond.intro")),
        rx.cond(
            beyond.length() > 0,
            rx.el.section(
                rx.el.h2(tr("consent_beyond.new_title")),
                rx.el.p(tr("consent_beyond.note"), class_name="meta"),
                _beyond_form(),
                class_name="card",
            ),
            rx.fragment(),
        ),
        rx.cond(
            state.asks_datum,
            rx.el.section(
                rx.el.h2(tr("consent_req.new_title")),
                rx.el.p(tr("consent_req.intro")),
                rx.el.p(tr("consent_req.policy_note")),
                _form(),
                class_name="card",
            ),
            rx.fragment(),
        ),
        rx.el.section(
            rx.el.h2(tr("consent_req.list_title")),
            rx.cond(
                requests.length() > 0,
                rx.el.ul(rx.foreach(requests, _request_item), class_name="plain"),
                rx.el.p(tr("consent_req.none")),
            ),
        ),
    )
