"""The employee's rights page (seed ch. 3, A–E): what each right means, one short form to
make a request, and his own requests with due date (four weeks, never extended), status and
answer; a rectification request with the outcome of each field (issue 17 item 2)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import reflex as rx

from kwportal.domain.rights import RightsKind
from kwportal.domain.roles import Role
from kwportal.i18n.fmt import fmt_date
from kwportal.services.employee import my_rights as rights
from kwportal.ui import routes
from kwportal.ui.components.counter import char_counter, counted
from kwportal.ui.components.forms import notice
from kwportal.ui.components.lists import item, optional_item
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.components.rights import (
    KINDS,
    ItemRow,
    field_label,
    item_row,
    kind_label,
    outcome_items,
    request_list,
    status_label,
)
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr

ROUTE = routes.MY_RIGHTS
FORM_ID = "rights-form"
AP_URL = "https://www.autoriteitpersoonsgegevens.nl"
AP_TEL = "tel:+31881805250"


@dataclass
class RequestLine:
    request_id: str = ""
    kind: str = ""
    text: str = ""
    received: str = ""
    due: str = ""
    status: str = ""
    answer: str = ""
    answered: str = ""
    #: history: a term extended before the four-week rule (issue 17 item 4)
    extended_to: str = ""
    extension_reason: str = ""
    #: a rectification's fields and their outcome
    corrections: list[ItemRow] = field(default_factory=list)


def _line(found: rights.MyRequestLine) -> RequestLine:
    view = found.request
    return RequestLine(
        request_id=str(view.request_id),
        kind=str(view.kind),
        text=view.text,
        received=fmt_date(view.received_at, short=True),
        due=fmt_date(view.due_on, short=True),
        status=str(view.status),
        answer=view.answer,
        answered=fmt_date(view.answered_at, short=True),
        extended_to=fmt_date(view.extended_to, short=True),
        extension_reason=view.extension_reason if view.extended_to else "",
        corrections=[item_row(i) for i in found.items],
    )


class MyRightsState(AuthState):
    requests: list[RequestLine] = []

    def _show(self, views: rights.Mine) -> None:
        self.requests = [_line(v) for v in views]

    @rx.event
    @guarded(Role.EMPLOYEE)
    def load(self) -> None:
        self.notice_key = ""
        self._show(self._run(rights.do_list_mine))

    @rx.event
    @guarded(Role.EMPLOYEE)
    def file_request(self, form_data: dict[str, Any]) -> Any:
        kind = str(form_data.get("kind", ""))[:40]
        # one past the limit: an over-long text is refused, never silently cut
        text = str(form_data.get("text", ""))[: rights.MAX_TEXT + 1]
        try:
            views = self._run(rights.do_file, kind, text)
        except rights.RightsError as error:
            self.notice_key = error.code
            return None
        complaint = kind == RightsKind.COMPLAINT
        self.notice_key = "rights.submitted_complaint" if complaint else "rights.submitted"
        self._show(views)
        return rx.call_script(f"document.getElementById('{FORM_ID}')?.reset()")


def _explain(kind: str) -> rx.Component:
    return rx.fragment(rx.el.dt(tr(f"rights.kind.{kind}")), rx.el.dd(tr(f"rights.explain.{kind}")))


def _authority() -> rx.Component:
    return rx.el.section(
        rx.el.h2(tr("rights.ap_title")),
        rx.el.p(tr("rights.ap_text")),
        rx.el.p(rx.el.a(tr("rights.ap_web"), href=AP_URL, rel="noopener noreferrer")),
        rx.el.p(tr("rights.ap_phone_label"), ": ", rx.el.a(tr("rights.ap_phone"), href=AP_TEL)),
        class_name="card",
    )


def _request_form() -> rx.Component:
    return rx.el.section(
        rx.el.h2(tr("rights.form_title")),
        rx.el.form(
            rx.el.div(
                rx.el.label(tr("rights.kind_label"), html_for="f-kind"),
                rx.el.select(
                    *[rx.el.option(tr(f"rights.kind.{k}"), value=k) for k in KINDS],
                    id="f-kind",
                    name="kind",
                    required=True,
                ),
                class_name="field",
            ),
            rx.el.div(
                rx.el.label(tr("rights.text_label"), html_for="f-text"),
                rx.el.p(tr("rights.medical_warning"), id="f-text-warning", class_name="warning"),
                rx.el.textarea(
                    name="text",
                    rows=5,
                    aria_describedby="f-text-warning",
                    **counted("f-text", rights.MAX_TEXT),
                ),
                char_counter("f-text", rights.MAX_TEXT),
                class_name="field",
            ),
            rx.el.button(tr("rights.submit"), type="submit", class_name="button"),
            id=FORM_ID,
            on_submit=MyRightsState.file_request,
            class_name="form",
        ),
        class_name="card",
    )


def _request_item(line: Any) -> rx.Component:
    return rx.el.li(
        rx.el.h3(kind_label(line.kind)),
        rx.el.dl(
            *item("rights.status_label", status_label(line.status)),
            *item("rights.received_on", line.received),
            *item("rights.due_on", line.due),
            optional_item("rights.history_extended_to", line.extended_to),
            optional_item("rights.history_extension_reason", line.extension_reason),
            optional_item("rights.your_text", line.text),
            rx.cond(
                line.answered != "",
                rx.fragment(
                    rx.el.dt(tr("rights.answered_on")),
                    rx.el.dd(line.answered),
                    rx.el.dt(tr("rights.answer")),
                    rx.el.dd(line.answer, class_name="answer"),
                ),
            ),
            class_name="items",
        ),
        _items(line),
        class_name="rights-request",
    )


def _item(item: Any) -> rx.Component:
    return rx.el.li(
        rx.el.h4(field_label(item.field)),
        rx.el.dl(*outcome_items(item), class_name="items"),
        class_name="rectification-item",
    )


def _items(line: Any) -> rx.Component:
    items: Any = line.corrections
    return rx.cond(
        items.length() > 0,
        rx.el.ul(rx.foreach(items, _item), class_name="plain"),
    )


def my_rights_page() -> rx.Component:
    return portal_page(
        rx.el.h1(tr("rights.title")),
        notice(MyRightsState.notice_text, MyRightsState.notice_kind),
        rx.el.p(tr("rights.intro")),
        rx.el.p(rx.el.a(tr("reglement.read"), href=routes.PRIVACYREGLEMENT)),
        rx.el.section(
            rx.el.h2(tr("rights.kinds_title")),
            rx.el.dl(*[_explain(k) for k in KINDS], class_name="items"),
            class_name="card",
        ),
        _authority(),
        _request_form(),
        rx.el.section(
            rx.el.h2(tr("rights.mine_title")),
            request_list(MyRightsState.requests, _request_item, "rights.none"),
            class_name="card",
        ),
    )
