"""The company doctor's transfer page (seed ch. 3 D; ch. 1 Bewaartermijn): the transfer
requests of employees of his employers with a running case, and for each a plain form that
posts to ``routes.API_CARE_TRANSFER`` (kwportal/ui/api/care_transfer.py). The answer is the
package encrypted for the receiving arbodienst, as a download after a fresh code: the file,
the recipient's key and the passphrase never pass through this state. The privacy desk
sees that the package was released and confirms receipt (kwportal/ui/pages/privacy)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import CATALOGS
from kwportal.services.case import handover, transfer, transfer_requests
from kwportal.services.privacy.transfer import MAX_RECIPIENT
from kwportal.ui import routes
from kwportal.ui.components.employer_case import day
from kwportal.ui.components.forms import notice, post_form
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr

ROUTE = routes.CARE_TRANSFER
#: message keys a refused release may bring back in ``?e=``
BACK_KEYS = ("care_transfer.", "transfer.", "handover.")


@dataclass
class TransferRow:
    request_id: str = ""
    name: str = ""
    number: str = ""
    organisation: str = ""
    received: str = ""
    due: str = ""
    open_cases: str = ""
    released_on: str = ""
    awaiting: bool = False


def _row(line: transfer_requests.TransferLine) -> TransferRow:
    return TransferRow(
        request_id=str(line.request_id),
        name=line.name,
        number=line.personnel_number,
        organisation=line.organisation,
        received=day(line.received_at),
        due=day(line.due_on),
        open_cases=str(line.open_cases),
        released_on=day(line.released_on),
        awaiting=line.awaiting,
    )


@dataclass
class HandoverRow:
    """A case handed over because its employer changed arbodienst (issue 17 item 6)."""

    case_id: str = ""
    name: str = ""
    number: str = ""
    organisation: str = ""
    successor: str = ""
    contract_end: str = ""
    sick_since: str = ""
    released_on: str = ""


def _handover_row(line: handover.HandoverCase) -> HandoverRow:
    return HandoverRow(
        case_id=str(line.case_id),
        name=line.name,
        number=line.personnel_number,
        organisation=line.organisation,
        successor=line.successor,
        contract_end=day(line.contract_end),
        sick_since=day(line.sick_since),
        released_on=day(line.released_on),
    )


class CareTransferState(AuthState):
    rows: list[TransferRow] = []
    handovers: list[HandoverRow] = []

    @rx.event
    @guarded(Role.COMPANY_DOCTOR)
    def load(self) -> None:
        """A release that was refused comes back here with its message key."""
        key = parse_qs(urlsplit(str(self.router.url)).query).get("e", [""])[0][:60]
        self.notice_key = key if key.startswith(BACK_KEYS) and key in CATALOGS["nl"] else ""
        page = self._run(handover.do_transfer_page)
        self.rows = [_row(line) for line in page.requests]
        self.handovers = [_handover_row(line) for line in page.handovers]


def _input(label_key: str, ident: Any, name: str, hint_key: str = "", **attrs: Any) -> Any:
    """A labelled input; its hint, if any, is read with it (aria-describedby)."""
    hint: list[rx.Component] = []
    if hint_key:
        attrs["aria_describedby"] = ident + "-hint"
        hint = [rx.el.p(tr(hint_key), id=ident + "-hint", class_name="hint")]
    return rx.el.div(
        rx.el.label(tr(label_key), html_for=ident),
        rx.el.input(id=ident, name=name, **attrs),
        *hint,
        class_name="field",
    )


def _method(row: Any, value: str, label_key: str, checked: bool, ref: Any = None) -> rx.Component:
    ident = "method-" + value + "-" + (row.request_id if ref is None else ref)
    return rx.el.div(
        rx.el.input(id=ident, name="method", type="radio", value=value, default_checked=checked),
        rx.el.label(tr(label_key), html_for=ident),
        class_name="check",
    )


def _encryption(row: Any, ref: Any) -> rx.Component:
    """How the package is encrypted; ``ref`` keeps each form's ids its own."""
    return rx.el.fieldset(
        rx.el.legend(tr("care_transfer.method")),
        _method(row, transfer.BY_KEY, "care_transfer.by_key", True, ref),
        _input(
            "care_transfer.age_key",
            "age-key-" + ref,
            "age_key",
            "care_transfer.age_key_hint",
            type="text",
            auto_complete="off",
            spell_check=False,
            max_length=transfer.MAX_KEY,
        ),
        _method(row, transfer.BY_PHRASE, "care_transfer.by_passphrase", False, ref),
        _input(
            "care_transfer.passphrase",
            "passphrase-" + ref,
            "passphrase",
            "care_transfer.passphrase_hint",
            type="password",
            auto_complete="new-password",
            max_length=transfer.MAX_PASSPHRASE,
        ),
        _input(
            "care_transfer.passphrase_again",
            "passphrase-again-" + ref,
            "passphrase_again",
            type="password",
            auto_complete="new-password",
            max_length=transfer.MAX_PASSPHRASE,
        ),
        class_name="choices",
    )


def _release_form(row: Any) -> rx.Component:
    return post_form(
        routes.API_CARE_TRANSFER,
        rx.el.input(type="hidden", name="request_id", value=row.request_id),
        _input(
            "transfer.recipient",
            "recipient-" + row.request_id,
            "recipient",
            type="text",
            required=True,
            max_length=MAX_RECIPIENT,
            auto_complete="organization",
        ),
        _encryption(row, row.request_id),
        rx.el.p(tr("transfer.stepup_note"), class_name="hint"),
        rx.el.button(tr("care_transfer.release"), type="submit", class_name="button"),
    )


def _item(row: Any) -> rx.Component:
    return rx.el.li(
        rx.el.h2(row.name, " (", row.number, ")"),
        rx.el.dl(
            rx.el.dt(tr("care_transfer.employer")),
            rx.el.dd(row.organisation),
            rx.el.dt(tr("rights.received_on")),
            rx.el.dd(row.received),
            rx.el.dt(tr("rights.due_on")),
            rx.el.dd(row.due),
            rx.el.dt(tr("care_transfer.open_cases")),
            rx.el.dd(row.open_cases),
            rx.cond(
                row.released_on != "",
                rx.fragment(rx.el.dt(tr("care_transfer.released_on")), rx.el.dd(row.released_on)),
            ),
            class_name="items",
        ),
        rx.cond(row.awaiting, rx.el.p(tr("transfer.awaiting"), class_name="badge new")),
        _release_form(row),
        class_name="transfer card",
    )


def _handover_item(row: Any) -> rx.Component:
    ref = "case-" + row.case_id
    return rx.el.li(
        rx.el.h2(row.name, " (", row.number, ")"),
        rx.el.dl(
            rx.el.dt(tr("care_transfer.employer")),
            rx.el.dd(row.organisation),
            rx.el.dt(tr("handover.successor")),
            rx.el.dd(row.successor),
            rx.el.dt(tr("handover.contract_end")),
            rx.el.dd(row.contract_end),
            rx.el.dt(tr("handover.sick_since")),
            rx.el.dd(row.sick_since),
            rx.cond(
                row.released_on != "",
                rx.fragment(rx.el.dt(tr("care_transfer.released_on")), rx.el.dd(row.released_on)),
            ),
            class_name="items",
        ),
        rx.cond(row.released_on != "", rx.el.p(tr("handover.awaiting"), class_name="badge new")),
        post_form(
            routes.API_CARE_TRANSFER,
            rx.el.input(type="hidden", name="case_id", value=row.case_id),
            _encryption(row, ref),
            rx.el.p(tr("transfer.stepup_note"), class_name="hint"),
            rx.el.button(tr("handover.release"), type="submit", class_name="button"),
        ),
        class_name="transfer card",
    )


def _handovers() -> rx.Component:
    rows: Any = CareTransferState.handovers
    return rx.el.section(
        rx.el.h2(tr("handover.doctor_heading")),
        rx.el.p(tr("handover.doctor_intro")),
        rx.cond(
            rows.length() > 0,
            rx.el.ul(
                rx.foreach(CareTransferState.handovers, _handover_item),
                class_name="plain rights-list",
            ),
            rx.el.p(tr("handover.doctor_none")),
        ),
    )


def care_transfer_page() -> rx.Component:
    rows: Any = CareTransferState.rows
    return portal_page(
        rx.el.h1(tr("care_transfer.title")),
        notice(CareTransferState.notice_text, CareTransferState.notice_kind),
        rx.el.p(tr("care_transfer.intro")),
        rx.el.p(tr("care_transfer.how_to_open")),
        rx.cond(
            rows.length() > 0,
            rx.el.ul(rx.foreach(CareTransferState.rows, _item), class_name="plain rights-list"),
            rx.el.p(tr("care_transfer.none")),
        ),
        _handovers(),
    )
