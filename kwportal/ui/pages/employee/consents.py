"""The employee's consents (issue 5 item 4, issue 7 item 6): open requests to answer, and
every consent with purpose, data, recipient, text version and dates. Granting and
withdrawing take one tap after a fresh code (step-up); refusing takes one tap. Each grant
and withdrawal has a signed receipt to download."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n.fmt import fmt_date, fmt_datetime
from kwportal.services.employee import consents
from kwportal.ui import routes
from kwportal.ui.components.downloads import download_button
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.consent_effects import grant_effect, withdraw_effect
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr

ROUTE = routes.MY_CONSENTS
STATES = ("requested", "granted", "refused", "withdrawn", "expired")
EVENTS = ("granted", "withdrawn")
#: what each consent is for, as the employee reads it (issue 17 item 7)
CONSENT_KINDS = (
    "employer_datum",
    "retention_longer",
    "gp_authorisation",
    "reintegration_provider",
    "insurer",
    "new_arbodienst",
)


@dataclass
class ReceiptLink:
    href: str = ""
    event: str = ""


@dataclass
class ConsentRow:
    consent_id: str = ""
    kind: str = ""
    state: str = ""
    purpose: str = ""
    data: str = ""
    value: str = ""
    recipient: str = ""
    version: str = ""
    requested: str = ""
    granted: str = ""
    refused: str = ""
    withdrawn: str = ""
    until: str = ""
    receipts: list[ReceiptLink] = field(default_factory=list)
    #: what withdrawing changes at once (a granted consent only)
    effect: str = ""
    #: what granting allows from now on (an open request only)
    grant_effect: str = ""


def _row(c: consents.MyConsent, lang: str) -> ConsentRow:
    return ConsentRow(
        consent_id=str(c.consent_id),
        kind=c.kind,
        state=c.state,
        purpose=c.purpose,
        data=c.data,
        value=c.datum_value,
        recipient=c.recipient,
        version=c.notice_version,
        requested=fmt_datetime(c.requested_at, lang),
        granted=fmt_datetime(c.granted_at, lang),
        refused=fmt_datetime(c.refused_at, lang),
        withdrawn=fmt_datetime(c.withdrawn_at, lang),
        until=fmt_date(c.valid_until, lang),
        receipts=[ReceiptLink(routes.receipt_href(r.receipt_id), r.event) for r in c.receipts],
        effect=withdraw_effect(c, lang) if c.state == "granted" else "",
        grant_effect=grant_effect(c, lang) if c.state == "requested" else "",
    )


class MyConsentsState(AuthState):
    pending: list[ConsentRow] = []
    others: list[ConsentRow] = []
    #: the consent whose withdrawal waits for "Ja, nu intrekken"
    confirming: str = ""
    #: the request whose grant waits for "Ja, nu geven": granting asks once too, so
    #: withdrawing is exactly as easy as granting (BRIEF.md, AVG art. 7(3))
    confirming_grant: str = ""

    def _show(self, lines: consents.Mine) -> None:
        rows = [_row(c, self.lang) for c in lines]
        self.pending = [r for r in rows if r.state == "requested"]
        self.others = [r for r in rows if r.state != "requested"]

    @rx.event
    @guarded(Role.EMPLOYEE)
    def load(self) -> None:
        self.notice_key, self.confirming, self.confirming_grant = "", "", ""
        self._show(self._run(consents.do_list_mine))

    @rx.event
    @guarded(Role.EMPLOYEE)
    def grant_request(self, form_data: dict[str, Any]) -> None:
        self._change(consents.do_grant, form_data, "consents.granted")
        self.confirming_grant = ""

    @rx.event
    @guarded(Role.EMPLOYEE)
    def ask_grant(self, consent_id: str) -> None:
        """First tap: say what the grant allows; the second tap grants."""
        open_requests = {row.consent_id for row in self.pending}
        self.confirming_grant = consent_id if consent_id in open_requests else ""

    @rx.event
    @guarded(Role.EMPLOYEE)
    def keep_request(self) -> None:
        self.confirming_grant = ""

    @rx.event
    @guarded(Role.EMPLOYEE)
    def refuse_request(self, form_data: dict[str, Any]) -> None:
        self._change(consents.do_refuse, form_data, "consents.refused")

    @rx.event
    @guarded(Role.EMPLOYEE)
    def withdraw_consent(self, form_data: dict[str, Any]) -> None:
        self._change(consents.do_withdraw, form_data, "consents.withdrawn")
        self.confirming = ""

    @rx.event
    @guarded(Role.EMPLOYEE)
    def ask_withdraw(self, consent_id: str) -> None:
        """First tap: say what changes at once; the second tap withdraws."""
        granted = {row.consent_id for row in self.others if row.state == "granted"}
        self.confirming = consent_id if consent_id in granted else ""

    @rx.event
    @guarded(Role.EMPLOYEE)
    def keep_consent(self) -> None:
        self.confirming = ""

    def _change(self, use_case: Any, form_data: dict[str, Any], done_key: str) -> None:
        raw = str(form_data.get("consent_id", ""))[:12]
        if not raw.isdigit():
            self.notice_key = "consent.unknown"
            return
        try:
            self._show(self._run(use_case, int(raw)))
        except consents.ConsentError as error:
            # nothing changed; the list is read again, as another tab may have moved on
            self.notice_key = error.code
            self._show(self._run(consents.do_list_mine))
        else:
            self.notice_key = done_key


def _state_label(state: Any) -> rx.Component:
    return rx.match(state, *[(s, tr(f"consents.state.{s}")) for s in STATES], state)


def _line(label_key: str, value: Any) -> rx.Component:
    return rx.cond(
        value != "", rx.fragment(rx.el.dt(tr(label_key)), rx.el.dd(value)), rx.fragment()
    )


def _kind(row: Any) -> rx.Component:
    return rx.match(
        row.kind,
        *[
            (k, rx.fragment(rx.el.dt(tr("consents.kind")), rx.el.dd(tr(f"consents.kind.{k}"))))
            for k in CONSENT_KINDS
        ],
        rx.fragment(),
    )


def _details(row: Any) -> rx.Component:
    return rx.el.dl(
        _kind(row),
        _line("consents.purpose", row.purpose),
        _line("consents.data", row.data),
        _line("consents.exact_text", row.value),
        _line("consents.recipient", row.recipient),
        _line("consents.version", row.version),
        _line("consents.requested_at", row.requested),
        _line("consents.granted_at", row.granted),
        _line("consents.refused_at", row.refused),
        _line("consents.withdrawn_at", row.withdrawn),
        _line("consents.until", row.until),
        class_name="items",
    )


def _button_form(row: Any, handler: Any, label_key: str, extra: str = "") -> rx.Component:
    return rx.el.form(
        rx.el.input(type="hidden", name="consent_id", value=row.consent_id),
        rx.el.button(tr(label_key), type="submit", class_name=f"button {extra}".strip()),
        on_submit=handler,
        class_name="inline-form",
    )


def _asked_once(
    row: Any, waiting: Any, effect: Any, key: str, act: Any, keep: Any, ask: Any
) -> rx.Component:
    """The button, or (after its first tap) the box that says what the act does and asks
    once more: ``consents.<key>`` and its ``_confirm_title`` / ``_confirm`` / ``_no`` texts."""
    after = "grant_after" if key == "grant" else "withdraw_before"
    return rx.cond(
        waiting == row.consent_id,
        rx.el.div(
            rx.el.p(rx.el.strong(tr(f"consents.{key}_confirm_title"))),
            rx.el.p(effect),
            rx.el.p(tr(f"consents.{after}")),
            rx.el.div(
                _button_form(row, act, f"consents.{key}_confirm"),
                rx.el.button(
                    tr(f"consents.{key}_no"),
                    type="button",
                    class_name="button secondary",
                    on_click=keep,
                ),
                class_name="actions",
            ),
            role="group",
            aria_label=tr(f"consents.{key}_confirm_title"),
            class_name="confirm-box",
        ),
        rx.el.button(tr(f"consents.{key}"), type="button", class_name="button", on_click=ask),
    )


def _grant(row: Any) -> rx.Component:
    """Granting asks once, saying what it allows from now on: the same two taps as
    withdrawing, so neither is harder than the other."""
    state = MyConsentsState
    return _asked_once(
        row,
        state.confirming_grant,
        row.grant_effect,
        "grant",
        state.grant_request,
        state.keep_request,
        state.ask_grant(row.consent_id),
    )


def _withdraw(row: Any) -> rx.Component:
    """Withdrawing asks once, saying what changes at once (issue 18 item 2)."""
    state = MyConsentsState
    return _asked_once(
        row,
        state.confirming,
        row.effect,
        "withdraw",
        state.withdraw_consent,
        state.keep_consent,
        state.ask_withdraw(row.consent_id),
    )


def _receipt(link: Any) -> rx.Component:
    label = rx.match(link.event, *[(e, tr(f"consents.receipt.{e}")) for e in EVENTS], link.event)
    return rx.el.li(download_button(label, link.href))


def _pending_item(row: Any) -> rx.Component:
    return rx.el.li(
        _details(row),
        rx.el.div(
            _grant(row),
            _button_form(row, MyConsentsState.refuse_request, "consents.refuse", "secondary"),
            class_name="actions",
        ),
        class_name="card consent pending",
    )


def _consent_item(row: Any) -> rx.Component:
    return rx.el.li(
        rx.el.p(rx.el.strong(_state_label(row.state))),
        _details(row),
        rx.cond(row.state == "granted", _withdraw(row), rx.fragment()),
        rx.cond(
            row.receipts.length() > 0,
            rx.el.ul(rx.foreach(row.receipts, _receipt), class_name="plain receipts"),
            rx.fragment(),
        ),
        class_name="card consent",
    )


def my_consents_page() -> rx.Component:
    state = MyConsentsState
    pending: Any = state.pending
    others: Any = state.others
    return portal_page(
        rx.el.h1(tr("consents.title")),
        notice(state.notice_text, state.notice_kind),
        rx.el.p(tr("consents.intro")),
        rx.el.p(tr("consents.withdraw_note")),
        rx.el.p(tr("consent.stepup_note")),
        rx.el.section(
            rx.el.h2(tr("consents.pending_title")),
            rx.cond(
                pending.length() > 0,
                rx.el.ul(rx.foreach(pending, _pending_item), class_name="plain"),
                rx.el.p(tr("consents.no_pending")),
            ),
        ),
        rx.el.section(
            rx.el.h2(tr("consents.all_title")),
            rx.cond(
                others.length() > 0,
                rx.el.ul(rx.foreach(others, _consent_item), class_name="plain"),
                rx.el.p(tr("consents.none")),
            ),
        ),
    )
