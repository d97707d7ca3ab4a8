"""The case manager's letters (issue 17 item 5; seed ch. 1: "De werknemer wordt altijd op de
hoogte gebracht"): what reached the employer of an employee who has no portal account and
no e-mail address on file, to print (a fresh code first), post and mark sent. The letters
of his own employers only; the PDF holds what the employer received, never medical data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n.fmt import fmt_datetime
from kwportal.services import runner
from kwportal.services.case import letters
from kwportal.services.employee.telling import KINDS
from kwportal.ui import routes
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr

ROUTE = routes.CASE_LETTERS


@dataclass
class LetterRow:
    letter_id: str = ""
    name: str = ""
    meta: str = ""
    kind: str = ""
    created: str = ""
    sent: str = ""
    href: str = ""
    no_address: bool = False


def _minute(value: datetime | None) -> str:
    return fmt_datetime(value, short=True)


def _row(line: letters.LetterLine, lang: str) -> LetterRow:
    return LetterRow(
        letter_id=str(line.letter_id),
        name=line.name,
        meta=f"{line.personnel_number} · {line.organisation}",
        kind=line.kind,
        created=_minute(line.created_at),
        sent=_minute(line.sent_at),
        href=f"{routes.letter_href(line.letter_id)}?lang={lang}",
        no_address=not line.has_address,
    )


class CaseLettersState(AuthState):
    waiting: list[LetterRow] = []
    sent: list[LetterRow] = []
    _hrefs: list[str] = []

    def _show(self, page: letters.LettersPage) -> None:
        self.waiting = [_row(line, self.lang) for line in page.waiting]
        self.sent = [_row(line, self.lang) for line in page.sent]
        self._hrefs = [row.href for row in self.waiting + self.sent]

    @rx.event
    @guarded(Role.CASE_MANAGER)
    def load(self) -> None:
        self.notice_key = ""
        self._show(self._run(letters.do_list_letters))

    @rx.event
    @guarded(Role.CASE_MANAGER)
    def fetch(self, href: str) -> Any:
        """A fresh code first (a stale one sends the tab to the step-up page and back),
        then the browser downloads the PDF itself; only a letter this page listed."""
        if not isinstance(href, str) or href not in self._hrefs:
            return None
        self._run(runner.do_confirm_fresh_code)
        return rx.download(url=href, filename="")

    @rx.event
    @guarded(Role.CASE_MANAGER)
    def mark_sent(self, form_data: dict[str, Any]) -> None:
        raw = str(form_data.get("letter_id", ""))[:12]
        if not raw.isdigit():
            self.notice_key = "letters.unknown"
            return
        try:
            page = self._run(letters.do_mark_sent, int(raw))
        except letters.LetterError as error:
            self.notice_key = error.code
            self._show(self._run(letters.do_list_letters))
            return
        self.notice_key = "letters.marked_sent"
        self._show(page)


def _kind(kind: Any) -> rx.Component:
    return rx.match(kind, *[(k, tr(f"letters.kind.{k}")) for k in KINDS], kind)


def _waiting_item(row: Any) -> rx.Component:
    return rx.el.li(
        rx.el.p(rx.el.strong(row.name), " (", row.meta, ")"),
        rx.el.p(_kind(row.kind), " · ", tr("letters.queued"), " ", row.created, class_name="meta"),
        rx.cond(row.no_address, rx.el.p(tr("letters.no_address"), class_name="warning")),
        rx.el.div(
            rx.el.a(
                tr("letters.print"),
                href=row.href,
                download="",
                class_name="button secondary",
                custom_attrs={"reloadDocument": True},
                on_click=CaseLettersState.fetch(row.href).prevent_default,
            ),
            rx.el.form(
                rx.el.input(type="hidden", name="letter_id", value=row.letter_id),
                rx.el.button(tr("letters.mark_sent"), type="submit", class_name="button"),
                on_submit=CaseLettersState.mark_sent,
                class_name="inline-form",
            ),
            class_name="actions",
        ),
        class_name="card letter",
    )


def _sent_item(row: Any) -> rx.Component:
    return rx.el.li(
        rx.el.strong(row.name),
        " (",
        row.meta,
        ") · ",
        _kind(row.kind),
        " · ",
        tr("letters.sent_on"),
        " ",
        row.sent,
    )


def case_letters_page() -> rx.Component:
    state = CaseLettersState
    waiting: Any = state.waiting
    sent: Any = state.sent
    return portal_page(
        rx.el.h1(tr("letters.title")),
        notice(state.notice_text, state.notice_kind),
        rx.el.p(tr("letters.intro")),
        rx.el.section(
            rx.el.h2(tr("letters.waiting_title")),
            rx.cond(
                waiting.length() > 0,
                rx.el.ul(rx.foreach(waiting, _waiting_item), class_name="plain"),
                rx.el.p(tr("letters.none_waiting")),
            ),
        ),
        rx.el.section(
            rx.el.h2(tr("letters.sent_title")),
            rx.cond(
                sent.length() > 0,
                rx.el.ul(rx.foreach(sent, _sent_item), class_name="plain"),
                rx.el.p(tr("letters.none_sent")),
            ),
            class_name="card",
        ),
    )
