"""A case's two message threads (issue 15 item 5): employee ↔ care team (medical) and
employer ↔ case manager (medical-term checked). ``/messages?case=N&thread=care|employer``
for staff and employer; the employee's own case and its care thread without parameters;
staff and employer without a case see their threads with unread messages. The typed text
travels in the submit event only; the state holds the thread the reader may read (the use
case refuses any other before a row is read)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import reflex as rx

from kwportal.domain.policy import THREADS
from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.services.case import messages
from kwportal.services.views import PolicyDeniedError
from kwportal.ui import routes
from kwportal.ui.components.forms import notice
from kwportal.ui.components.message_thread import MessageRow, message_list, message_rows
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.components.restriction_notice import notice_vars, restriction_notice_as
from kwportal.ui.guard import guarded
from kwportal.ui.routes import case_id_from
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import Localised
from kwportal.ui.text import tr

ROUTE = routes.MESSAGES
FORM_ID = "message-form"
BODY_ID = "message-body"
COUNT_ID = "message-count"
ERROR_ID = "message-error"
LIMIT_ID = "message-limit"
WARNING_ID = "message-warning"
ROLES = (
    Role.EMPLOYEE,
    Role.EMPLOYER_CONTACT,
    Role.COMPANY_DOCTOR,
    Role.CARE_TEAM,
    Role.CASE_MANAGER,
)
#: the counter follows the typing in the browser alone (no event reaches the server)
COUNT_SCRIPT = (
    f"(function(){{var b=document.getElementById('{BODY_ID}'),"
    f"c=document.getElementById('{COUNT_ID}');if(b&&c){{c.textContent=String(b.value.length);}}}})()"
)


@dataclass
class InboxRow:
    href: str = ""
    name: str = ""
    thread: str = ""
    count: str = ""


@dataclass
class ThreadTab:
    thread: str = ""
    href: str = ""
    current: bool = False


def thread_from(url: str) -> str | None:
    """The ``thread`` query parameter when it names a thread, else None."""
    raw = parse_qs(urlsplit(url).query).get("thread", [""])[0]
    return raw if raw in THREADS else None


class MessagesState(Localised, AuthState):
    has_thread: bool = False
    has_inbox: bool = False
    not_found_key: str = ""
    thread: str = ""
    subject_name: str = ""
    may_write: bool = False
    tabs: list[ThreadTab] = []
    rows: list[MessageRow] = []
    inbox: list[InboxRow] = []
    error_key: str = ""
    error_terms: str = ""
    #: the use of the employee's data stopped (issue 17 item 3), as the reader is told
    restricted: bool = False
    restricted_since: str = ""
    restricted_audience: str = "staff"
    _case_id: int = 0

    @rx.var
    def not_found(self) -> str:
        return t(self.not_found_key, self._lang) if self.not_found_key else ""

    @rx.var
    def error_text(self) -> str:
        if not self.error_key:
            return ""
        return (
            t(self.error_key, self._lang)
            .replace("{max}", str(messages.MAX_MESSAGE))
            .replace("{terms}", self.error_terms)
        )

    @rx.var
    def limit_text(self) -> str:
        return t("messages.limit", self._lang).replace("{max}", str(messages.MAX_MESSAGE))

    @rx.var
    def described_by(self) -> str:
        ids = [ERROR_ID] if self.error_key else []
        ids.append(LIMIT_ID)
        if self.thread == "employer":
            ids.append(WARNING_ID)
        return " ".join(ids)

    @rx.var
    def about_person(self) -> str:
        if not self.subject_name:
            return ""
        return t("messages.about_person", self._lang).replace("{name}", self.subject_name)

    @rx.var
    def inbox_lines(self) -> list[list[str]]:
        return [
            [
                row.href,
                t("messages.inbox_line", self._lang)
                .replace("{name}", row.name)
                .replace("{thread}", t(f"messages.thread.{row.thread}", self._lang))
                .replace("{count}", row.count),
            ]
            for row in self.inbox
        ]

    def _clear(self, key: str) -> None:
        self.has_thread, self.has_inbox, self.not_found_key = False, False, key
        self.thread, self.subject_name, self.may_write, self._case_id = "", "", False, 0
        self.tabs, self.rows, self.inbox = [], [], []
        self.error_key, self.error_terms = "", ""
        self.restricted, self.restricted_since = False, ""

    def _show(self, view: messages.ThreadView) -> None:
        self.has_thread, self.has_inbox, self.not_found_key = True, False, ""
        self._case_id, self.thread = view.case_id, view.thread
        self.subject_name, self.may_write = view.subject_name, view.may_write
        self.restricted, self.restricted_since, self.restricted_audience = notice_vars(
            view.restriction, self.role
        )
        self.tabs = [
            ThreadTab(
                thread,
                routes.with_query(ROUTE, case=view.case_id, thread=thread),
                thread == view.thread,
            )
            for thread in view.threads
        ]
        self.rows = message_rows(view.lines)
        self.inbox = []

    def _show_inbox(self, page: messages.MessagesPage) -> None:
        self._clear("")
        self.has_inbox = True
        self.inbox = [
            InboxRow(
                routes.with_query(ROUTE, case=row.case_id, thread=row.thread),
                f"{row.first_name} {row.last_name}".strip(),
                row.thread,
                str(row.count),
            )
            for row in page.inbox
        ]

    @rx.event
    @guarded(*ROLES)
    def load(self) -> None:
        self.notice_key, self.error_key, self.error_terms = "", "", ""
        url = str(self.router.url)
        try:
            page = self._run(messages.do_open_messages, case_id_from(url), thread_from(url))
        except PolicyDeniedError:
            self._clear("messages.not_found")
            return
        if page.no_case:
            self._clear("messages.no_case")
        elif page.thread is None:
            self._show_inbox(page)
        else:
            self._show(page.thread)

    @rx.event
    @guarded(*ROLES)
    def send(self, form_data: dict[str, Any]) -> Any:
        self.notice_key = ""
        if not self._case_id or not self.may_write:
            self._clear("messages.not_found")
            return None
        body = str(form_data.get("body", ""))[: messages.MAX_MESSAGE + 1]
        try:
            view = self._run(messages.do_send_message, self._case_id, self.thread, body)
        except messages.MessageError as error:
            self.error_key, self.error_terms = error.code, ", ".join(error.terms)
            return rx.call_script(f"document.getElementById('{BODY_ID}')?.focus()")
        except PolicyDeniedError:
            self._clear("messages.not_found")
            return None
        self._show(view)
        self.error_key, self.error_terms, self.notice_key = "", "", "messages.sent"
        return rx.call_script(
            f"document.getElementById('{FORM_ID}')?.reset();"
            f"var c=document.getElementById('{COUNT_ID}');if(c){{c.textContent='0';}}"
        )


def _tabs() -> rx.Component:
    state = MessagesState
    tabs: Any = state.tabs
    return rx.cond(
        tabs.length() > 1,
        rx.el.nav(
            rx.el.ul(
                rx.foreach(
                    state.tabs,
                    lambda tab: rx.el.li(
                        rx.el.a(
                            rx.match(
                                tab.thread,
                                *[(th, tr(f"messages.thread.{th}")) for th in THREADS],
                                tab.thread,
                            ),
                            href=tab.href,
                            aria_current=rx.cond(tab.current, "page", "false"),
                        )
                    ),
                ),
                class_name="plain",
            ),
            aria_label=tr("messages.threads_label"),
            class_name="case-links",
        ),
    )


def _form() -> rx.Component:
    state = MessagesState
    invalid = state.error_text != ""
    return rx.el.form(
        rx.cond(
            state.thread == "employer",
            rx.el.p(tr("messages.no_medical"), id=WARNING_ID, class_name="warning"),
        ),
        rx.el.div(
            rx.el.label(tr("messages.body"), html_for=BODY_ID),
            rx.el.p(
                state.limit_text,
                " ",
                rx.el.span("0", id=COUNT_ID),
                f" / {messages.MAX_MESSAGE} ",
                tr("messages.counter"),
                id=LIMIT_ID,
                class_name="hint",
            ),
            rx.el.textarea(
                id=BODY_ID,
                name="body",
                rows=5,
                required=True,
                aria_invalid=rx.cond(invalid, "true", "false"),
                aria_describedby=state.described_by,
                on_change=rx.call_script(COUNT_SCRIPT),
            ),
            rx.cond(
                invalid,
                rx.el.p(state.error_text, id=ERROR_ID, role="alert", class_name="notice"),
            ),
            class_name="field",
        ),
        rx.el.button(tr("messages.send"), type="submit", class_name="button"),
        id=FORM_ID,
        on_submit=MessagesState.send,
        class_name="form",
    )


def _thread() -> rx.Component:
    state = MessagesState
    return rx.el.section(
        _tabs(),
        rx.cond(state.about_person != "", rx.el.p(state.about_person, class_name="meta")),
        restriction_notice_as(state.restricted, state.restricted_since, state.restricted_audience),
        rx.match(
            state.thread,
            ("care", rx.el.p(tr("messages.about_care"), class_name="hint")),
            ("employer", rx.el.p(tr("messages.about_employer"), class_name="hint")),
            rx.el.span(),
        ),
        message_list(state.rows, tr("messages.title")),
        rx.cond(state.may_write, _form(), rx.el.p(tr("messages.read_only"))),
    )


def _inbox() -> rx.Component:
    lines: Any = MessagesState.inbox_lines
    return rx.el.section(
        rx.el.h2(tr("messages.inbox_title")),
        rx.cond(
            lines.length() > 0,
            rx.el.ul(
                rx.foreach(lines, lambda line: rx.el.li(rx.el.a(line[1], href=line[0]))),
                class_name="plain",
            ),
            rx.el.p(tr("messages.inbox_empty")),
        ),
        class_name="card",
    )


def messages_page() -> rx.Component:
    state = MessagesState
    return portal_page(
        rx.el.h1(tr("messages.title")),
        notice(state.notice_text, state.notice_kind),
        rx.cond(state.role == str(Role.EMPLOYEE), rx.el.p(tr("messages.intro_employee"))),
        rx.cond(state.not_found != "", rx.el.p(state.not_found, role="alert", class_name="notice")),
        rx.cond(state.has_thread, _thread()),
        rx.cond(state.has_inbox, _inbox()),
    )
